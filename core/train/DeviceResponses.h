#pragma once
// Device impulse-response augmentation (DIR) on cached features. The method convolves
// device-a training clips with microphone IRs before the front end; SceneBench trains on
// cached features, so it applies the IR where the front end puts it instead. Convolving
// with h multiplies the power spectrum by |H(f)|^2; after a mel bank and a log, that is a
// fixed shift per mel bin (scaled by the front end's normalisation). The shift is measured
// through the front end itself: long white noise with and without the IR, the difference
// of the time-averaged features. This is exact for stationary sound and for IRs short
// against the analysis window, which device IRs are; the time smearing of a long IR is
// not modelled.
#include "core/features/FrontEnd.h"
#include "core/train/RandomSource.h"

#include <torch/torch.h>

#include <string>
#include <vector>

namespace sb {

class DeviceResponses {
public:
    DeviceResponses() = default;  // none: apply() returns its input

    // irs: impulse responses at frontEnd.sampleRate().
    static DeviceResponses measure(const FrontEnd& frontEnd, const std::vector<std::vector<float>>& irs);
    // Every audio file in `folder` (sorted by name), resampled to the front end's rate.
    // Throws sb::Error naming the folder when it holds none, or the file that is unreadable.
    static DeviceResponses fromFolder(const std::string& folder, const FrontEnd& frontEnd);

    int64_t count() const { return shifts_.defined() ? shifts_.size(0) : 0; }
    // (count, rows or 1, cols or 1): the shift per mel bin, shaped like one clip's features.
    const torch::Tensor& shifts() const { return shifts_; }

    // features: (B, ..., rows, cols), one clip per row of the first dimension; isDeviceA:
    // (B) bool. Each device-a clip gets a random IR's shift with probability p.
    torch::Tensor apply(const torch::Tensor& features, const torch::Tensor& isDeviceA, double p,
                        RandomSource& random) const;

private:
    torch::Tensor shifts_;
};

}  // namespace sb
