#pragma once
// The demo's stand-in for BEATs' AudioSet pre-training. Official BEATs weights cannot
// ship with SceneBench, so the demo teacher is a small BEATs that SceneBench pre-trains
// itself on the demo dataset's sound-event task (events.csv: multi-label, the training
// pool, no scene labels), then fine-tunes on the scene subset like a real teacher.
// The result is cached beside the demo dataset, so the demo pays for it once.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/data/DatasetIndex.h"
#include "core/experiment/MetricsLog.h"
#include "core/models/BeatsConfig.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace sb {

// A 4-layer, 128-wide BEATs with the official architecture switches (deep norm, gated
// relative position bias): small enough to pre-train on two cores in about six minutes
// (12 epochs over the 3,700 clips of the small demo, about 30 s an epoch).
BeatsConfig demoBeatsConfig();

struct DemoPretraining {
    int epochs = 12;
    int batchSize = 64;
    double lr = 1e-3;
    uint64_t seed = 1;
};

// Multi-hot event targets (clips x events) for `files`, read from `eventsCsv`
// ("filename<TAB>event,event,..."), and the event names in column order.
// Throws sb::Error naming the file and line for malformed lines or unlisted clips.
torch::Tensor readEventTargets(const std::string& eventsCsv, const std::vector<std::string>& files,
                               std::vector<std::string>& eventNames);

// The cached encoder checkpoint ({cfg, model}, official BEATs layout) for this demo
// dataset and settings; empty when it has not been made yet.
std::string demoEncoderPath(const std::string& demoRoot, const DemoPretraining& settings);

// Pre-trains on (fbank (N, frames, 128), event targets) and writes demoEncoderPath().
// `stateFolder` holds the resumable training state. Returns the checkpoint path.
std::string pretrainDemoEncoder(const std::string& demoRoot, const DemoPretraining& settings,
                                const torch::Tensor& fbank, const torch::Tensor& eventTargets,
                                const std::string& stateFolder, MetricsLog& log, JobObserver* observer,
                                CancellationToken& token);

}  // namespace sb
