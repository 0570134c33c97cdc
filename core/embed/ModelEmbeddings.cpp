#include "core/embed/ModelEmbeddings.h"

#include "core/common/Error.h"
#include "core/common/Npy.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <map>

namespace sb {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> splitCsvLine(std::string line)
{
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    size_t start = 0;
    for (size_t comma; (comma = line.find(',', start)) != std::string::npos; start = comma + 1)
        fields.push_back(line.substr(start, comma - start));
    fields.push_back(line.substr(start));
    return fields;
}

void requireModelName(const std::string& model)
{
    if (model.empty() || model == "." || model == ".." || model.find('/') != std::string::npos)
        throw Error("invalid model name '" + model + "'", "model");
}

}  // namespace

std::vector<EmbeddingClip> readEmbeddingClips(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw Error("cannot open the clip list of the embeddings", path);
    std::string line;
    if (!std::getline(in, line)) throw Error("empty file; expected the header filename,scene,...", path);
    const std::vector<std::string> header = splitCsvLine(line);
    std::array<size_t, 5> column{};
    const std::array<const char*, 5> names = {"filename", "scene", "device", "city", "predicted"};
    for (size_t c = 0; c < names.size(); ++c) {
        const auto found = std::find(header.begin(), header.end(), names[c]);
        if (found == header.end()) throw Error(std::string("the header has no '") + names[c] + "' column", atLine(path, 1));
        column[c] = static_cast<size_t>(found - header.begin());
    }
    std::vector<EmbeddingClip> clips;
    long number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line == "\r") continue;  // blank lines at the end
        const std::vector<std::string> fields = splitCsvLine(line);
        if (fields.size() != header.size())
            throw Error("expected " + std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()),
                        atLine(path, number));
        EmbeddingClip clip{fields[column[0]], fields[column[1]], fields[column[2]], fields[column[3]], fields[column[4]]};
        if (clip.filename.empty()) throw Error("empty file name", atLine(path, number));
        if (clip.scene.empty()) throw Error("empty scene", atLine(path, number));
        clips.push_back(std::move(clip));
    }
    return clips;
}

std::vector<std::string> ModelEmbeddings::modelsWithEmbeddings(const std::string& runDir)
{
    std::vector<std::string> models;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(fs::path(runDir) / "models", ec))
        if (fs::exists(entry.path() / "embeddings.npy")) models.push_back(entry.path().filename().string());
    std::sort(models.begin(), models.end());
    return models;
}

ModelEmbeddings ModelEmbeddings::load(const std::string& runDir, const std::string& model)
{
    requireModelName(model);
    if (!fs::is_directory(runDir)) throw Error("no such run directory", runDir);
    ModelEmbeddings e;
    e.folder = (fs::path(runDir) / "models" / model).string();
    const std::string npyPath = (fs::path(e.folder) / "embeddings.npy").string();
    if (!fs::exists(npyPath)) {
        std::string available;
        for (const auto& m : modelsWithEmbeddings(runDir)) available += (available.empty() ? "" : ", ") + m;
        throw Error("model '" + model + "' has no embeddings (models/" + model + "/embeddings.npy); " +
                        (available.empty() ? "no model of this run has any" : "models with embeddings: " + available),
                    runDir);
    }
    e.values = FloatMatrix::fromNpy(readNpy(npyPath), npyPath);
    const std::string csvPath = (fs::path(e.folder) / "embeddings.csv").string();
    std::vector<std::string> scenes;
    for (EmbeddingClip& clip : readEmbeddingClips(csvPath)) scenes.push_back(std::move(clip.scene));
    if (scenes.size() != e.values.rows)
        throw Error("lists " + std::to_string(scenes.size()) + " clips but embeddings.npy has " +
                        std::to_string(e.values.rows) + " rows",
                    csvPath);
    std::map<std::string, int64_t> index;
    for (const auto& s : scenes) index.emplace(s, 0);
    for (auto& [name, i] : index) {
        i = static_cast<int64_t>(e.sceneNames.size());
        e.sceneNames.push_back(name);
    }
    e.labels.reserve(scenes.size());
    for (const auto& s : scenes) e.labels.push_back(index.at(s));
    return e;
}

}  // namespace sb
