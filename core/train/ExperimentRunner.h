#pragma once
// The method end to end, from one experiment file into one run directory:
//   1. dataset: load (the demo is generated on first use), pick the training subset
//   2. features: CpMel for the student, Kaldi fbank for the teachers (cached on disk)
//   3. pretrain: the demo's BEATs pre-trained on sound events (only for "demo" teachers)
//   4. teacher:<name>: fine-tune each teacher (frozen: head on cached embeddings)
//   5. ensemble: teacher logits averaged, stored for the training subset
//   6. student / student-nokd: TF-SepNet distilled from the ensemble (and without KD)
//   7. student-int8 / student-nokd-int8: each student quantised after training
//      (StudentQuantization: int8, calibrated on its training subset)
// Each model is evaluated on the test fold as soon as it is trained (predictions,
// confusion, embeddings, summary). Validation for model selection uses the test fold
// as the seed code does (or a stratified part of it: dataset.validation_percent).
// Stages record completion in progress.json; run() on an
// existing run directory skips finished stages and resumes the interrupted one from
// its last epoch.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/data/DemoDataset.h"  // demoDatasetFolder()
#include "core/experiment/RunDirectory.h"

#include <nlohmann/json.hpp>

#include <string>

namespace sb {

struct RunOptions {
    int threads = 0;               // > 0 overrides the experiment's threads
    std::string device;            // non-empty overrides the experiment's device
    std::string experimentFolder;  // relative paths in the experiment are resolved against it
    std::string teacherCache;      // folder of trained teachers shared between runs (TeacherCache); "" = none
};

// Where extracted features are cached: FeatureCache::defaultDirectory() ($SCENEBENCH_CACHE_DIR,
// else ~/.cache/scenebench/features).
std::string featureCacheFolder();

class ExperimentRunner {
public:
    ExperimentRunner(RunDirectory run, RunOptions options, JobObserver* observer, CancellationToken& token);
    ~ExperimentRunner();
    ExperimentRunner(const ExperimentRunner&) = delete;
    ExperimentRunner& operator=(const ExperimentRunner&) = delete;

    // Runs (or continues) every stage; returns summary.json. Throws sb::Cancelled on
    // cancel (finished stages and the last epoch stay on disk), sb::Error on bad input.
    nlohmann::json run();

private:
    struct State;
    std::unique_ptr<State> s_;
};

// summary.json as a text table: one row per model with accuracy, seen/unseen devices,
// the gap and log loss; with int8 students, also their accuracy drop and parameter bytes.
std::string summaryTable(const nlohmann::json& summary);

}  // namespace sb
