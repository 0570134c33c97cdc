#include "core/experiment/RunDirectory.h"

#include "core/common/AtomicFile.h"
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/experiment/ExperimentFile.h"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sb {
namespace {

// Whether `folder` holds nothing but temporaries of an experiment.json write that a kill
// interrupted (RunDirectory::create's first and only write).
bool onlyTemporaries(const fs::path& folder)
{
    std::error_code ec;
    bool any = false;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        const bool temporary = isAtomicTemporary(name) && name.rfind(std::string(RunDirectory::kExperimentFile) + ".tmp.", 0) == 0;
        if (!temporary || !entry.is_regular_file(ec)) return false;
        any = true;
    }
    return any && !ec;
}

}  // namespace

RunDirectory::RunDirectory(std::string path, ExperimentConfig config) : path_(std::move(path)), config_(std::move(config))
{
}

RunDirectory RunDirectory::create(const std::string& folder, const ExperimentConfig& config)
{
    std::error_code ec;
    if (fs::exists(folder / fs::path(kExperimentFile)))
        throw Error("already holds a run; continue it with 'scenebench-cli resume' or choose a new folder", folder);
    // A run killed while it wrote its experiment.json leaves only that file's temporary:
    // the folder is still this run's to start, not someone else's files.
    if (fs::is_directory(folder, ec) && onlyTemporaries(folder)) removeAtomicTemporaries(folder);
    if (fs::exists(folder) && !fs::is_empty(folder, ec))
        throw Error("folder is not empty; choose a new or empty folder for the run", folder);
    fs::create_directories(folder, ec);
    if (ec) throw Error("cannot create run folder: " + ec.message(), folder);
    writeExperiment((fs::path(folder) / kExperimentFile).string(), config);
    return RunDirectory(folder, config);
}

RunDirectory RunDirectory::open(const std::string& folder)
{
    const auto experiment = fs::path(folder) / kExperimentFile;
    if (!fs::is_directory(folder)) throw Error("run folder does not exist", folder);
    if (!fs::exists(experiment)) throw Error(std::string("not a run folder: it has no ") + kExperimentFile, folder);
    return RunDirectory(folder, readExperiment(experiment.string()));
}

std::string RunDirectory::file(const std::string& relative) const { return (fs::path(path_) / relative).string(); }

std::string RunDirectory::modelFolder(const std::string& model) const
{
    const auto dir = fs::path(path_) / "models" / model;
    fs::create_directories(dir);
    return dir.string();
}

std::string RunDirectory::checkpointPath(const std::string& name) const
{
    const auto dir = fs::path(path_) / "checkpoints";
    fs::create_directories(dir);
    return (dir / (name + ".pt")).string();
}

void RunDirectory::writeJson(const std::string& relative, const nlohmann::json& value) const
{
    writeFileAtomic(file(relative), value.dump(2) + "\n");
}

nlohmann::json RunDirectory::summary() const
{
    std::ifstream in(file(kSummaryFile));
    if (!in) return nlohmann::json::object();
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {  // parse_error, or out_of_range for 1e400
        throw Error(std::string("summary is not valid JSON: ") + e.what(), file(kSummaryFile));
    }
}

void RunDirectory::updateSummary(const std::string& model, const nlohmann::json& entry) const
{
    auto all = summary();
    all[model] = entry;
    writeJson(kSummaryFile, all);
}

void RunDirectory::writePredictions(const std::string& model, const std::vector<std::string>& filenames,
                                    const std::vector<float>& probabilities,
                                    const std::vector<std::string>& classNames) const
{
    const size_t classes = classNames.size();
    if (probabilities.size() != filenames.size() * classes)
        throw Error("predictions do not match the clip list", model);
    std::string text = "filename\tscene_label";
    for (const auto& c : classNames) text += "\t" + c;
    text += "\n";
    char number[32];
    for (size_t i = 0; i < filenames.size(); ++i) {
        const float* p = probabilities.data() + i * classes;
        size_t best = 0;
        for (size_t c = 1; c < classes; ++c)
            if (p[c] > p[best]) best = c;
        text += filenames[i] + "\t" + classNames[best];
        for (size_t c = 0; c < classes; ++c) {
            std::snprintf(number, sizeof number, "\t%.6f", double(p[c]));
            text += number;
        }
        text += "\n";
    }
    writeFileAtomic((fs::path(modelFolder(model)) / "predictions.csv").string(), text);
}

void RunDirectory::writeEmbeddings(const std::string& model, const std::vector<float>& embeddings, int dims,
                                   const std::vector<EmbeddingRow>& rows) const
{
    if (dims <= 0 || embeddings.size() != rows.size() * size_t(dims))
        throw Error("embeddings do not match the clip list", model);
    const auto dir = fs::path(modelFolder(model));
    writeNpy((dir / "embeddings.npy").string(), embeddings.data(), {int64_t(rows.size()), int64_t(dims)});
    std::string text = "filename,scene,device,city,predicted\n";
    for (const auto& r : rows) text += r.filename + "," + r.scene + "," + r.device + "," + r.city + "," + r.predicted + "\n";
    writeFileAtomic((dir / "embeddings.csv").string(), text);
}

bool isRunFinished(const std::string& runFolder)
{
    // The runner's last event; reading the last line is enough (the file can be long).
    std::ifstream in(fs::path(runFolder) / RunDirectory::kMetricsFile, std::ios::binary | std::ios::ate);
    if (!in) return false;
    const std::streamoff size = in.tellg();
    const std::streamoff start = std::max<std::streamoff>(0, size - 4096);
    in.seekg(start);
    std::string tail(size_t(size - start), '\0');
    in.read(tail.data(), std::streamsize(tail.size()));
    while (!tail.empty() && tail.back() == '\n') tail.pop_back();
    const auto event = nlohmann::json::parse(tail.substr(tail.rfind('\n') + 1), nullptr, false);
    return event.is_object() && event.value("model", "") == "run" && event.value("stage", "") == "evaluate" &&
           event.value("status", "") == "finished";
}

}  // namespace sb
