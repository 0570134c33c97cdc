// scenebench-cli eval: one trained checkpoint evaluated on a dataset into a run directory
// (core/train/CheckpointEvaluation).
#include "app/cli/CommandRegistry.h"
#include "app/cli/TerminalProgress.h"
#include "core/train/CheckpointEvaluation.h"
#include "core/train/ExperimentRunner.h"

#include <iostream>

namespace sb::cli {
namespace {

int evalCommand(Args& args)
{
    CheckpointEvaluationParams p;
    p.checkpoint = args.required("checkpoint");
    p.dataset = args.required("dataset");
    p.split = args.value("split", "test");
    p.out = args.required("out");
    p.width = args.optionalInteger("width", 8, 512);
    p.depth = args.optionalInteger("depth", 16, 17);
    p.mels = args.optionalInteger("mels", 64, 1024);
    p.threads = int(args.integer("threads", 0, 0, 1024));
    p.device = args.value("device", "cpu");
    if (p.device != "cpu" && p.device != "cuda") throw UsageError("--device must be cpu or cuda, got '" + p.device + "'");
    args.finish();
    TerminalProgress progress;
    CancellationToken token;
    installCancelOnInterrupt(token);
    try {
        const auto summary = evaluateCheckpoint(p, &progress, token);
        std::cout << "evaluation written to " << p.out << "\n\n" << summaryTable(summary);
        return 0;
    } catch (const Cancelled&) {
        std::cerr << "cancelled\n";
        return 130;
    }
}

const char* kHelp =
    "usage: scenebench-cli eval --checkpoint F --dataset DIR|demo [--split test|5|10|25|50|100] --out RUN_DIR\n"
    "                           [--width W] [--depth D] [--mels M] [--threads N] [--device cpu|cuda]\n"
    "\n"
    "Evaluates one trained model on a dataset: a SceneBench student (TF-SepNet) or teacher\n"
    "(BEATs with its scene head) checkpoint, or a Lightning student of the seed code. Writes\n"
    "a run directory with that model's predictions.csv (DCASE format), confusion.json per\n"
    "device, embeddings and summary.json, and prints the summary table.\n"
    "\n"
    "options:\n"
    "  --checkpoint F    the .pt file (e.g. RUN/checkpoints/student.pt)\n"
    "  --dataset DIR     a TAU22 folder, or 'demo' for the built-in demo dataset\n"
    "  --split S         test (fold1_evaluate, default) or an official training split\n"
    "  --out RUN_DIR     a new or empty folder for the results\n"
    "  --width/--depth/--mels   the student's architecture; default: the experiment.json of\n"
    "                    the run the checkpoint lies in, else TF-SepNet-64, depth 17, 512 mels\n"
    "\n"
    "example:\n"
    "  scenebench-cli eval --checkpoint runs/demo-1/checkpoints/student.pt --dataset demo --out runs/demo-1-eval\n";

const CommandRegistration registration({"eval", "evaluate a trained checkpoint on a dataset", kHelp, {}, evalCommand});

}  // namespace
}  // namespace sb::cli
