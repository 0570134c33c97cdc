#include "core/features/FeatureExtractor.h"

#include "core/audio/AudioLoading.h"
#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"

namespace sb {

FeatureExtractor::FeatureExtractor(std::shared_ptr<const FrontEnd> frontEnd, ExtractionParams params)
    : frontEnd_(std::move(frontEnd)), params_(std::move(params))
{
    if (!frontEnd_) throw Error("no front end given", "feature extractor");
    fingerprint_ = frontEnd_->fingerprint() + " | resample=" + resampleQualityName(params_.quality) +
                   " mono=mean min=" + std::to_string(params_.minSeconds) + "s";
    if (params_.cacheDirectory && !params_.cacheDirectory->empty()) cache_.emplace(*params_.cacheDirectory);
}

FeatureMatrix FeatureExtractor::computeFromFile(const std::string& audioPath) const
{
    const MonoAudio audio = loadMonoAt(audioPath, frontEnd_->sampleRate(), params_.minSeconds, params_.quality);
    if (audio.samples.size() < frontEnd_->minSamples())
        throw Error("audio clip too short for the " + frontEnd_->name() + " front end: " +
                        std::to_string(audio.samples.size()) + " samples at " +
                        std::to_string(frontEnd_->sampleRate()) + " Hz, need at least " +
                        std::to_string(frontEnd_->minSamples()),
                    audioPath);
    return frontEnd_->compute(audio.samples);
}

FeatureMatrix FeatureExtractor::extract(const std::string& audioPath)
{
    if (!cache_) {
        ++computed_;
        return computeFromFile(audioPath);
    }
    FeatureCache::Lookup hit = cache_->load(audioPath, fingerprint_);
    if (hit.status == FeatureCache::Status::Hit) {
        ++cacheHits_;
        return std::move(hit.features);
    }
    if (hit.status == FeatureCache::Status::Corrupt) ++corruptEntries_;
    ++computed_;
    FeatureMatrix features = computeFromFile(audioPath);
    cache_->store(audioPath, fingerprint_, features);
    return features;
}

void FeatureExtractor::extractAll(const std::vector<std::string>& audioPaths, JobObserver* observer,
                                  CancellationToken& token,
                                  const std::function<void(size_t, const FeatureMatrix&)>& sink)
{
    ProgressTracker progress(observer, "features", static_cast<long>(audioPaths.size()));
    const int threads = params_.threads > 0 ? params_.threads : defaultThreadCount();
    parallelFor(audioPaths.size(), threads, [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            token.checkpoint();
            const FeatureMatrix features = extract(audioPaths[i]);
            if (sink) sink(i, features);
            progress.advance();
        }
    });
}

ExtractionStats FeatureExtractor::stats() const
{
    return ExtractionStats{computed_.load(), cacheHits_.load(), corruptEntries_.load()};
}

}  // namespace sb
