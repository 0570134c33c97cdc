#include "core/train/ClipTensors.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"

#include <cstring>
#include <filesystem>
#include <mutex>

namespace sb {

ClipTensors loadClipTensors(const DatasetIndex& index, const std::vector<size_t>& clips, FeatureExtractor& extractor,
                            JobObserver* observer, CancellationToken& token)
{
    ClipTensors out;
    out.clips = clips;
    std::vector<std::string> paths;
    std::vector<int64_t> labels;
    for (const size_t c : clips) {
        const Clip& clip = index.clips.at(c);
        if (clip.scene < 0) throw Error("clip has no scene label", clip.fileName);
        paths.push_back((std::filesystem::path(index.root) / clip.fileName).string());
        out.files.push_back(clip.fileName);
        out.devices.emplace_back(dcase::kDevices.at(size_t(clip.device)));
        out.cities.push_back(clip.city >= 0 ? index.cities.at(size_t(clip.city)) : std::string("unknown"));
        out.scenes.emplace_back(dcase::kScenes.at(size_t(clip.scene)));
        labels.push_back(clip.scene);
    }
    out.labels = torch::tensor(labels, torch::kLong);
    if (clips.empty()) return out;

    std::mutex mutex;
    extractor.extractAll(paths, observer, token, [&](size_t i, const FeatureMatrix& m) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!out.features.defined()) out.features = torch::empty({int64_t(clips.size()), m.rows, m.cols});
        if (m.rows != out.features.size(1) || m.cols != out.features.size(2))
            throw Error("features of " + std::to_string(m.rows) + " x " + std::to_string(m.cols) + " differ from the " +
                            std::to_string(out.features.size(1)) + " x " + std::to_string(out.features.size(2)) +
                            " of other clips (clips must all have the same length)",
                        paths[i]);
        std::memcpy(out.features[int64_t(i)].data_ptr<float>(), m.data.data(), m.data.size() * sizeof(float));
    });
    return out;
}

torch::Tensor ClipTensors::deviceAFlags() const
{
    std::vector<uint8_t> flags;
    for (const auto& d : devices) flags.push_back(d == "a" ? 1 : 0);
    return torch::tensor(flags, torch::kUInt8).to(torch::kBool);
}

}  // namespace sb
