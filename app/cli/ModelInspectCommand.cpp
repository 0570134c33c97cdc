// scenebench-cli model inspect: the complexity meter on the command line, for a TF-SepNet
// configuration or any checkpoint SceneBench reads (TF-SepNet, int8 TF-SepNet, BEATs
// encoder or teacher).
#include "app/cli/CommandRegistry.h"
#include "core/checkpoint/Checkpoint.h"
#include "core/common/Dcase.h"
#include "core/models/Complexity.h"
#include "core/models/ModelCheckpoint.h"
#include "core/models/TfSepNet.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace sb::cli {
namespace {

// The seed code counts TF-SepNet on a 512 × 65 input (30,734,848 MACs for TF-SepNet-64);
// one second of CpMel is 64 frames. BEATs: 98 fbank frames are one second at 16 kHz.
constexpr long kTfSepNetFrames = 65;
constexpr long kBeatsFrames = 98;

const char* kUsage =
    "usage: scenebench-cli model inspect --arch tfsepnet [--width W] [--depth D] [--mels M] [--frames T] [--json]\n"
    "       scenebench-cli model inspect --checkpoint FILE [--mels M] [--frames T] [--json]\n"
    "\n"
    "The DCASE Task 1 complexity meter: parameters, parameter memory at fp32 / fp16 / int8,\n"
    "multiply-accumulates (convolutions and linear layers; bias, norms, pooling and the front\n"
    "end are free) for one input, in total and per layer, and the verdict against the Task 1\n"
    "limits (128 kB of parameters stored as int8, 30,000,000 MACs per 1-s clip).\n"
    "\n"
    "  --arch tfsepnet    TF-SepNet built from the options below (random weights: the counts\n"
    "                     do not depend on them)\n"
    "  --width W          base channels C, a positive multiple of 4 (default 64)\n"
    "  --depth D          16 or 17 (default 17)\n"
    "  --checkpoint FILE  a TF-SepNet state dict (plain or Lightning; width, depth and classes\n"
    "                     are read from the weights), an int8 TF-SepNet (model quantize), an\n"
    "                     official BEATs file (cfg + model) or a SceneBench teacher checkpoint\n"
    "                     (BEATs + Linear head)\n"
    "  --mels M           TF-SepNet input mel bins (default 512; BEATs always uses 128)\n"
    "  --frames T         input frames (default 65 for TF-SepNet, the seed code's 1-s count;\n"
    "                     98 fbank frames for BEATs = 1 s at 16 kHz)\n"
    "  --json             print one JSON object instead of the table: params, macs,\n"
    "                     bytes_fp32, bytes_fp16, bytes_int8, layers (name, type, params, macs,\n"
    "                     output_shape), model, input_shape, within_limits, verdict; for\n"
    "                     TF-SepNet also int8_model_bytes (what SceneBench's int8 student\n"
    "                     stores: weights, scales, biases, zero points), its parts in\n"
    "                     int8_model_bytes_detail and int8_model_within_limit\n"
    "\n"
    "bytes_int8 is the Task 1 rule (every parameter one byte); int8_model_bytes is the real\n"
    "int8 checkpoint, BatchNorm folded in (docs/models.md). For an int8 checkpoint it is read\n"
    "from the file.\n"
    "\n"
    "examples:\n"
    "  scenebench-cli model inspect --arch tfsepnet --width 64 --depth 17\n"
    "  scenebench-cli model inspect --arch tfsepnet --width 48 --frames 64 --json\n"
    "  scenebench-cli model inspect --checkpoint BEATs_iter3_plus_AS2M.pt\n";

std::string shapeText(const std::vector<int64_t>& shape)
{
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + ")";
}

// 30734848 -> "30,734,848"
std::string grouped(int64_t n)
{
    std::string digits = std::to_string(n < 0 ? -n : n), out;
    for (size_t i = 0; i < digits.size(); ++i) {
        if (i && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return (n < 0 ? "-" : "") + out;
}

nlohmann::json toJson(const ModelComplexity& c)
{
    nlohmann::json layers = nlohmann::json::array();
    for (const auto& l : c.layers)
        layers.push_back({{"name", l.name}, {"type", l.type}, {"params", l.params}, {"macs", l.macs},
                          {"output_shape", l.outputShape}});
    nlohmann::json j = {{"model", c.model},          {"input_shape", c.inputShape}, {"params", c.params},
                        {"macs", c.macs},            {"bytes_fp32", c.bytesFp32},   {"bytes_fp16", c.bytesFp16},
                        {"bytes_int8", c.bytesInt8}, {"layers", layers},            {"within_limits", c.withinLimits()},
                        {"verdict", c.verdict()}};
    const Int8Storage& q = c.int8Model;
    if (q.total() > 0) {
        j["int8_model_bytes"] = q.total();
        j["int8_model_bytes_detail"] = {{"weights", q.weights},
                                        {"weight_scales", q.weightScales},
                                        {"biases", q.biases},
                                        {"activations", q.activations}};
        j["int8_model_within_limit"] = q.withinLimit();
    }
    return j;
}

void printTable(const ModelComplexity& c)
{
    std::cout << c.model << ", input " << shapeText(c.inputShape) << "\n\n";
    std::printf("%-48s %-12s %10s %14s  %s\n", "layer", "type", "params", "MACs", "output");
    for (const auto& l : c.layers)
        std::printf("%-48s %-12s %10s %14s  %s\n", l.name.c_str(), l.type.c_str(), grouped(l.params).c_str(),
                    grouped(l.macs).c_str(), shapeText(l.outputShape).c_str());
    std::printf("\n%-20s %s\n", "parameters", grouped(c.params).c_str());
    std::printf("%-20s %s bytes fp32, %s fp16, %s int8\n", "parameter memory", grouped(c.bytesFp32).c_str(),
                grouped(c.bytesFp16).c_str(), grouped(c.bytesInt8).c_str());
    const Int8Storage& q = c.int8Model;
    if (q.total() > 0)
        std::printf("%-20s %s bytes of %s, %s: int8 weights %s, float32 weight scales %s, int32 biases %s,\n"
                    "%-20s activation scales and zero points %s\n",
                    "int8 student", grouped(q.total()).c_str(), grouped(dcase::kMaxParameterBytes).c_str(),
                    q.withinLimit() ? "within" : "over the limit", grouped(q.weights).c_str(),
                    grouped(q.weightScales).c_str(), grouped(q.biases).c_str(), "", grouped(q.activations).c_str());
    std::printf("%-20s %s\n", "MACs", grouped(c.macs).c_str());
    std::cout << "verdict: " << c.verdict() << "\n";
}

ModelComplexity inspectCheckpoint(const std::string& path, Args& args)
{
    const long mels = args.integer("mels", 0, 4, 4096);  // 0: not given
    const long frames = args.integer("frames", 0, 4, 100000);
    args.finish();
    const Checkpoint checkpoint = readCheckpoint(path);
    const DetectedModel model = detectModel(checkpoint, path);
    if (model.kind == ModelKind::TfSepNet || model.kind == ModelKind::TfSepNetInt8) {
        ModelComplexity c = measureTfSepNet(model.tfsepnet, static_cast<int>(mels ? mels : 512),
                                            static_cast<int>(frames ? frames : kTfSepNetFrames));
        if (model.kind == ModelKind::TfSepNetInt8) {
            c.model = model.describe();
            c.int8Model = loadQuantizedTfSepNet(checkpoint, model, path).storage();
        }
        return c;
    }
    if (mels) throw UsageError("--mels applies to TF-SepNet only; BEATs uses 128 fbank bins");
    if (frames && frames < model.beats.input_patch_size)
        throw UsageError("--frames must be at least one BEATs patch (" + std::to_string(model.beats.input_patch_size) +
                         " frames)");
    return measureBeats(model.beats, model.kind == ModelKind::BeatsTeacher ? model.classes : 0,
                        static_cast<int>(frames ? frames : kBeatsFrames));
}

ModelComplexity inspectArch(Args& args)
{
    const std::string arch = args.required("arch");
    if (arch != "tfsepnet")
        throw UsageError("--arch must be 'tfsepnet', not '" + arch + "' (a BEATs model is inspected from its --checkpoint)");
    TfSepNetConfig config;
    config.width = static_cast<int>(args.integer("width", 64, 4, 4096));
    config.depth = static_cast<int>(args.integer("depth", 17, 16, 17));
    const long mels = args.integer("mels", 512, 4, 4096);
    const long frames = args.integer("frames", kTfSepNetFrames, 4, 100000);
    args.finish();
    if (config.width % 4 != 0)
        throw UsageError("--width must be a multiple of 4 (got " + std::to_string(config.width) + ")");
    return measureTfSepNet(config, static_cast<int>(mels), static_cast<int>(frames));
}

int run(Args& args)
{
    const bool json = args.flag("json");
    const auto checkpoint = args.option("checkpoint");
    if (checkpoint && (args.option("arch") || args.option("width") || args.option("depth")))
        throw UsageError("give either --checkpoint or --arch/--width/--depth, not both");
    if (!checkpoint && !args.option("arch")) throw UsageError("give --arch tfsepnet or --checkpoint FILE");
    const ModelComplexity c = checkpoint ? inspectCheckpoint(*checkpoint, args) : inspectArch(args);
    if (json) {
        std::cout << toJson(c).dump(1) << "\n";
    } else {
        printTable(c);
    }
    return 0;
}

const CommandRegistration registration({
    "model inspect",
    "parameters, memory, MACs per layer and the Task 1 verdict of a network or checkpoint",
    kUsage,
    {"json"},
    run,
});

}  // namespace
}  // namespace sb::cli
