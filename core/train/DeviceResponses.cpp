#include "core/train/DeviceResponses.h"

#include "core/audio/AudioLoading.h"
#include "core/common/Error.h"
#include "core/models/GlobalRandom.h"
#include "core/train/Augmentations.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace fs = std::filesystem;

namespace sb {
namespace {

constexpr double kNoiseSeconds = 20.0;  // long enough that the averaged difference is stable to ~0.01 dB

torch::Tensor features(const FrontEnd& frontEnd, const torch::Tensor& waveform)
{
    const auto w = waveform.contiguous();
    const FeatureMatrix m = frontEnd.compute(w.data_ptr<float>(), size_t(w.numel()));
    return torch::tensor(m.data).reshape({m.rows, m.cols});
}

// The dimension of the front end's output that grows with the input: the frames.
int64_t frameAxis(const FrontEnd& frontEnd, const torch::Tensor& noise)
{
    const auto whole = features(frontEnd, noise);
    const auto half = features(frontEnd, noise.narrow(0, 0, noise.size(0) / 2));
    return whole.size(0) != half.size(0) ? 0 : 1;
}

}  // namespace

DeviceResponses DeviceResponses::measure(const FrontEnd& frontEnd, const std::vector<std::vector<float>>& irs)
{
    DeviceResponses r;
    if (irs.empty()) return r;
    const auto noise = [&] {
        const GlobalRandomUse globalRandom;
        torch::manual_seed(0x5eed);
        return torch::randn({int64_t(kNoiseSeconds * frontEnd.sampleRate())}) * 0.1;
    }();
    const int64_t axis = frameAxis(frontEnd, noise);
    const auto dry = features(frontEnd, noise).mean(axis, /*keepdim=*/true);
    std::vector<torch::Tensor> kernels;
    for (const auto& ir : irs) kernels.push_back(torch::tensor(ir));
    RandomSource always(1);
    std::vector<torch::Tensor> shifts;
    for (const auto& kernel : kernels) {
        const auto wet = deviceImpulseResponses(noise.unsqueeze(0), {true}, {kernel}, 1.0, always)[0];
        shifts.push_back(features(frontEnd, wet).mean(axis, true) - dry);
    }
    r.shifts_ = torch::stack(shifts);
    return r;
}

DeviceResponses DeviceResponses::fromFolder(const std::string& folder, const FrontEnd& frontEnd)
{
    if (!fs::is_directory(folder)) throw Error("not a folder of impulse responses", folder);
    static const std::set<std::string> audio = {".wav", ".flac", ".ogg", ".aiff", ".aif"};
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        std::string ext = entry.path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
        if (entry.is_regular_file() && audio.count(ext)) files.push_back(entry.path());
    }
    if (files.empty()) throw Error("no impulse responses (wav, flac, ogg or aiff files) in this folder", folder);
    std::sort(files.begin(), files.end());
    std::vector<std::vector<float>> irs;
    for (const auto& f : files) irs.push_back(loadMonoAt(f.string(), frontEnd.sampleRate()).samples);
    return measure(frontEnd, irs);
}

torch::Tensor DeviceResponses::apply(const torch::Tensor& features, const torch::Tensor& isDeviceA, double p,
                                     RandomSource& random) const
{
    if (p <= 0 || count() == 0) return features;
    if (!isDeviceA.defined() || isDeviceA.size(0) != features.size(0))
        throw Error("device flags do not match the batch", "device impulse responses");
    const auto flags = isDeviceA.to(torch::kCPU).to(torch::kBool);
    auto out = features.clone();
    const auto shifts = shifts_.to(features.device());
    for (int64_t i = 0; i < features.size(0); ++i) {
        if (!flags[i].item<bool>() || !random.chance(p)) continue;
        out[i] += shifts[random.integer(0, count())];
    }
    return out;
}

}  // namespace sb
