#pragma once
// The demo's stand-in for AudioSet: recordings of the demo world made at other places
// and times than any clip of the demo dataset, with each clip's sound events and no
// scene labels, four times as many as the dataset's training pool. Pre-training the demo
// BEATs on it (DemoPretraining) gives the encoder knowledge of the world's sounds that
// no labelled subset of the dataset can teach, as AudioSet does for the real BEATs.
// Rendered in memory and never written: only its fbank features are kept.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/data/DemoPlan.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace sb {

struct DemoCorpus {
    torch::Tensor fbank;                  // (clips, frames, 128): the BEATs front end at 16 kHz
    torch::Tensor events;                 // (clips, events): multi-hot sound events
    std::vector<std::string> eventNames;  // column order of `events`: every event of the demo world
};

// The corpus's size: the training recordings of a large demo plan (no test fold),
// each recorded by device a and a few by b, c and s1-s3, as in the dataset.
demo::DemoSize demoCorpusSize();

// Renders the training recordings of DemoPlan::make(seed, size) like the dataset
// generator (44.1 kHz, 16-bit), then computes their fbank as the loader would (resampled
// to 16 kHz). The same seed and size give the same tensors, whatever the thread count.
DemoCorpus makeDemoCorpus(uint64_t seed, const demo::DemoSize& size, int threads, JobObserver* observer,
                          CancellationToken& token);

}  // namespace sb
