#include "core/sweep/SweepPlan.h"

#include "core/common/AtomicFile.h"
#include "core/common/Error.h"
#include "core/experiment/ExperimentFile.h"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sb {
namespace {

constexpr const char* kFormat = "scenebench-sweep";
constexpr int kVersion = 1;

nlohmann::json cellJson(const SweepCell& c)
{
    nlohmann::json j = {{"index", c.index}, {"id", c.id}, {"seed", c.seed}};
    if (c.percent > 0) j["percent"] = c.percent;
    else j["split"] = c.split;
    if (!c.ensemble.empty()) j["ensemble"] = c.ensemble;
    return j;
}

nlohmann::json readJsonFile(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw Error("cannot open the sweep's plan (is this a sweep folder? 'sweep plan' makes one)", path);
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("not valid JSON: ") + e.what(), path);
    }
}

}  // namespace

SweepPlan::SweepPlan(std::string path, ExperimentConfig config, std::string experimentFolder)
    : path_(std::move(path)), config_(std::move(config)), experimentFolder_(std::move(experimentFolder)),
      cells_(expandSweep(config_))
{
}

bool SweepPlan::isSweep(const std::string& folder)
{
    return fs::is_regular_file(fs::path(folder) / kPlanFile);
}

SweepPlan SweepPlan::create(const std::string& folder, const ExperimentConfig& config, const std::string& experimentFile,
                            const std::string& experimentFolder)
{
    const std::string path = fs::absolute(folder).lexically_normal().string();
    const fs::path base = !experimentFolder.empty() ? fs::path(experimentFolder)
                          : !experimentFile.empty() ? fs::absolute(experimentFile).parent_path()
                                                    : fs::path();
    SweepPlan plan(path, config, base.empty() ? std::string() : fs::absolute(base).lexically_normal().string());
    const nlohmann::json wanted = plan.toJson(experimentFile);
    if (isSweep(path)) {
        const nlohmann::json existing = readJsonFile((fs::path(path) / kPlanFile).string());
        if (existing.value("experiment", nlohmann::json()) != wanted["experiment"])
            throw Error("holds a different sweep (its sweep.json was planned from another experiment); plan into a "
                        "new folder, or delete this one to start over",
                        path);
        return open(path);  // the same sweep: nothing to do, and the cells run so far stay
    }
    std::error_code ec;
    if (fs::exists(path, ec) && !fs::is_empty(path, ec))
        throw Error("is not empty and holds no sweep.json; plan a sweep into a new or empty folder", path);
    fs::create_directories(path, ec);
    if (ec) throw Error("cannot create the sweep folder: " + ec.message(), path);
    writeFileAtomic((fs::path(path) / kPlanFile).string(), wanted.dump(2) + "\n");
    return plan;
}

SweepPlan SweepPlan::open(const std::string& folder)
{
    const std::string path = fs::absolute(folder).lexically_normal().string();
    const std::string file = (fs::path(path) / kPlanFile).string();
    const nlohmann::json j = readJsonFile(file);
    if (!j.is_object() || j.value("format", "") != kFormat)
        throw Error(std::string("not a SceneBench sweep plan (format must be \"") + kFormat + "\")", file);
    if (!j.contains("version") || !j["version"].is_number_integer() || j["version"].get<int>() > kVersion)
        throw Error("written by a newer SceneBench, or without a version; this one reads version " +
                        std::to_string(kVersion),
                    file);
    std::vector<FieldIssue> issues;
    ExperimentConfig config = experimentFromJson(j.value("experiment", nlohmann::json()), issues);
    if (!issues.empty()) throw ExperimentFileError(file + ": experiment", issues);
    const nlohmann::json folderField = j.value("experiment_folder", nlohmann::json(""));
    if (!folderField.is_string()) throw Error("experiment_folder must be a string", file);
    SweepPlan plan(path, config, folderField.get<std::string>());
    // The cells are derived from the experiment; the stored list says what the user saw
    // and must agree, else the file was edited by hand into something inconsistent.
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : plan.cells_) cells.push_back(cellJson(c));
    if (j.value("cells", nlohmann::json()) != cells)
        throw Error("its cells do not match its experiment's sweep section (edited by hand?); plan the sweep again into "
                    "a new folder",
                    file);
    return plan;
}

nlohmann::json SweepPlan::toJson(const std::string& experimentFile) const
{
    nlohmann::json cells = nlohmann::json::array();
    for (const auto& c : cells_) cells.push_back(cellJson(c));
    return {{"format", kFormat},
            {"version", kVersion},
            {"name", config_.name},
            {"source", experimentFile.empty() ? "" : fs::absolute(experimentFile).lexically_normal().string()},
            {"experiment_folder", experimentFolder_},
            {"experiment", experimentToJson(config_)},
            {"cells", cells}};
}

const SweepCell& SweepPlan::cell(const std::string& id) const
{
    for (const auto& c : cells_)
        if (c.id == id) return c;
    std::string known;
    for (size_t i = 0; i < cells_.size() && i < 8; ++i) known += (i ? ", " : "") + cells_[i].id;
    if (cells_.size() > 8) known += ", ...";
    throw Error("the sweep has no cell '" + id + "' (its cells: " + known + ")", path_);
}

const SweepCell& SweepPlan::cellAt(size_t index) const
{
    if (index >= cells_.size())
        throw Error("the sweep has no cell number " + std::to_string(index) + " (it has " +
                        std::to_string(cells_.size()) + ", numbered from 0)",
                    path_);
    return cells_[index];
}

std::string SweepPlan::runFolder(const SweepCell& cell) const { return (fs::path(path_) / cell.id).string(); }
std::string SweepPlan::attemptsFile(const SweepCell& cell) const
{
    return (fs::path(path_) / "attempts" / (cell.id + ".jsonl")).string();
}
std::string SweepPlan::logFile(const SweepCell& cell) const
{
    return (fs::path(path_) / "logs" / (cell.id + ".log")).string();
}
std::string SweepPlan::slurmFolder() const { return (fs::path(path_) / "slurm").string(); }
std::string SweepPlan::teacherCacheFolder() const { return (fs::path(path_) / "cache" / "teachers").string(); }

}  // namespace sb
