// scenebench-cli features: one audio file -> the front-end features a model sees, as .npy.
#include "app/cli/CommandRegistry.h"
#include "core/audio/AudioFile.h"
#include "core/common/Npy.h"
#include "core/features/CpMel.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/KaldiFbank.h"

#include <iostream>
#include <memory>

namespace sb::cli {
namespace {

const char* kUsage =
    "usage: scenebench-cli features --frontend beats|cpmel [--mels 256|512] --out OUT.npy IN_AUDIO\n"
    "\n"
    "Computes a front end's features for one audio file (any format libsndfile reads:\n"
    "wav, flac, ogg, aiff, ...). Channels are averaged to mono; other sample rates are\n"
    "resampled with libsoxr (HQ) to the front end's rate first.\n"
    "\n"
    "  --frontend beats   BEATs' preprocess at 16 kHz: Kaldi fbank, 128 bins, 25/10 ms,\n"
    "                     normalised (x - 15.41663) / (2 * 6.55582). OUT: float32 (frames, 128)\n"
    "  --frontend cpmel   the student's CpMel at 32 kHz: STFT 4096 / Hann 3072 / hop 500,\n"
    "                     Kaldi mel bank 0-16 kHz, log(x + 1e-5), (x + 4.5) / 5.\n"
    "                     OUT: float32 (mels, frames), 64 frames per second\n"
    "  --mels N           CpMel mel bins, 256 or 512 (default 256)\n"
    "  --out FILE         the .npy to write (written atomically)\n"
    "\n"
    "example:\n"
    "  scenebench-cli features --frontend cpmel --mels 512 --out clip.npy clip.wav\n";

std::shared_ptr<const FrontEnd> makeFrontEnd(Args& args)
{
    const std::string kind = args.required("frontend");
    if (kind == "beats") {
        if (args.option("mels")) throw UsageError("--mels applies to --frontend cpmel only (BEATs uses 128 bins)");
        return std::make_shared<KaldiFbank>();
    }
    if (kind == "cpmel") {
        CpMelParams p;
        p.numMels = static_cast<int>(args.integer("mels", 256, 256, 512));
        if (p.numMels != 256 && p.numMels != 512) throw UsageError("--mels must be 256 or 512");
        return std::make_shared<CpMel>(p);
    }
    throw UsageError("--frontend must be beats or cpmel, not '" + kind + "'");
}

int run(Args& args)
{
    const auto frontEnd = makeFrontEnd(args);
    const std::string out = args.required("out");
    const std::string input = args.positional("IN_AUDIO");
    args.finish();

    const AudioInfo info = probeAudio(input);
    FeatureExtractor extractor(frontEnd);
    const FeatureMatrix features = extractor.extract(input);
    writeNpy(out, features.data.data(), {features.rows, features.cols});
    std::cout << "wrote " << out << ": float32 (" << features.rows << ", " << features.cols << "), " << frontEnd->name()
              << " features of " << input << " (" << info.format << ", " << info.channels << " ch, "
              << info.sampleRate << " Hz, " << info.seconds() << " s -> mono " << frontEnd->sampleRate() << " Hz)\n";
    return 0;
}

const CommandRegistration registration({
    "features",
    "front-end features of one audio file as .npy (BEATs fbank or CpMel)",
    kUsage,
    {},
    run,
});

}  // namespace
}  // namespace sb::cli
