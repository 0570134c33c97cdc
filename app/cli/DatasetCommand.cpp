// scenebench-cli dataset summary: counts, splits and the validation report of a dataset folder.
#include "app/cli/CommandRegistry.h"
#include "core/common/Dcase.h"
#include "core/data/DatasetLoader.h"
#include "core/data/DatasetSummary.h"

#include <algorithm>
#include <iostream>

namespace sb::cli {
namespace {

SubsetChoice choiceFrom(Args& args)
{
    const auto split = args.option("split");
    const auto percent = args.option("percent");
    const bool test = args.flag("test");
    const int given = (split ? 1 : 0) + (percent ? 1 : 0) + (test ? 1 : 0);
    if (given > 1) throw UsageError("choose one of --split, --percent and --test");
    if (args.option("seed") && !percent) throw UsageError("--seed goes with --percent");
    if (split) {
        const long p = args.integer("split", 100, 1, 100);
        if (std::find(dcase::kSplitPercents.begin(), dcase::kSplitPercents.end(), p) == dcase::kSplitPercents.end())
            throw UsageError("--split must be 5, 10, 25, 50 or 100, got " + *split);
        return SubsetChoice::official(int(p));
    }
    if (percent)
        return SubsetChoice::custom(args.number("percent", 5, 1, 100),
                                    static_cast<uint64_t>(args.integer("seed", 0, 0, 2147483647)));
    return test ? SubsetChoice::test() : SubsetChoice::all();
}

int run(Args& args)
{
    DatasetLoadParams params;
    params.root = args.positional("dataset folder DIR");
    const SubsetChoice choice = choiceFrom(args);
    const bool json = args.flag("json");
    params.checkAudio = !args.flag("no-audio-check");
    params.probeAudio = args.flag("probe-audio");
    const long issues = args.integer("issues", json ? 20 : 3, 0, 1000000);
    args.finish();
    CancellationToken token;
    const DatasetIndex index = loadDataset(params, nullptr, token);
    const DatasetSummary summary(index, selectClips(index, choice));
    if (json)
        std::cout << summary.toJson(size_t(issues)).dump(2) << "\n";
    else
        std::cout << summary.toText(size_t(issues));
    return 0;
}

const CommandRegistration registration({
    "dataset summary",
    "counts per scene x device x city, splits and validation of a dataset folder",
    "usage: scenebench-cli dataset summary DIR [--split 5|10|25|50|100 | --percent P [--seed S] | --test]\n"
    "                                      [--json] [--issues N] [--no-audio-check] [--probe-audio]\n"
    "\n"
    "Reads a TAU22-layout folder and prints clip counts per scene x device, totals, counts\n"
    "per city and the validation report (problems counted per kind, the first few listed with\n"
    "file:line). Without a subset option every listed clip is counted.\n"
    "\n"
    "Layout detection: DIR/meta.csv present -> full TAU22 layout (meta.csv, audio/,\n"
    "evaluation_setup/fold1_*.csv, splitN.csv). Otherwise DIR may hold only list files\n"
    "(splitN.csv, test.csv, evaluation_setup/fold1_*.csv), e.g. the official DCASE 2024\n"
    "split lists: then the lists are summarised and the missing audio is one report line.\n"
    "splitN.csv may sit in DIR, DIR/split_setup or DIR/evaluation_setup.\n"
    "\n"
    "options:\n"
    "  --split N         official split N% (splitN.csv; 100 falls back to fold1_train.csv)\n"
    "  --percent P       custom nested subset: P% (1-100) of the training pool (split100.csv,\n"
    "                    else fold1_train.csv, else the largest splitN.csv), stratified by\n"
    "                    scene x device, whole recordings kept together\n"
    "  --seed S          seed of the custom subset (default 0); same seed -> nested subsets\n"
    "  --test            the test list (fold1_evaluate.csv, else test.csv)\n"
    "  --json            machine-readable output (keys documented in docs/data.md)\n"
    "  --issues N        report entries to print (default 3 per kind; 20 in JSON)\n"
    "  --no-audio-check  do not look for the audio files\n"
    "  --probe-audio     also open every audio file's header (slow on the full dataset)\n"
    "\n"
    "Errors go to stderr with exit code 2.\n"
    "\n"
    "examples:\n"
    "  scenebench-cli dataset summary ~/scenebench-demo --split 5\n"
    "  scenebench-cli dataset summary tests/data/dcase2024-task1-splits --percent 7 --seed 3 --json\n",
    {"json", "test", "no-audio-check", "probe-audio"},
    run,
});

}  // namespace
}  // namespace sb::cli
