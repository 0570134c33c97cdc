#include "core/experiment/ExperimentFile.h"

#include "core/common/AtomicFile.h"
#include "core/experiment/JsonFieldReader.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>

namespace sb {
namespace {

constexpr const char* kFormat = "scenebench-experiment";
// Experiment files are a few kB; a larger one is not an experiment file (and is not read).
constexpr uint64_t kMaxExperimentBytes = 1u << 20;
using nlohmann::json;

std::string describe(const std::vector<FieldIssue>& issues)
{
    std::string text = std::to_string(issues.size()) + (issues.size() == 1 ? " problem" : " problems") + ":";
    for (const auto& i : issues) text += "\n  " + i.field + ": " + i.message;
    return text;
}

// ---- reading ----

void readOptimizer(JsonFieldReader r, OptimizerConfig& o)
{
    r.read("type", o.type);
    r.read("lr", o.lr);
    r.readPair("betas", o.beta1, o.beta2);
    r.read("weight_decay", o.weightDecay);
    r.finish();
}

void readSchedule(JsonFieldReader r, ScheduleConfig& s)
{
    r.read("type", s.type);
    r.read("warmup_epochs", s.warmupEpochs);
    r.read("decay_epochs", s.decayEpochs);
    r.read("final_factor", s.finalFactor);
    r.read("t0", s.t0);
    r.read("t_mult", s.tMult);
    r.finish();
}

void readAugment(JsonFieldReader r, AugmentConfig& a)
{
    r.read("mixup_alpha", a.mixupAlpha);
    r.read("specaugment_p", a.specAugmentP);
    r.read("freqmixstyle_alpha", a.freqMixStyleAlpha);
    r.read("freqmixstyle_p", a.freqMixStyleP);
    r.read("device_ir_p", a.deviceIrP);
    r.finish();
}

TeacherConfig readTeacher(JsonFieldReader r)
{
    TeacherConfig t;
    r.read("name", t.name);
    r.read("variant", t.variant);
    r.read("checkpoint", t.checkpoint);
    r.read("frozen", t.frozen);
    r.read("layer_decay", t.layerDecay);
    r.read("epochs", t.epochs);
    r.read("batch_size", t.batchSize);
    r.read("max_epoch_clips", t.maxEpochClips);
    r.read("probe_epochs", t.probeEpochs);
    readOptimizer(r.object("optimizer"), t.optimizer);
    readSchedule(r.object("schedule"), t.schedule);
    readAugment(r.object("augment"), t.augment);
    r.finish();
    return t;
}

void readStudent(JsonFieldReader r, StudentConfig& s)
{
    r.read("width", s.width);
    r.read("depth", s.depth);
    r.read("mels", s.mels);
    r.read("epochs", s.epochs);
    r.read("batch_size", s.batchSize);
    r.read("max_epoch_clips", s.maxEpochClips);
    r.read("also_without_kd", s.alsoWithoutKd);
    readOptimizer(r.object("optimizer"), s.optimizer);
    readSchedule(r.object("schedule"), s.schedule);
    readAugment(r.object("augment"), s.augment);
    JsonFieldReader kd = r.object("kd");
    kd.read("temperature", s.kd.temperature);
    kd.read("lambda", s.kd.lambda);
    kd.finish();
    r.finish();
}

void readDataset(JsonFieldReader r, DatasetConfig& d)
{
    r.read("path", d.path);
    r.read("split", d.split);
    r.read("percent", d.percent);
    r.read("subset_seed", d.subsetSeed);
    r.read("impulse_responses", d.impulseResponses);
    r.read("validation_percent", d.validationPercent);
    r.finish();
}

void readSweep(JsonFieldReader r, SweepConfig& w)
{
    w.present = true;
    r.read("splits", w.splits);
    r.read("percents", w.percents);
    r.read("seeds", w.seeds);
    r.read("ensembles", w.ensembles);
    r.finish();
}

// ---- writing ----

json toJson(const OptimizerConfig& o)
{
    return {{"type", o.type}, {"lr", o.lr}, {"betas", {o.beta1, o.beta2}}, {"weight_decay", o.weightDecay}};
}

json toJson(const ScheduleConfig& s)
{
    json j = {{"type", s.type}};
    if (s.type == "warmup_linear") {
        j["warmup_epochs"] = s.warmupEpochs;
        j["decay_epochs"] = s.decayEpochs;
        j["final_factor"] = s.finalFactor;
    } else if (s.type == "cosine_restarts") {
        j["t0"] = s.t0;
        j["t_mult"] = s.tMult;
    }
    return j;
}

json toJson(const AugmentConfig& a)
{
    return {{"mixup_alpha", a.mixupAlpha},       {"specaugment_p", a.specAugmentP},
            {"freqmixstyle_alpha", a.freqMixStyleAlpha}, {"freqmixstyle_p", a.freqMixStyleP},
            {"device_ir_p", a.deviceIrP}};
}

json toJson(const TeacherConfig& t)
{
    json j = {{"name", t.name},         {"variant", t.variant},       {"checkpoint", t.checkpoint},
              {"frozen", t.frozen},     {"layer_decay", t.layerDecay}, {"epochs", t.epochs},
              {"batch_size", t.batchSize}, {"optimizer", toJson(t.optimizer)}, {"schedule", toJson(t.schedule)},
              {"augment", toJson(t.augment)}};
    if (t.maxEpochClips > 0) j["max_epoch_clips"] = t.maxEpochClips;  // absent = every clip, as before
    if (t.probeEpochs > 0) j["probe_epochs"] = t.probeEpochs;          // absent = none, as before
    return j;
}

}  // namespace

ExperimentFileError::ExperimentFileError(const std::string& path, std::vector<FieldIssue> issues)
    : Error("invalid experiment file, " + describe(issues), path), issues_(std::move(issues))
{
}

ExperimentConfig experimentFromJson(const json& document, std::vector<FieldIssue>& issues)
{
    ExperimentConfig c;
    JsonFieldReader r(document, "", issues);
    std::string format;
    int version = 0;
    if (!r.read("format", format) || format != kFormat)
        r.issue("format", std::string("must be \"") + kFormat + "\" (is this a SceneBench experiment file?)");
    if (!r.read("version", version)) r.issue("version", "is missing");
    else if (version > ExperimentConfig::kVersion)
        r.issue("version", "is " + std::to_string(version) + ": written by a newer SceneBench (this one reads up to " +
                               std::to_string(ExperimentConfig::kVersion) + ")");
    else if (version < 1) r.issue("version", "must be at least 1");
    r.read("name", c.name);
    r.read("description", c.description);
    r.read("seed", c.seed);
    r.read("threads", c.threads);
    r.read("device", c.device);
    readDataset(r.object("dataset"), c.dataset);
    const json& teachers = r.array("teachers");
    for (size_t i = 0; i < teachers.size(); ++i)
        c.teachers.push_back(readTeacher(JsonFieldReader(teachers[i], "teachers[" + std::to_string(i) + "]", issues)));
    r.read("ensemble", c.ensemble);
    readStudent(r.object("student"), c.student);
    if (document.is_object() && document.contains("sweep")) readSweep(r.object("sweep"), c.sweep);
    r.finish();
    if (issues.empty()) issues = validate(c);  // value rules only make sense on a well-formed file
    return c;
}

json experimentToJson(const ExperimentConfig& c)
{
    json teachers = json::array();
    for (const auto& t : c.teachers) teachers.push_back(toJson(t));
    json dataset = {{"path", c.dataset.path}, {"subset_seed", c.dataset.subsetSeed}};
    if (c.dataset.percent > 0) dataset["percent"] = c.dataset.percent;
    else dataset["split"] = c.dataset.split;
    if (!c.dataset.impulseResponses.empty()) dataset["impulse_responses"] = c.dataset.impulseResponses;
    if (c.dataset.validationPercent != 100.0) dataset["validation_percent"] = c.dataset.validationPercent;
    const auto& s = c.student;
    json student = {{"width", s.width},
                    {"depth", s.depth},
                    {"mels", s.mels},
                    {"epochs", s.epochs},
                    {"batch_size", s.batchSize},
                    {"optimizer", toJson(s.optimizer)},
                    {"schedule", toJson(s.schedule)},
                    {"augment", toJson(s.augment)},
                    {"kd", {{"temperature", s.kd.temperature}, {"lambda", s.kd.lambda}}},
                    {"also_without_kd", s.alsoWithoutKd}};
    if (s.maxEpochClips > 0) student["max_epoch_clips"] = s.maxEpochClips;
    json document = {{"format", kFormat},     {"version", ExperimentConfig::kVersion},
                     {"name", c.name},        {"description", c.description},
                     {"seed", c.seed},        {"threads", c.threads},
                     {"device", c.device},    {"dataset", dataset},
                     {"teachers", teachers},  {"ensemble", c.ensemble},
                     {"student", student}};
    if (c.sweep.present)
        document["sweep"] = {{"splits", c.sweep.splits}, {"percents", c.sweep.percents},
                             {"seeds", c.sweep.seeds}, {"ensembles", c.sweep.ensembles}};
    return document;
}

ExperimentConfig parseExperiment(const std::string& text, std::vector<FieldIssue>& issues)
{
    json document;
    try {
        document = json::parse(text);
    } catch (const json::parse_error& e) {
        // Turn the byte offset into line:column, which is what an editor shows.
        const size_t offset = std::min(text.size(), e.byte > 0 ? size_t(e.byte - 1) : size_t(0));
        const long line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n');
        const size_t lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
        const size_t column = offset - (lineStart == std::string::npos ? 0 : lineStart + 1) + 1;
        issues.push_back({"line " + std::to_string(line) + ", column " + std::to_string(column),
                          "not valid JSON: " + std::string(e.what()).substr(std::string(e.what()).find(':') + 2)});
        return ExperimentConfig{};
    } catch (const json::exception& e) {
        // Not a syntax error but still unreadable, e.g. a number too large for a double (1e400).
        issues.push_back({"(file)", "not valid JSON: " + std::string(e.what()).substr(std::string(e.what()).find(']') + 2)});
        return ExperimentConfig{};
    }
    return experimentFromJson(document, issues);
}

ExperimentConfig readExperiment(const std::string& path)
{
    // A FIFO would block and /dev/zero never end: regular files of a sane size only.
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found) throw Error("experiment file does not exist", path);
    if (ec) throw Error("cannot access experiment file: " + ec.message(), path);
    if (!std::filesystem::is_regular_file(status)) throw Error("not a regular file (a folder, device or pipe)", path);
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxExperimentBytes)
        throw Error("experiment file is " + std::to_string(size) + " bytes, more than the " +
                        std::to_string(kMaxExperimentBytes) + " (1 MiB) allowed; experiment files are a few kB",
                    path);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open experiment file", path);
    std::string text(kMaxExperimentBytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxExperimentBytes) throw Error("experiment file grew past 1 MiB while it was read", path);
    std::vector<FieldIssue> issues;
    ExperimentConfig config = parseExperiment(text, issues);
    if (!issues.empty()) throw ExperimentFileError(path, std::move(issues));
    return config;
}

void writeExperiment(const std::string& path, const ExperimentConfig& config)
{
    writeFileAtomic(path, experimentToJson(config).dump(2) + "\n");
}

}  // namespace sb
