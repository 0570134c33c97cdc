#include "core/experiment/ExperimentConfig.h"

#include "core/common/Error.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace sb {

TeacherConfig paperTeacher(const std::string& variant, const std::string& name, const std::string& checkpoint)
{
    // Source: science.md, "The method", table of teacher variants (seed code configs).
    TeacherConfig t;
    t.name = name;
    t.variant = variant;
    t.checkpoint = checkpoint;
    t.augment.mixupAlpha = 0.3;
    if (variant == "ssl_frozen") {  // SSL*: frozen encoder, Adam 1e-3 constant, 256 x 60
        // The encoder's outputs are computed once and cached, so spectrogram
        // augmentations (SpecAugment in the seed code) cannot apply; MixUp of the
        // cached embeddings does.
        t.frozen = true;
        t.optimizer = {"adam", 1e-3, 0.9, 0.999, 0.0};
        t.schedule.type = "constant";
        t.batchSize = 256;
        t.epochs = 60;
    } else if (variant == "ssl" || variant == "ssl_sl") {  // trained encoder, AdamW, warm-up + linear decay
        t.frozen = false;
        t.augment.specAugmentP = 0.2;
        t.optimizer = {"adamw", 1e-5, 0.9, 0.98, 0.01};
        t.schedule = {"warmup_linear", 4, 26, 0.005, 10, 2};
        t.batchSize = 128;
        t.epochs = 30;
        t.augment.freqMixStyleAlpha = 0.4;
        t.augment.freqMixStyleP = 0.4;
        t.augment.deviceIrP = 0.6;
    } else {
        throw Error("unknown teacher variant '" + variant + "' (allowed: ssl_frozen, ssl, ssl_sl)", "paperTeacher");
    }
    return t;
}

