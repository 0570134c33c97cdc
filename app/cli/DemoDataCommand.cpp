// scenebench-cli demo-data: writes the synthetic demo dataset (TAU22 layout).
#include "app/cli/CommandRegistry.h"
#include "core/common/Parallel.h"
#include "core/data/DemoDataset.h"

#include <cstdio>
#include <iostream>
#include <mutex>

namespace sb::cli {
namespace {

// Progress on stderr, one line rewritten in place.
class StderrProgress : public JobObserver {
public:
    void onProgress(const Progress& p) override
    {
        std::lock_guard<std::mutex> lock(mutex_);
        std::fprintf(stderr, "\r%s: %ld/%ld clips, %.1f s", p.stage.c_str(), p.done, p.total, p.elapsedSeconds);
        if (p.done >= p.total) std::fprintf(stderr, "\n");
        std::fflush(stderr);
    }

private:
    std::mutex mutex_;
};

int run(Args& args)
{
    demo::DemoDatasetParams params;
    params.outDir = args.required("out");
    params.seed = static_cast<uint64_t>(args.integer("seed", 1, 0, 2147483647));
    params.size = demo::DemoSize::named(args.value("size", "small"));
    params.threads = static_cast<int>(args.integer("threads", defaultThreadCount(), 1, 256));
    args.finish();
    StderrProgress progress;
    CancellationToken token;
    const auto result = demo::generateDemoDataset(params, &progress, token);
    std::cout << "demo dataset (" << params.size.name << ", seed " << params.seed << ") written to " << params.outDir
              << ": " << result.trainClips << " training clips, " << result.testClips << " test clips in "
              << result.seconds << " s on " << params.threads << " thread(s)\n";
    return 0;
}

const CommandRegistration registration({
    "demo-data",
    "write the synthetic demo dataset (TAU22 layout)",
    "usage: scenebench-cli demo-data --out DIR [--seed N] [--size tiny|small|large] [--threads N]\n"
    "\n"
    "Writes a synthetic acoustic-scene dataset in exactly the TAU Urban Acoustic Scenes 2022\n"
    "Mobile layout: meta.csv, audio/*.wav (1-s mono, 44.1 kHz, 16-bit),\n"
    "evaluation_setup/fold1_{train,evaluate,test}.csv, split{5,10,25,50,100}.csv, plus\n"
    "events.csv (the sound events in each clip) and demo-dataset.json (marks the folder as a\n"
    "demo dataset). 10 scenes built from overlapping sound events, 10 cities, devices a, b, c,\n"
    "s1-s6; training uses a, b, c, s1-s3 (device a about 73%), the test fold adds the unseen\n"
    "s4-s6. The same seed and size always give byte-identical files. See docs/data.md.\n"
    "\n"
    "options:\n"
    "  --out DIR       output folder: new, empty, or an earlier demo dataset (replaced).\n"
    "                  Any other non-empty folder is refused.\n"
    "  --seed N        random seed (default 1)\n"
    "  --size S        tiny (220 training + 180 test clips, ~35 MB; smoke tests),\n"
    "                  small (3,700 + 1,800 clips, ~480 MB; the default) or\n"
    "                  large (22,200 + 10,800 clips, ~2.9 GB; benchmarks)\n"
    "  --threads N     worker threads (default: all cores or SCENEBENCH_THREADS)\n"
    "\n"
    "Progress goes to stderr; errors to stderr with exit code 2.\n"
    "\n"
    "example:\n"
    "  scenebench-cli demo-data --out ~/scenebench-demo --seed 1\n",
    {},
    run,
});

}  // namespace
}  // namespace sb::cli
