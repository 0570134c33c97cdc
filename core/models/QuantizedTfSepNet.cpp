#include "core/models/QuantizedTfSepNet.h"

#include "core/common/Error.h"
#include "core/models/GlobalRandom.h"
#include "core/models/QuantKernels.h"
#include "core/models/ResNorm.h"

#include <cmath>
#include <set>

namespace sb {

namespace {

// The int8 model's arithmetic (see the header): uint8 codes between operations.
class Int8Arithmetic : public GraphArithmetic {
public:
    explicit Int8Arithmetic(const QuantizedTfSepNet& net) : net_(net) {}

    Activation input(const torch::Tensor& x) override
    {
        const QuantParams& p = params("input");
        return {p.quantize(x), p, "input"};
    }
    Activation conv(size_t index, const ConvSpec& spec, const Activation& x) override
    {
        const QuantParams& p = params(spec.name);
        return {net_.convs()[index].forward(x.values, x.params, p), p, spec.name};
    }
    Activation norm(const std::string& point, const Activation& x) override
    {
        const QuantParams& p = params(point);
        return {p.quantize(norm_->forward(x.params.dequantize(x.values))), p, point};
    }
    Activation pool(const Activation& x) override
    {
        // Codes of one scale compare as their values do.
        return {quant::maxPool2(x.values), x.params, x.point};
    }
    Activation mean(const std::string& point, const Activation& x, const std::vector<int64_t>& dims) override
    {
        // The sum of the centred codes (exact: float32 while count · 255 < 2^24), requantised
        // with the multiplier s_in / (count · s_out).
        const QuantParams& p = params(point);
        int64_t count = 1;
        for (int64_t d : dims) count *= x.values.size(d);
        torch::Tensor centred = x.params.centred(x.values);
        if (count * 255 >= (int64_t(1) << 24)) centred = centred.to(torch::kDouble);
        const float multiplier = float(double(x.params.scale) / (double(count) * double(p.scale)));
        return {quant::requantize(centred.sum(dims, /*keepdim=*/true), torch::full({1}, multiplier), p.zeroPoint, 0), p,
                point};
    }
    Activation add(const std::string& point, const Activation& a, const Activation& b) override
    {
        const QuantParams& p = params(point);
        return {p.quantize(a.params.dequantize(a.values) + b.params.dequantize(b.values)), p, point};
    }

private:
    const QuantParams& params(const std::string& point) const { return net_.point(point).params; }
    const QuantizedTfSepNet& net_;
    ResNorm norm_;
};

std::string actKey(const std::string& point, const char* field) { return "act." + point + "." + field; }

// The entries of a state dict by name, each to be taken once; the rest are unexpected.
class Entries {
public:
    Entries(const StateDict& tensors, std::string path) : path_(std::move(path))
    {
        for (const auto& [name, tensor] : tensors) byName_.emplace(name, tensor);
    }
    torch::Tensor take(const std::string& name)
    {
        const auto it = byName_.find(name);
        if (it == byName_.end()) throw Error("int8 TF-SepNet checkpoint without " + name, path_);
        taken_.insert(name);
        return it->second;
    }
    torch::Tensor scalar(const std::string& name, torch::ScalarType dtype)
    {
        torch::Tensor t = take(name);
        if (t.dim() != 0 || t.scalar_type() != dtype)
            throw Error(name + ": expected a " + QuantParams::dtypeName(dtype) + " scalar", path_);
        return t;
    }
    void finish() const
    {
        std::string extra;
        for (const auto& [name, tensor] : byName_)
            if (!taken_.count(name)) extra += (extra.empty() ? "" : ", ") + name;
        if (!extra.empty()) throw Error("unexpected entries in an int8 TF-SepNet checkpoint: " + extra, path_);
    }

private:
    std::map<std::string, torch::Tensor> byName_;
    std::set<std::string> taken_;
    std::string path_;
};

ActivationPoint readPoint(Entries& entries, const std::string& point, const std::string& path)
{
    ActivationPoint a;
    a.params.scale = entries.scalar(actKey(point, "scale"), torch::kFloat).item<float>();
    a.params.zeroPoint = entries.scalar(actKey(point, "zero_point"), torch::kByte).item<int>();
    a.min = entries.scalar(actKey(point, "min"), torch::kFloat).item<float>();
    a.max = entries.scalar(actKey(point, "max"), torch::kFloat).item<float>();
    if (!(a.params.scale > 0) || !std::isfinite(a.params.scale))
        throw Error(actKey(point, "scale") + ": must be positive and finite", path);
    return a;
}

}  // namespace

QuantizedTfSepNet::QuantizedTfSepNet(TfSepNetGraph graph, std::vector<Int8Conv> convs,
                                     std::map<std::string, ActivationPoint> points, QuantizationRecord record)
    : graph_(std::move(graph)), convs_(std::move(convs)), points_(std::move(points)), record_(record)
{
    if (convs_.size() != graph_.convs().size())
        throw Error("the int8 model has " + std::to_string(convs_.size()) + " convolutions, its graph " +
                    std::to_string(graph_.convs().size()));
    for (size_t i = 0; i < convs_.size(); ++i)
        if (convs_[i].spec().name != graph_.convs()[i].name)
            throw Error("convolution " + std::to_string(i) + " is not the graph's " + graph_.convs()[i].name,
                        convs_[i].spec().name);
    for (const std::string& p : graph_.points())
        if (!points_.count(p)) throw Error("no quantisation parameters for this point", p);
}

const ActivationPoint& QuantizedTfSepNet::point(const std::string& name) const
{
    const auto it = points_.find(name);
    if (it == points_.end()) throw Error("not a quantisation point of the int8 model", name);
    return it->second;
}

TfSepNetOutput QuantizedTfSepNet::forward(const torch::Tensor& x) const
{
    config().checkInput(x);
    torch::NoGradGuard noGrad;
    Int8Arithmetic arithmetic(*this);
    const auto out = graph_.run(arithmetic, x.to(torch::kCPU).contiguous(at::MemoryFormat::ChannelsLast));
    TfSepNetOutput result;
    result.logits = out.logits.params.dequantize(out.logits.values).flatten(1);
    result.featureMap = out.features.params.dequantize(out.features.values).contiguous();
    result.embedding = result.featureMap.mean({2, 3});
    return result;
}

Int8Storage QuantizedTfSepNet::storage() const
{
    Int8Storage s;
    for (const Int8Conv& c : convs_) {
        s.weights += int64_t(c.weight().nbytes());
        s.weightScales += int64_t(c.weightScale().nbytes());
        s.biases += int64_t(c.bias().nbytes());
    }
    // Per point: the float32 scale and the uint8 zero point stateDict() writes.
    s.activations = int64_t(points_.size()) * int64_t(sizeof(float) + sizeof(uint8_t));
    return s;
}

StateDict QuantizedTfSepNet::stateDict() const
{
    StateDict sd;
    auto integer = [](int64_t v) { return torch::scalar_tensor(v, torch::kLong); };
    sd.emplace_back("quantization.format", integer(kFormat));
    sd.emplace_back("quantization.calibration_clips", integer(record_.calibrationClips));
    sd.emplace_back("quantization.seed", integer(record_.seed));
    for (const Int8Conv& c : convs_) {
        sd.emplace_back(c.spec().name + ".weight", c.weight());
        sd.emplace_back(c.spec().name + ".weight_scale", c.weightScale());
        sd.emplace_back(c.spec().name + ".bias", c.bias());
    }
    for (const std::string& p : graph_.points()) {
        const ActivationPoint& a = points_.at(p);
        sd.emplace_back(actKey(p, "scale"), torch::scalar_tensor(a.params.scale, torch::kFloat));
        sd.emplace_back(actKey(p, "zero_point"), torch::scalar_tensor(a.params.zeroPoint, torch::kByte));
        sd.emplace_back(actKey(p, "min"), torch::scalar_tensor(a.min, torch::kFloat));
        sd.emplace_back(actKey(p, "max"), torch::scalar_tensor(a.max, torch::kFloat));
    }
    return sd;
}

QuantizedTfSepNet QuantizedTfSepNet::fromStateDict(const StateDict& tensors, const TfSepNetConfig& config,
                                                   const std::string& path)
{
    Entries entries(tensors, path);
    const int64_t format = entries.scalar("quantization.format", torch::kLong).item<int64_t>();
    if (format != kFormat)
        throw Error("int8 TF-SepNet format " + std::to_string(format) + " is not supported (this SceneBench reads " +
                        std::to_string(kFormat) + ")",
                    path);
    QuantizationRecord record;
    record.calibrationClips = entries.scalar("quantization.calibration_clips", torch::kLong).item<int64_t>();
    record.seed = entries.scalar("quantization.seed", torch::kLong).item<int64_t>();
    TfSepNetGraph graph = [&] {
        // The network only lends its shape; its random initial weights must not shift the
        // draws of a run training in this process.
        const GlobalRandomBorrow borrow;
        return TfSepNetGraph(*TfSepNet(config));
    }();
    std::vector<Int8Conv> convs;
    for (const ConvSpec& spec : graph.convs())
        convs.emplace_back(spec, entries.take(spec.name + ".weight"), entries.take(spec.name + ".weight_scale"),
                           entries.take(spec.name + ".bias"), path);
    std::map<std::string, ActivationPoint> points;
    for (const std::string& p : graph.points()) points[p] = readPoint(entries, p, path);
    entries.finish();
    return QuantizedTfSepNet(std::move(graph), std::move(convs), std::move(points), record);
}

}  // namespace sb