namespace {

class IssueList {
public:
    void check(bool ok, const std::string& field, const std::string& message)
    {
        if (!ok) issues.push_back({field, message});
    }
    template <typename T>
    void range(T value, T min, T max, const std::string& field)
    {
        std::ostringstream s;
        s << "must be between " << min << " and " << max << ", got " << value;
        check(value >= min && value <= max, field, s.str());
    }
    void oneOf(const std::string& value, std::initializer_list<const char*> allowed, const std::string& field)
    {
        std::string list;
        bool found = false;
        for (const char* a : allowed) {
            list += (list.empty() ? "" : ", ") + std::string(a);
            found = found || value == a;
        }
        check(found, field, "must be one of " + list + ", got '" + value + "'");
    }
    std::vector<FieldIssue> issues;
};

void validateOptimizer(IssueList& v, const OptimizerConfig& o, const std::string& at)
{
    v.oneOf(o.type, {"adam", "adamw"}, at + ".type");
    v.check(o.lr > 0 && o.lr <= 1, at + ".lr", "must be in (0, 1], got " + std::to_string(o.lr));
    v.check(o.beta1 >= 0 && o.beta1 < 1, at + ".betas", "beta1 must be in [0, 1)");
    v.check(o.beta2 >= 0 && o.beta2 < 1, at + ".betas", "beta2 must be in [0, 1)");
    v.range(o.weightDecay, 0.0, 1.0, at + ".weight_decay");
}

void validateSchedule(IssueList& v, const ScheduleConfig& s, const std::string& at)
{
    v.oneOf(s.type, {"constant", "warmup_linear", "cosine_restarts"}, at + ".type");
    if (s.type == "warmup_linear") {
        v.range(s.warmupEpochs, 0, 10000, at + ".warmup_epochs");
        v.range(s.decayEpochs, 1, 10000, at + ".decay_epochs");
        v.range(s.finalFactor, 0.0, 1.0, at + ".final_factor");
    } else if (s.type == "cosine_restarts") {
        v.range(s.t0, 1, 10000, at + ".t0");
        v.range(s.tMult, 1, 10, at + ".t_mult");
    }
}

void validateAugment(IssueList& v, const AugmentConfig& a, const std::string& at)
{
    v.range(a.mixupAlpha, 0.0, 10.0, at + ".mixup_alpha");
    v.range(a.specAugmentP, 0.0, 1.0, at + ".specaugment_p");
    v.check(a.freqMixStyleAlpha > 0 && a.freqMixStyleAlpha <= 10, at + ".freqmixstyle_alpha",
            "must be in (0, 10]");
    v.range(a.freqMixStyleP, 0.0, 1.0, at + ".freqmixstyle_p");
    v.range(a.deviceIrP, 0.0, 1.0, at + ".device_ir_p");
}

void validateTeacher(IssueList& v, const TeacherConfig& t, const std::string& at)
{
    v.check(!t.name.empty(), at + ".name", "must not be empty");
    v.oneOf(t.variant, {"ssl_frozen", "ssl", "ssl_sl"}, at + ".variant");
    v.check(!t.checkpoint.empty(), at + ".checkpoint",
            "must be a BEATs checkpoint path, or \"demo\" for the demo's pre-trained teacher");
    v.check(t.layerDecay > 0 && t.layerDecay <= 1, at + ".layer_decay", "must be in (0, 1]");
    v.range(t.epochs, 1, 10000, at + ".epochs");
    v.range(t.batchSize, 1, 4096, at + ".batch_size");
    v.range(t.maxEpochClips, 0, 10000000, at + ".max_epoch_clips");
    v.range(t.probeEpochs, 0, 10000, at + ".probe_epochs");
    v.check(!t.frozen || t.probeEpochs == 0, at + ".probe_epochs",
            "must be 0 for a frozen teacher: only its head learns anyway");
    validateOptimizer(v, t.optimizer, at + ".optimizer");
    validateSchedule(v, t.schedule, at + ".schedule");
    validateAugment(v, t.augment, at + ".augment");
    if (t.frozen) {
        const std::string why = "must be 0 for a frozen teacher: its encoder outputs are cached, so only mixup_alpha applies";
        v.check(t.augment.specAugmentP == 0, at + ".augment.specaugment_p", why);
        v.check(t.augment.freqMixStyleP == 0, at + ".augment.freqmixstyle_p", why);
        v.check(t.augment.deviceIrP == 0, at + ".augment.device_ir_p", why);
    }
}

void validateStudent(IssueList& v, const StudentConfig& s)
{
    // TF-SepNet: channel shuffle needs even widths at 1, 1.5, 2 and 2.5 x C, so C % 4 == 0;
    // the stem (4x) and three max-pools (8x) divide the mel axis by 32.
    v.check(s.width >= 8 && s.width <= 512 && s.width % 4 == 0, "student.width",
            "must be a multiple of 4 between 8 and 512, got " + std::to_string(s.width));
    v.check(s.depth == 16 || s.depth == 17, "student.depth", "must be 16 or 17, got " + std::to_string(s.depth));
    v.check(s.mels >= 64 && s.mels <= 1024 && s.mels % 32 == 0, "student.mels",
            "must be a multiple of 32 between 64 and 1024, got " + std::to_string(s.mels));
    v.range(s.epochs, 1, 10000, "student.epochs");
    v.range(s.batchSize, 1, 4096, "student.batch_size");
    v.range(s.maxEpochClips, 0, 10000000, "student.max_epoch_clips");
    validateOptimizer(v, s.optimizer, "student.optimizer");
    validateSchedule(v, s.schedule, "student.schedule");
    validateAugment(v, s.augment, "student.augment");
    v.check(s.kd.temperature > 0 && s.kd.temperature <= 100, "student.kd.temperature", "must be in (0, 100]");
    v.range(s.kd.lambda, 0.0, 1.0, "student.kd.lambda");
}

template <typename T>
bool hasDuplicates(std::vector<T> values)
{
    std::sort(values.begin(), values.end());
    return std::adjacent_find(values.begin(), values.end()) != values.end();
}

void validateSweep(IssueList& v, const ExperimentConfig& c, const std::set<std::string>& teachers)
{
    const SweepConfig& w = c.sweep;
    for (size_t i = 0; i < w.splits.size(); ++i) {
        const int s = w.splits[i];
        v.check(s == 5 || s == 10 || s == 25 || s == 50 || s == 100, "sweep.splits[" + std::to_string(i) + "]",
                "must be one of 5, 10, 25, 50, 100, got " + std::to_string(s));
    }
    for (size_t i = 0; i < w.percents.size(); ++i)
        v.check(w.percents[i] > 0 && w.percents[i] <= 100, "sweep.percents[" + std::to_string(i) + "]",
                "must be in (0, 100], got " + std::to_string(w.percents[i]));
    for (size_t i = 0; i < w.seeds.size(); ++i) v.range(w.seeds[i], 0, 1 << 30, "sweep.seeds[" + std::to_string(i) + "]");
    v.check(!hasDuplicates(w.splits), "sweep.splits", "lists a split twice");
    v.check(!hasDuplicates(w.percents), "sweep.percents", "lists a percentage twice");
    v.check(!hasDuplicates(w.seeds), "sweep.seeds", "lists a seed twice");
    std::vector<std::vector<std::string>> sets;
    for (size_t i = 0; i < w.ensembles.size(); ++i) {
        const std::string at = "sweep.ensembles[" + std::to_string(i) + "]";
        v.check(!w.ensembles[i].empty(), at, "must name at least one teacher");
        for (size_t j = 0; j < w.ensembles[i].size(); ++j)
            v.check(teachers.count(w.ensembles[i][j]) > 0, at + "[" + std::to_string(j) + "]",
                    "'" + w.ensembles[i][j] + "' is not the name of a teacher");
        v.check(!hasDuplicates(w.ensembles[i]), at, "names a teacher twice");
        auto set = w.ensembles[i];
        std::sort(set.begin(), set.end());
        sets.push_back(set);
    }
    v.check(!hasDuplicates(sets), "sweep.ensembles", "lists the same ensemble twice");
    const size_t cells = std::max<size_t>(1, w.splits.size() + w.percents.size()) * std::max<size_t>(1, w.seeds.size()) *
                         std::max<size_t>(1, w.ensembles.size());
    v.check(cells <= SweepConfig::kMaxCells, "sweep",
            "expands into " + std::to_string(cells) + " cells, more than the " + std::to_string(SweepConfig::kMaxCells) +
                " allowed");
}

}  // namespace

