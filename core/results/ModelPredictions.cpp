#include "core/results/ModelPredictions.h"

#include "core/common/Error.h"
#include "core/data/ClipName.h"
#include "core/data/TsvReader.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace sb {

namespace {

std::string where(const std::string& path, long line) { return path + ":" + std::to_string(line); }

float parseProbability(const std::string& text, const std::string& at)
{
    errno = 0;
    char* end = nullptr;
    const float value = std::strtof(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno == ERANGE || !(value >= 0.0f && value <= 1.0f))
        throw Error("'" + text + "' is not a probability in [0, 1]", at);
    return value;
}

// Pipeline order: the teachers (any other name) by name, ensemble, student, its int8
// model, student-nokd, its int8 model.
int modelRank(const std::string& name)
{
    if (name == "ensemble") return 1;
    if (name == "student") return 2;
    if (name == "student-int8") return 3;
    if (name == "student-nokd") return 4;
    if (name == "student-nokd-int8") return 5;
    return 0;
}

}  // namespace

ModelPredictions ModelPredictions::load(const std::string& runDir, const std::string& model)
{
    return read((fs::path(runDir) / "models" / model / "predictions.csv").string(), model);
}

ModelPredictions ModelPredictions::read(const std::string& csvPath, const std::string& model)
{
    std::ifstream in(csvPath, std::ios::binary);
    if (!in) throw Error("cannot open the predictions file", csvPath);
    ModelPredictions result;
    result.model = model;
    std::string line;
    if (!std::getline(in, line)) throw Error("empty file: expected a header 'filename<TAB>scene_label<TAB><scenes...>'", where(csvPath, 1));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto header = splitTabs(line);
    if (header.size() < 3 || header[0] != "filename" || header[1] != "scene_label")
        throw Error("header must be 'filename<TAB>scene_label<TAB><one column per scene>'", where(csvPath, 1));
    result.classNames.assign(header.begin() + 2, header.end());
    const size_t classes = result.classNames.size();
    long number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        const std::string at = where(csvPath, number);
        const auto fields = splitTabs(line);
        if (fields.size() != classes + 2)
            throw Error("expected " + std::to_string(classes + 2) + " tab-separated fields, found " +
                            std::to_string(fields.size()), at);
        ClipPrediction clip;
        clip.filename = fields[0];
        std::string why;
        const auto name = parseClipName(clip.filename, &why);
        if (!name) throw Error("'" + clip.filename + "' is not a TAU22 clip name: " + why, at);
        clip.city = name->city;
        clip.device = name->device;
        const auto truth = std::find(result.classNames.begin(), result.classNames.end(), name->scene);
        if (truth == result.classNames.end()) throw Error("the clip's scene '" + name->scene + "' is not a column", at);
        clip.trueClass = int(truth - result.classNames.begin());
        const auto predicted = std::find(result.classNames.begin(), result.classNames.end(), fields[1]);
        if (predicted == result.classNames.end()) throw Error("scene_label '" + fields[1] + "' is not a column", at);
        clip.predictedClass = int(predicted - result.classNames.begin());
        clip.probabilities.reserve(classes);
        for (size_t c = 0; c < classes; ++c) clip.probabilities.push_back(parseProbability(fields[c + 2], at));
        result.clips.push_back(std::move(clip));
    }
    return result;
}

std::vector<std::string> ModelPredictions::modelsWithPredictions(const std::string& runDir)
{
    std::vector<std::string> models;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(runDir) / "models", ec))
        if (fs::is_regular_file(entry.path() / "predictions.csv", ec)) models.push_back(entry.path().filename().string());
    std::sort(models.begin(), models.end(), [](const std::string& a, const std::string& b) {
        const int ra = modelRank(a), rb = modelRank(b);
        return ra != rb ? ra < rb : a < b;
    });
    return models;
}

std::vector<std::pair<int, float>> ModelPredictions::topK(size_t clip, int k) const
{
    const auto& p = clips.at(clip).probabilities;
    std::vector<std::pair<int, float>> ranked;
    for (size_t c = 0; c < p.size(); ++c) ranked.emplace_back(int(c), p[c]);
    const size_t n = std::min(ranked.size(), size_t(std::max(k, 0)));
    std::partial_sort(ranked.begin(), ranked.begin() + long(n), ranked.end(),
                      [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    ranked.resize(n);
    return ranked;
}

long ModelPredictions::find(const std::string& filename) const
{
    for (size_t i = 0; i < clips.size(); ++i)
        if (clips[i].filename == filename) return long(i);
    return -1;
}

EvaluationResult ModelPredictions::evaluation() const
{
    std::vector<int> labels;
    std::vector<std::string> devices;
    std::vector<float> probabilities;
    std::vector<int> predicted;
    for (const auto& clip : clips) {
        labels.push_back(clip.trueClass);
        devices.push_back(clip.device);
        probabilities.insert(probabilities.end(), clip.probabilities.begin(), clip.probabilities.end());
        predicted.push_back(clip.predictedClass);
    }
    // The file's label column decides (probabilities rounded to 6 decimals can tie), so
    // the matrices always count exactly the clips clipsInCell() lists.
    return evaluate(labels, devices, probabilities, int(classNames.size()), predicted);
}

std::vector<size_t> ModelPredictions::clipsInCell(const std::string& device, int truth, int predicted) const
{
    std::vector<size_t> found;
    for (size_t i = 0; i < clips.size(); ++i) {
        const auto& c = clips[i];
        if (c.trueClass == truth && c.predictedClass == predicted && (device.empty() || c.device == device))
            found.push_back(i);
    }
    return found;
}

std::vector<size_t> ModelPredictions::misclassified(const std::string& device) const
{
    std::vector<size_t> found;
    for (size_t i = 0; i < clips.size(); ++i) {
        const auto& c = clips[i];
        if (c.trueClass != c.predictedClass && (device.empty() || c.device == device)) found.push_back(i);
    }
    return found;
}

}  // namespace sb
