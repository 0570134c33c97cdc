#include "core/results/RunRecord.h"

#include "core/common/Error.h"
#include "core/experiment/RunDirectory.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sb {

namespace {

double number(const nlohmann::json& object, const char* key)
{
    const auto it = object.find(key);
    return it != object.end() && it->is_number() ? it->get<double>() : std::numeric_limits<double>::quiet_NaN();
}

ModelScores scoresOf(const nlohmann::json& entry)
{
    ModelScores s;
    s.accuracy = number(entry, "accuracy");
    s.seen = number(entry, "accuracy_seen_devices");
    s.unseen = number(entry, "accuracy_unseen_devices");
    s.clips = entry.value("clips", 0L);
    if (const auto it = entry.find("accuracy_per_device"); it != entry.end() && it->is_object())
        for (const auto& [device, value] : it->items())
            if (value.is_number()) s.perDevice[device] = value.get<double>();
    return s;
}

// The wall time (the last complete event's time) and whether the run's final event is
// there. Both are at the end of the log, which grows by one line per training step: read
// only its tail, so listing a project's runs stays cheap however long they trained.
void readMetrics(const std::string& path, RunRecord& record)
{
    constexpr std::streamoff kTailBytes = 64 * 1024;
    std::ifstream in(path, std::ios::binary);
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    std::string line;
    if (size > kTailBytes) {
        in.seekg(size - kTailBytes);
        std::getline(in, line);  // most likely the end of a line cut in two: not an event
    } else {
        in.seekg(0);
    }
    while (std::getline(in, line)) {
        // A line still being written (no newline yet, or cut off) does not parse: skip it.
        const auto event = nlohmann::json::parse(line, nullptr, false);
        if (!event.is_object()) continue;
        if (const auto t = event.find("time"); t != event.end() && t->is_number()) record.wallSeconds = t->get<double>();
        if (event.value("model", "") == "run" && event.value("stage", "") == "evaluate" &&
            event.value("status", "") == "finished")
            record.finished = true;
    }
}

bool isRun(const fs::path& folder)
{
    std::error_code ec;
    return fs::is_regular_file(folder / RunDirectory::kExperimentFile, ec) &&
           fs::is_regular_file(folder / RunDirectory::kMetricsFile, ec);
}

}  // namespace

RunRecord RunRecord::load(const std::string& runDir)
{
    const RunDirectory run = RunDirectory::open(runDir);
    RunRecord record;
    record.path = fs::absolute(runDir).lexically_normal().string();
    if (!record.path.empty() && record.path.back() == '/') record.path.pop_back();
    record.name = fs::path(record.path).filename().string();
    record.config = run.config();
    record.splitPercent = record.config.dataset.percent > 0 ? record.config.dataset.percent : record.config.dataset.split;
    record.seed = record.config.seed;
    const nlohmann::json summary = run.summary();
    if (!summary.is_object()) throw Error("summary is not a JSON object", run.file(RunDirectory::kSummaryFile));
    for (const auto& [model, entry] : summary.items())
        if (entry.is_object()) record.models[model] = scoresOf(entry);
    readMetrics(run.metricsPath(), record);
    return record;
}

std::vector<std::string> RunRecord::find(const std::string& folder)
{
    std::vector<std::string> runs;
    std::error_code ec;
    auto scan = [&](const fs::path& dir, int depth, auto& self) -> void {
        for (const auto& entry : fs::directory_iterator(dir, ec)) {
            if (!entry.is_directory(ec)) continue;
            if (isRun(entry.path())) runs.push_back(entry.path().lexically_normal().string());
            else if (depth > 0) self(entry.path(), depth - 1, self);
        }
    };
    const fs::path root(folder);
    if (isRun(root)) runs.push_back(root.lexically_normal().string());
    else scan(root, 2, scan);  // runs/<run>, or runs/<sweep>/<cell>
    std::sort(runs.begin(), runs.end());
    return runs;
}

std::string RunRecord::datasetRoot(const std::string& demoFolder) const { return datasetRootOf(path, demoFolder); }

std::string RunRecord::datasetRootOf(const std::string& runDir, const std::string& demoFolder)
{
    std::ifstream in(fs::path(runDir) / "dataset.json");
    if (in) {
        const auto written = nlohmann::json::parse(in, nullptr, false);
        if (written.is_object() && written.contains("root") && written["root"].is_string())
            return written["root"].get<std::string>();
    }
    const std::string configured = RunDirectory::open(runDir).config().dataset.path;
    if (configured == "demo") return demoFolder;
    const fs::path p(configured);
    const fs::path run = fs::absolute(runDir).lexically_normal();
    return p.is_absolute() ? configured : (run.parent_path() / p).lexically_normal().string();
}

}  // namespace sb