std::vector<FieldIssue> validate(const ExperimentConfig& c)
{
    IssueList v;
    v.check(!c.name.empty(), "name", "must not be empty");
    v.check(!c.dataset.path.empty(), "dataset.path", "must be a TAU22 folder or \"demo\"");
    if (c.dataset.percent == 0) {
        v.check(c.dataset.split == 5 || c.dataset.split == 10 || c.dataset.split == 25 || c.dataset.split == 50 ||
                    c.dataset.split == 100,
                "dataset.split", "must be one of 5, 10, 25, 50, 100, got " + std::to_string(c.dataset.split));
    } else {
        v.check(c.dataset.percent > 0 && c.dataset.percent <= 100, "dataset.percent",
                "must be in (0, 100], got " + std::to_string(c.dataset.percent));
    }
    v.range(c.dataset.subsetSeed, 0, 1 << 30, "dataset.subset_seed");
    v.check(c.dataset.validationPercent > 0 && c.dataset.validationPercent <= 100, "dataset.validation_percent",
            "must be in (0, 100], got " + std::to_string(c.dataset.validationPercent));

    std::set<std::string> names;
    for (size_t i = 0; i < c.teachers.size(); ++i) {
        const std::string at = "teachers[" + std::to_string(i) + "]";
        validateTeacher(v, c.teachers[i], at);
        v.check(names.insert(c.teachers[i].name).second, at + ".name",
                "'" + c.teachers[i].name + "' is used by another teacher");
    }
    for (size_t i = 0; i < c.ensemble.size(); ++i)
        v.check(names.count(c.ensemble[i]) > 0, "ensemble[" + std::to_string(i) + "]",
                "'" + c.ensemble[i] + "' is not the name of a teacher");
    v.check(!c.teachers.empty() || c.student.kd.lambda == 1.0, "teachers",
            "distillation needs at least one teacher (or set student.kd.lambda to 1 for no KD)");
    validateStudent(v, c.student);
    if (c.sweep.present) validateSweep(v, c, names);
    v.range(c.seed, 0, 1 << 30, "seed");
    v.range(c.threads, 0, 1024, "threads");
    v.oneOf(c.device, {"cpu", "cuda"}, "device");
    return v.issues;
}

}  // namespace sb
