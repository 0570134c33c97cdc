#pragma once
// Audio files -> features for one front end: load (any libsndfile format), down-mix,
// resample to the front end's rate, compute, through the on-disk FeatureCache when one
// is configured. extractAll() runs many files on all cores with progress and cancel.
#include "core/audio/Resampler.h"
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/features/FeatureCache.h"
#include "core/features/FrontEnd.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sb {

struct ExtractionParams {
    int threads = 0;                  // 0: defaultThreadCount()
    double minSeconds = 0.0;          // shorter clips are an error naming the file
    ResampleQuality quality = ResampleQuality::High;
    std::optional<std::string> cacheDirectory;  // no cache when empty
};

struct ExtractionStats {
    long computed = 0;        // front end actually run
    long cacheHits = 0;
    long corruptEntries = 0;  // found damaged, recomputed and rewritten
};

class FeatureExtractor {
public:
    FeatureExtractor(std::shared_ptr<const FrontEnd> frontEnd, ExtractionParams params = {});

    const FrontEnd& frontEnd() const { return *frontEnd_; }
    // The front end's fingerprint plus everything before it that changes the output.
    const std::string& fingerprint() const { return fingerprint_; }

    // One file. Thread-safe. Throws sb::Error naming the file.
    FeatureMatrix extract(const std::string& audioPath);

    // Every file on params.threads threads, reporting progress as stage "features".
    // `sink` (optional) receives each result from a worker thread and must be
    // thread-safe. Throws sb::Cancelled on cancel, or the first file's sb::Error.
    void extractAll(const std::vector<std::string>& audioPaths, JobObserver* observer, CancellationToken& token,
                    const std::function<void(size_t index, const FeatureMatrix&)>& sink = {});

    ExtractionStats stats() const;

private:
    FeatureMatrix computeFromFile(const std::string& audioPath) const;

    std::shared_ptr<const FrontEnd> frontEnd_;
    ExtractionParams params_;
    std::string fingerprint_;
    std::optional<FeatureCache> cache_;
    std::atomic<long> computed_{0};
    std::atomic<long> cacheHits_{0};
    std::atomic<long> corruptEntries_{0};
};

}  // namespace sb
