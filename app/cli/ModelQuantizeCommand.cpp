// scenebench-cli model quantize: a trained TF-SepNet checkpoint into the int8 student
// (core/train/CheckpointQuantization), optionally evaluated beside the float model.
#include "app/cli/CommandRegistry.h"
#include "app/cli/TerminalProgress.h"
#include "core/common/Dcase.h"
#include "core/train/CheckpointQuantization.h"
#include "core/train/ExperimentRunner.h"

#include <iostream>

namespace sb::cli {
namespace {

const char* kUsage =
    "usage: scenebench-cli model quantize --checkpoint STUDENT.pt --dataset DIR|demo --out STUDENT-int8.pt\n"
    "                                     [--calibration N] [--seed S] [--split 5|10|25|50|100] [--mels M]\n"
    "                                     [--eval-out RUN_DIR] [--threads N]\n"
    "\n"
    "Post-training quantisation of a trained TF-SepNet into the int8 student: BatchNorm folded\n"
    "into the convolutions, int8 weights per output channel, int32 biases, uint8 activations\n"
    "per tensor with ranges calibrated (min/max) on N training clips. Writes a plain PyTorch\n"
    "state dict (torch.load(path, weights_only=True) reads it) and prints its parameter memory\n"
    "against the Task 1 limit of 128 kB (docs/models.md: what is counted).\n"
    "\n"
    "options:\n"
    "  --checkpoint F   the float student (e.g. RUN/checkpoints/student.pt, or a Lightning file)\n"
    "  --dataset DIR    a TAU22 folder, or 'demo' for the built-in demo dataset\n"
    "  --out F          the int8 checkpoint to write (atomically: never a partial file)\n"
    "  --calibration N  calibration clips, drawn at random from the training subset (default 256)\n"
    "  --seed S         the draw's seed\n"
    "  --split P        calibrate on this official training split\n"
    "  --mels M         mel bins of the student's CpMel input\n"
    "                   (seed, split and mels default to the experiment.json of the run the\n"
    "                   checkpoint lies in, which reproduces that run's int8 student; else\n"
    "                   seed 1, split 100, 512 mel bins)\n"
    "  --eval-out DIR   also evaluate the float and the int8 model on the test fold into this\n"
    "                   new run directory (summary with the int8 model's accuracy drop)\n"
    "\n"
    "example:\n"
    "  scenebench-cli model quantize --checkpoint runs/demo-1/checkpoints/student.pt --dataset demo \\\n"
    "      --out student-int8.pt --eval-out runs/demo-1-int8\n";

std::string grouped(int64_t n)
{
    std::string digits = std::to_string(n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

int run(Args& args)
{
    CheckpointQuantizationParams p;
    p.checkpoint = args.required("checkpoint");
    p.dataset = args.required("dataset");
    p.out = args.required("out");
    p.calibrationClips = args.integer("calibration", 256, 1, 1000000);
    if (const auto seed = args.optionalInteger("seed", 0, 2147483647)) p.seed = uint64_t(*seed);
    p.split = args.optionalInteger("split", 5, 100);
    p.mels = args.optionalInteger("mels", 64, 1024);
    p.evalOut = args.value("eval-out", "");
    p.threads = int(args.integer("threads", 0, 0, 1024));
    args.finish();
    TerminalProgress progress;
    CancellationToken token;
    installCancelOnInterrupt(token);
    try {
        const CheckpointQuantizationReport r = quantizeCheckpoint(p, &progress, token);
        const Int8Storage& b = r.bytes;
        std::cout << r.model << ", int8: calibrated on " << r.calibration << "\n"
                  << "wrote " << p.out << "\n"
                  << "parameter memory: " << grouped(b.total()) << " bytes of " << grouped(dcase::kMaxParameterBytes)
                  << (b.withinLimit() ? " (within the Task 1 limit)" : " (over the Task 1 limit)") << ": int8 weights "
                  << grouped(b.weights) << ", float32 weight scales " << grouped(b.weightScales) << ", int32 biases "
                  << grouped(b.biases) << ", activation scales and zero points " << grouped(b.activations) << "\n";
        if (!r.summary.is_null())
            std::cout << "\nevaluation written to " << p.evalOut << "\n\n" << summaryTable(r.summary);
        return 0;
    } catch (const Cancelled&) {
        std::cerr << "cancelled\n";
        return 130;
    }
}

const CommandRegistration registration({
    "model quantize",
    "post-training int8 quantisation of a TF-SepNet checkpoint (calibrated on training clips)",
    kUsage,
    {},
    run,
});

}  // namespace
}  // namespace sb::cli
