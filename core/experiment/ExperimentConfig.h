#pragma once
// Every knob of a SceneBench run, as plain values. The in-class initialisers are THE
// defaults (one place); paperTeacher()/paperStudent() hold the seed paper's recipes.
// ExperimentFile.h reads and writes these as versioned JSON.
#include <string>
#include <vector>

namespace sb {

struct OptimizerConfig {
    std::string type = "adam";  // adam | adamw
    double lr = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double weightDecay = 0.0;
};

struct ScheduleConfig {
    std::string type = "constant";  // constant | warmup_linear | cosine_restarts
    // warmup_linear: exponential warm-up over warmupEpochs, then linear decay over
    // decayEpochs down to finalFactor x lr.
    int warmupEpochs = 4;
    int decayEpochs = 26;
    double finalFactor = 0.005;
    // cosine_restarts: CosineAnnealingWarmRestarts(T_0 = t0 epochs, T_mult = tMult).
    int t0 = 10;
    int tMult = 2;
};

struct AugmentConfig {
    double mixupAlpha = 0.0;        // 0 = off; Beta(alpha, alpha) mixing weights
    double specAugmentP = 0.0;      // one frequency + one time mask, each with this p
    double freqMixStyleAlpha = 0.4;
    double freqMixStyleP = 0.0;     // 0 = off
    double deviceIrP = 0.0;         // convolve device-a clips with a device IR, with this p
};

struct TeacherConfig {
    std::string name;                 // unique; used by the ensemble and in metrics ("teacher-1")
    std::string variant = "ssl_frozen";  // ssl_frozen (SSL*) | ssl | ssl_sl
    std::string checkpoint = "demo";  // BEATs .pt path, or "demo" (pre-trained by SceneBench)
    bool frozen = true;               // frozen encoder: only the head trains
    double layerDecay = 1.0;          // layer-wise lr decay (1 = none)
    int epochs = 60;
    int batchSize = 256;
    int maxEpochClips = 0;  // an epoch is a fresh random sample of at most this many clips; 0 = all
    // Trained teachers: epochs in which only the head learns, on the frozen encoder's
    // outputs, before the whole model fine-tunes (LP-FT, Kumar et al. 2022); 0 = none.
    int probeEpochs = 0;
    OptimizerConfig optimizer;
    ScheduleConfig schedule;
    AugmentConfig augment;
};

struct KdConfig {
    double temperature = 2.0;  // T
    double lambda = 0.02;      // weight of the label CE; (1 - lambda) * T^2 * KL for the teachers
};

struct StudentConfig {
    int width = 64;   // TF-SepNet base channels C
    int depth = 17;   // 16 or 17
    int mels = 512;   // CpMel bins
    int epochs = 150;
    int batchSize = 256;
    int maxEpochClips = 0;  // as TeacherConfig::maxEpochClips
    OptimizerConfig optimizer{"adam", 0.004};
    ScheduleConfig schedule{"cosine_restarts"};
    AugmentConfig augment{0.3, 0.0, 0.4, 0.8, 0.4};
    KdConfig kd;
    bool alsoWithoutKd = false;  // also train a no-KD student with the same recipe (for comparison)
};

struct DatasetConfig {
    std::string path = "demo";  // TAU22 folder, or "demo" (the built-in demo dataset)
    int split = 5;              // official split percent: 5 | 10 | 25 | 50 | 100 (when percent == 0)
    double percent = 0.0;       // custom stratified nested subset, (0, 100]; 0 = use split
    int subsetSeed = 1;
    std::string impulseResponses;  // folder of device IR wav files; "" = none (demo: its own)
    // Share of the test fold that selects the best epoch (stratified by scene x device,
    // whole recordings); 100 = all of it, as the seed code. The final evaluation always
    // uses the whole test fold. Validation dominates a small subset's training time.
    double validationPercent = 100.0;
};

// A sweep: the experiment run once per cell of (split or custom percentage) x seed x
// ensemble, each cell its own run (core/sweep/SweepPlan expands it; docs/sweeps.md).
// Absent (present == false) = the experiment is one run. Empty lists take the
// experiment's own value: its split or percent, its seed, its ensemble.
struct SweepConfig {
    bool present = false;
    std::vector<int> splits;       // official splits, e.g. {5, 10, 25, 50, 100}
    std::vector<double> percents;  // custom nested subsets (dataset.percent), in (0, 100]
    std::vector<int> seeds;
    std::vector<std::vector<std::string>> ensembles;  // teacher names averaged, one cell each

    static constexpr size_t kMaxCells = 10000;
};

struct ExperimentConfig {
    static constexpr int kVersion = 1;  // bump when the file format changes
    std::string name = "experiment";
    std::string description;
    DatasetConfig dataset;
    std::vector<TeacherConfig> teachers;
    std::vector<std::string> ensemble;  // teacher names averaged; empty = all teachers
    StudentConfig student;
    int seed = 1;
    int threads = 0;             // 0 = all cores
    std::string device = "cpu";  // cpu | cuda
    SweepConfig sweep;
};

// The seed paper's teacher recipes (science.md, table "Teachers"):
// variant "ssl_frozen" (SSL*), "ssl" (SSL) or "ssl_sl" (SSL+SL).
TeacherConfig paperTeacher(const std::string& variant, const std::string& name, const std::string& checkpoint);

// One problem with one field: `field` is its path in the file, e.g. "teachers[1].optimizer.lr".
struct FieldIssue {
    std::string field;
    std::string message;
};

// Every rule a value must satisfy, with the allowed range in the message. Empty = valid.
std::vector<FieldIssue> validate(const ExperimentConfig& config);

}  // namespace sb
