#pragma once
// The clips of one set (a training subset, the test fold) as tensors for training:
// their front-end features stacked in one tensor, scene labels, devices and cities.
// Features come through the FeatureExtractor, so its on-disk cache makes every run
// after the first skip the audio.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/data/DatasetIndex.h"
#include "core/features/FeatureExtractor.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace sb {

struct ClipTensors {
    std::vector<size_t> clips;       // indices into DatasetIndex::clips
    torch::Tensor features;          // (N, rows, cols) float, rows x cols as the front end gives them
    torch::Tensor labels;            // (N) int64 scene index
    std::vector<std::string> files;  // as listed, e.g. "audio/airport-...-a.wav"
    std::vector<std::string> devices;
    std::vector<std::string> cities;
    std::vector<std::string> scenes;

    int64_t size() const { return int64_t(clips.size()); }
    // (N) bool: recorded with the reference device a (the clips device IRs apply to).
    torch::Tensor deviceAFlags() const;
};

// Throws sb::Error naming the clip when a file is missing or unreadable, or when clips
// give features of different shapes (clips must all last the same).
ClipTensors loadClipTensors(const DatasetIndex& index, const std::vector<size_t>& clips, FeatureExtractor& extractor,
                            JobObserver* observer, CancellationToken& token);

}  // namespace sb
