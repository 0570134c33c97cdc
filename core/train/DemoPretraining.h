#pragma once
// The demo's stand-in for BEATs' AudioSet pre-training. Official BEATs weights cannot
// ship with SceneBench, so the demo teacher is a small BEATs that SceneBench pre-trains
// itself on the demo world's sound-event task (multi-label, no scene labels) over a
// corpus four times the size of the dataset's training pool, recorded at other places
// (DemoCorpus), then fine-tunes on the scene subset like a real teacher. The result is
// cached beside the demo dataset, so the demo pays for it once.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/experiment/MetricsLog.h"
#include "core/models/BeatsConfig.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace sb {

// A 4-layer, 128-wide BEATs with the official architecture switches (deep norm, gated
// relative position bias): small enough to pre-train on two cores in about nine minutes.
BeatsConfig demoBeatsConfig();

// The recipe. Small batches and no MixUp: a transformer trained from scratch on two
// cores is short of updates, not of regularisation (measured: 12 epochs in batches of 16
// instead of 64 ended at an event loss of 0.19 instead of 0.28).
struct DemoPretraining {
    uint64_t corpusSeed = 0x5ce1e8e5c0a9;  // no demo dataset seed a user types comes near it
    int epochs = 3;                        // over the corpus's 14,800 clips
    int batchSize = 16;
    double lr = 1e-3;
    uint64_t seed = 1;
};

// Where the encoder checkpoint ({cfg, model}, official BEATs layout) for these settings
// is cached, under the demo dataset's folder.
std::string demoEncoderPath(const std::string& demoRoot, const DemoPretraining& settings);

// Pre-trains on (fbank (N, frames, 128), multi-hot events), e.g. a DemoCorpus, and
// writes demoEncoderPath().
// `stateFolder` holds the resumable training state. Returns the checkpoint path.
std::string pretrainDemoEncoder(const std::string& demoRoot, const DemoPretraining& settings,
                                const torch::Tensor& fbank, const torch::Tensor& eventTargets,
                                const std::string& stateFolder, MetricsLog& log, JobObserver* observer,
                                CancellationToken& token);

}  // namespace sb
