#pragma once
// Whether a BEATs checkpoint's cfg describes the weights beside it, checked before any
// network is built from the cfg. `model inspect` measures the network the cfg describes
// and a teacher is built from it before its weights are loaded, so a forged cfg (10^5
// layers, a 2^20-wide encoder, a 2^24-tap positional convolution) would otherwise make
// them allocate without bound.
#include "core/checkpoint/Checkpoint.h"
#include "core/models/BeatsConfig.h"

#include <string>

namespace sb {

// `prefix`: what precedes "patch_embedding.weight" in the names. Throws sb::Error naming
// `path` when a tensor the cfg implies is absent or shaped otherwise, or when the number
// of encoder layers differs.
void checkBeatsWeights(const StateDict& tensors, const std::string& prefix, const BeatsConfig& cfg,
                       const std::string& path);

}  // namespace sb
