// scenebench-cli model forward: run a checkpoint (TF-SepNet, int8 TF-SepNet, BEATs encoder
// or teacher) in eval mode on a .npy batch and write its output as .npy, e.g. to compare with PyTorch.
#include <torch/torch.h>

#include "app/cli/CommandRegistry.h"
#include "core/checkpoint/Checkpoint.h"
#include "core/common/Npy.h"
#include "core/models/ModelCheckpoint.h"

#include <chrono>
#include <functional>
#include <iostream>
#include <optional>

namespace sb::cli {
namespace {

// Clips per forward call: bounds memory (a 10-s clip through BEATs-base holds ~100 MB of
// activations) without changing any result.
constexpr int64_t kTfSepNetChunk = 64;
constexpr int64_t kBeatsChunk = 8;

const char* kUsage =
    "usage: scenebench-cli model forward --checkpoint FILE --input X.npy --out Y.npy [--embedding E.npy]\n"
    "                                    [--arch tfsepnet [--width W] [--depth D]]\n"
    "\n"
    "Runs a checkpoint in eval mode (no dropout, BatchNorm running statistics) on a batch\n"
    "and writes the output. The network is recognised from the checkpoint:\n"
    "  TF-SepNet (state dict or Lightning checkpoint of the seed code):\n"
    "    X: float32 (B, 1, mels, frames) front-end batch (CpMel, see `features`)\n"
    "    Y: float32 (B, classes) logits       E: (B, 2.5*C) pooled embedding\n"
    "  int8 TF-SepNet (model quantize): the same, run in its int8 arithmetic on the CPU;\n"
    "    Y: the dequantised int8 logits\n"
    "  BEATs encoder (official file: cfg + model):\n"
    "    X: float32 (B, samples) 16 kHz waveforms in [-1, 1]; SceneBench's Kaldi fbank runs first\n"
    "    Y: float32 (B, N, D) encoder features  E: (B, D) features averaged over tokens\n"
    "  BEATs teacher (SceneBench teacher checkpoint: cfg + encoder.* + classifier.linear.*):\n"
    "    X: as for BEATs                        Y: (B, classes) logits  E: (B, D)\n"
    "float64 inputs are accepted and converted to float32.\n"
    "\n"
    "  --checkpoint FILE  the weights (any file `model convert` reads)\n"
    "  --input X.npy      the batch\n"
    "  --out Y.npy        the output (written atomically)\n"
    "  --embedding E.npy  also write the clip embeddings\n"
    "  --arch tfsepnet, --width W, --depth D\n"
    "                     optional checks: the network read from the weights must be this one\n"
    "\n"
    "examples:\n"
    "  scenebench-cli model forward --checkpoint student.pt --input cpmel.npy --out logits.npy\n"
    "  scenebench-cli model forward --checkpoint BEATs_iter3_plus_AS2M.pt --input waves.npy \\\n"
    "      --out features.npy --embedding clip_embeddings.npy\n";

struct Request {
    std::string checkpoint, input, out;
    std::optional<std::string> embedding, arch;
    long width = 0, depth = 0;  // 0: not given
};

std::string shapeText(const torch::Tensor& t)
{
    std::string s = "(";
    for (int64_t d = 0; d < t.dim(); ++d) s += (d ? ", " : "") + std::to_string(t.size(d));
    return s + ")";
}

torch::Tensor readInput(const std::string& path)
{
    const NpyArray a = readNpy(path);
    if (a.dtype != "<f4" && a.dtype != "<f8")
        throw Error("expected a float32 array, found dtype " + a.dtype, path);
    std::vector<float> values = a.toFloat();
    return torch::from_blob(values.data(), a.shape, torch::kFloat).clone();
}

void writeOutput(const std::string& path, const torch::Tensor& t)
{
    const torch::Tensor c = t.contiguous();
    writeNpy(path, c.data_ptr<float>(), c.sizes().vec());
}

void checkArchOptions(const Request& r, const DetectedModel& model)
{
    if (!r.arch && !r.width && !r.depth) return;
    if (r.arch && *r.arch != "tfsepnet") throw UsageError("--arch must be 'tfsepnet', not '" + *r.arch + "'");
    if (model.kind != ModelKind::TfSepNet && model.kind != ModelKind::TfSepNetInt8)
        throw Error("--arch/--width/--depth describe a TF-SepNet, but the checkpoint holds " + model.describe(),
                    r.checkpoint);
    if ((r.width && r.width != model.tfsepnet.width) || (r.depth && r.depth != model.tfsepnet.depth))
        throw Error("the weights are " + model.describe() + ", not the width/depth given on the command line",
                    r.checkpoint);
}

using Forward = std::function<std::pair<torch::Tensor, torch::Tensor>(const torch::Tensor&)>;

struct Runner {
    Forward forward;  // one chunk -> (output, embedding)
    int64_t chunk = 1;
};

// The network of the checkpoint, loaded and in eval mode.
Runner loadRunner(const Request& r, const Checkpoint& checkpoint, const DetectedModel& model)
{
    if (model.kind == ModelKind::TfSepNet) {
        TfSepNet net = loadTfSepNet(checkpoint, model, r.checkpoint);
        net->eval();
        return {[net](const torch::Tensor& x) mutable {
                    const TfSepNetOutput out = net->forwardAll(x);
                    return std::make_pair(out.logits, out.embedding);
                },
                kTfSepNetChunk};
    }
    if (model.kind == ModelKind::TfSepNetInt8) {
        const auto net = std::make_shared<QuantizedTfSepNet>(loadQuantizedTfSepNet(checkpoint, model, r.checkpoint));
        return {[net](const torch::Tensor& x) {
                    const TfSepNetOutput out = net->forward(x);
                    return std::make_pair(out.logits, out.embedding);
                },
                kTfSepNetChunk};
    }
    if (model.kind == ModelKind::Beats) {
        Beats net = loadBeats(checkpoint, model, r.checkpoint);
        net->eval();
        return {[net](const torch::Tensor& x) mutable {
                    const torch::Tensor features = net->forward(BeatsImpl::preprocess(x));
                    return std::make_pair(features, features.mean(1));
                },
                kBeatsChunk};
    }
    BeatsClassifier net = loadBeatsTeacher(checkpoint, model, r.checkpoint);
    net->eval();
    return {[net](const torch::Tensor& x) mutable { return net->forwardWithEmbedding(BeatsImpl::preprocess(x)); },
            kBeatsChunk};
}

// Runs the batch in chunks, without autograd; errors about the input name the input file.
std::pair<torch::Tensor, torch::Tensor> runBatch(const Request& r, const Runner& runner, const torch::Tensor& x)
{
    if (x.dim() < 1 || x.size(0) == 0) throw Error("the batch is empty, shape " + shapeText(x), r.input);
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> outs, embeddings;
    try {
        for (int64_t b = 0; b < x.size(0); b += runner.chunk) {
            auto [y, e] = runner.forward(x.narrow(0, b, std::min(runner.chunk, x.size(0) - b)));
            outs.push_back(y);
            embeddings.push_back(e);
        }
    } catch (const Error& e) {
        throw Error(e.message(), r.input);
    }
    return {torch::cat(outs), torch::cat(embeddings)};
}

int run(Args& args)
{
    Request r;
    r.checkpoint = args.required("checkpoint");
    r.input = args.required("input");
    r.out = args.required("out");
    r.embedding = args.option("embedding");
    r.arch = args.option("arch");
    r.width = args.integer("width", 0, 4, 4096);
    r.depth = args.integer("depth", 0, 16, 17);
    args.finish();

    const Checkpoint checkpoint = readCheckpoint(r.checkpoint);
    const DetectedModel model = detectModel(checkpoint, r.checkpoint);
    checkArchOptions(r, model);
    const torch::Tensor x = readInput(r.input);
    const Runner runner = loadRunner(r, checkpoint, model);
    const auto start = std::chrono::steady_clock::now();
    const auto [y, embedding] = runBatch(r, runner, x);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    writeOutput(r.out, y);
    if (r.embedding) writeOutput(*r.embedding, embedding);
    std::cout << model.describe() << ": " << shapeText(x) << " -> " << shapeText(y) << " in " << seconds
              << " s; wrote " << r.out;
    if (r.embedding) std::cout << " and " << *r.embedding << " " << shapeText(embedding);
    std::cout << "\n";
    return 0;
}

const CommandRegistration registration({
    "model forward",
    "run a checkpoint (TF-SepNet, int8 TF-SepNet or BEATs) in eval mode on a .npy batch",
    kUsage,
    {},
    run,
});

}  // namespace
}  // namespace sb::cli
