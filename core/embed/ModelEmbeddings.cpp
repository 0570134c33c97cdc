#include "core/embed/ModelEmbeddings.h"

#include "core/common/Error.h"
#include "core/common/Npy.h"

#include <algorithm>
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

// The scene column of embeddings.csv, one entry per data line (blank lines at the end allowed).
std::vector<std::string> readScenes(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw Error("cannot open the clip list of the embeddings", path);
    std::string line;
    if (!std::getline(in, line)) throw Error("empty file; expected the header filename,scene,...", path);
    const std::vector<std::string> header = splitCsvLine(line);
    const auto column = std::find(header.begin(), header.end(), "scene");
    if (column == header.end()) throw Error("the header has no 'scene' column", atLine(path, 1));
    const size_t sceneColumn = static_cast<size_t>(column - header.begin());
    std::vector<std::string> scenes;
    long number = 1;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty() || line == "\r") continue;
        const std::vector<std::string> fields = splitCsvLine(line);
        if (fields.size() != header.size())
            throw Error("expected " + std::to_string(header.size()) + " fields, got " + std::to_string(fields.size()),
                        atLine(path, number));
        if (fields[sceneColumn].empty()) throw Error("empty scene", atLine(path, number));
        scenes.push_back(fields[sceneColumn]);
    }
    return scenes;
}

void requireModelName(const std::string& model)
{
    if (model.empty() || model == "." || model == ".." || model.find('/') != std::string::npos)
        throw Error("invalid model name '" + model + "'", "model");
}

}  // namespace

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
    const std::vector<std::string> scenes = readScenes(csvPath);
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
