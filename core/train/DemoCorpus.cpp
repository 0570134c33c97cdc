#include "core/train/DemoCorpus.h"

#include "core/audio/Resampler.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"
#include "core/data/DemoDataset.h"
#include "core/data/DemoWorld.h"
#include "core/features/KaldiFbank.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace sb {

demo::DemoSize demoCorpusSize()
{
    demo::DemoSize size;
    size.name = "corpus";
    size.trainRecordingsA = 216;    // 10 scenes x 216 x 5 segments: 10,800 clips by device a
    size.trainRecordingsOther = 16; // and 4,000 by b, c, s1-s3
    size.testRecordings = 0;
    return size;
}

namespace {

constexpr int kGeneratorRate = 44100;  // the dataset generator's rate (DemoDatasetParams)

// A sample as written to a 16-bit WAV file and read back by libsndfile, which writes
// x * 32767 (rounded to even, clipped) and reads n / 32768.
float as16Bit(float x) { return std::nearbyint(std::clamp(x, -1.0f, 1.0f) * 32767.0f) / 32768.0f; }

std::vector<std::string> vocabulary()
{
    std::vector<std::string> names;
    for (const auto& type : demo::eventTypes()) names.emplace_back(type.name);
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

DemoCorpus makeDemoCorpus(uint64_t seed, const demo::DemoSize& size, int threads, JobObserver* observer,
                          CancellationToken& token)
{
    const demo::DemoPlan plan = demo::DemoPlan::make(seed, size);
    const KaldiFbank fbank;
    DemoCorpus corpus;
    corpus.eventNames = vocabulary();
    std::map<std::string, int64_t> column;
    for (size_t i = 0; i < corpus.eventNames.size(); ++i) column[corpus.eventNames[i]] = int64_t(i);

    const auto clips = int64_t(plan.clips.size());
    const int64_t frames = fbank.compute(std::vector<float>(size_t(fbank.sampleRate()), 0.0f)).rows;
    corpus.fbank = torch::empty({clips, frames, 128});
    corpus.events = torch::zeros({clips, int64_t(corpus.eventNames.size())});
    // Rows are filled through raw pointers: worker threads write disjoint rows only.
    float* fbankData = corpus.fbank.data_ptr<float>();
    float* eventData = corpus.events.data_ptr<float>();
    const int64_t rowSize = frames * 128, eventCount = corpus.events.size(1);
    ProgressTracker progress(observer, "pre-training corpus", long(clips));
    parallelFor(plan.recordings.size(), threads > 0 ? threads : defaultThreadCount(), [&](size_t begin, size_t end) {
        for (size_t r = begin; r < end; ++r) {
            token.checkpoint();
            for (auto& clip : demo::renderRecording(plan, r, kGeneratorRate)) {
                for (float& x : clip.samples) x = as16Bit(x);
                const auto features = fbank.compute(resampleTo(clip.samples, kGeneratorRate, fbank.sampleRate()));
                const auto row = int64_t(clip.clip);
                std::copy_n(features.data.begin(), rowSize, fbankData + row * rowSize);
                for (const auto& e : clip.events) eventData[row * eventCount + column.at(e)] = 1.0f;
                progress.advance();
            }
        }
    });
    return corpus;
}

}  // namespace sb
