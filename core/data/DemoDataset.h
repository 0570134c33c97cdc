#pragma once
// Writes the synthetic demo dataset in exactly the TAU22 layout, so that the whole
// method can be run, taught and tested without the real data:
//   DIR/meta.csv, DIR/audio/*.wav (1-s mono, 16-bit), DIR/evaluation_setup/fold1_{train,
//   evaluate,test}.csv, DIR/split{5,10,25,50,100}.csv, DIR/events.csv (sound events
//   per clip, for multi-label pre-training), DIR/demo-dataset.json (marker + settings).
// Same seed and size -> byte-identical files, whatever the thread count.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/data/DemoPlan.h"

#include <string>
#include <vector>

namespace sb {
// Where the built-in demo dataset lives: $SCENEBENCH_DEMO_DIR, else
// $XDG_CACHE_HOME/scenebench/demo, else ~/.cache/scenebench/demo.
std::string demoDatasetFolder();
}  // namespace sb

namespace sb::demo {

struct DemoDatasetParams {
    std::string outDir;
    uint64_t seed = 1;
    DemoSize size = DemoSize::small();
    int sampleRate = 44100;  // TAU22's rate, so the resampling path is exercised as with real data
    int threads = 0;         // 0 = defaultThreadCount()
};

struct DemoDatasetResult {
    long trainClips = 0, testClips = 0;
    double seconds = 0;  // wall time of the generation
};

// The marker file that identifies a folder as a demo dataset (may be overwritten).
inline constexpr const char* kDemoMarker = "demo-dataset.json";
bool isDemoDataset(const std::string& dir);
// A demo dataset whose generation finished, made by this version of the demo world.
bool isCurrentDemoDataset(const std::string& dir);

// Refuses (sb::Error) to write into a non-empty folder that is not a demo dataset; an
// existing demo dataset there is replaced. Throws sb::Cancelled when cancelled.
DemoDatasetResult generateDemoDataset(const DemoDatasetParams& params, JobObserver* observer, CancellationToken& token);

// One recording's clips as audio, for the generator and for tests that need audio
// without files. Clips come in DemoPlan::clips order.
struct RenderedClip {
    size_t clip = 0;  // index into plan.clips
    std::vector<float> samples;
    std::vector<std::string> events;
};
std::vector<RenderedClip> renderRecording(const DemoPlan& plan, size_t recording, int sampleRate);

// The official splits of a plan (nested stratified subsets of its training clips):
// percent -> indices into plan.clips.
std::vector<std::pair<int, std::vector<size_t>>> demoSplits(const DemoPlan& plan);

}  // namespace sb::demo
