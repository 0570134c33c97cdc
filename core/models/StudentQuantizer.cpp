#include "core/models/StudentQuantizer.h"

#include "core/common/Error.h"

namespace sb {

namespace {

std::map<std::string, torch::Tensor> namedTensors(const TfSepNetImpl& net)
{
    std::map<std::string, torch::Tensor> byName;
    for (const auto& [name, tensor] : moduleStateDict(net)) byName.emplace(name, tensor.detach());
    return byName;
}

std::pair<torch::Tensor, torch::Tensor> fold(const TfSepNetImpl& net, const ConvSpec& spec,
                                             const std::map<std::string, torch::Tensor>& tensors)
{
    auto get = [&](const std::string& name) { return tensors.at(name).to(torch::kCPU).to(torch::kDouble); };
    const torch::Tensor w = get(spec.name + ".weight");
    if (spec.batchNorm.empty()) {
        const auto bias = tensors.find(spec.name + ".bias");
        return {w, bias == tensors.end() ? torch::zeros({spec.out}, torch::kDouble) : get(spec.name + ".bias")};
    }
    const auto modules = net.named_modules();
    const double eps = modules[spec.batchNorm]->as<torch::nn::BatchNorm2dImpl>()->options.eps();
    const torch::Tensor gamma = get(spec.batchNorm + ".weight"), beta = get(spec.batchNorm + ".bias");
    const torch::Tensor mean = get(spec.batchNorm + ".running_mean"), var = get(spec.batchNorm + ".running_var");
    const torch::Tensor factor = gamma / (var + eps).sqrt();
    return {w * factor.view({-1, 1, 1, 1}), beta - factor * mean};
}

}  // namespace

StudentQuantizer::StudentQuantizer(const TfSepNetImpl& net) : graph_(net)
{
    const auto tensors = namedTensors(net);
    for (const ConvSpec& spec : graph_.convs()) {
        folded_.push_back(fold(net, spec, tensors));
        float32_.emplace_back(folded_.back().first.to(torch::kFloat), folded_.back().second.to(torch::kFloat));
    }
    convInput_.resize(folded_.size());
}

Activation StudentQuantizer::track(const std::string& point, const torch::Tensor& values)
{
    const auto [lo, hi] = torch::aminmax(values);
    const double a = lo.item<double>(), b = hi.item<double>();
    const auto found = ranges_.find(point);
    if (found == ranges_.end()) ranges_.emplace(point, std::make_pair(a, b));
    else found->second = {std::min(found->second.first, a), std::max(found->second.second, b)};
    return {values, {}, point};
}

Activation StudentQuantizer::input(const torch::Tensor& x) { return track("input", x); }

Activation StudentQuantizer::conv(size_t index, const ConvSpec& spec, const Activation& x)
{
    convInput_[index] = x.point;
    const auto& [w, b] = float32_[index];
    torch::Tensor y = torch::conv2d(x.values, w, b, spec.stride, spec.padding, {1, 1}, spec.groups);
    return track(spec.name, spec.relu ? y.relu_() : y);
}

Activation StudentQuantizer::norm(const std::string& point, const Activation& x)
{
    return track(point, norm_->forward(x.values));
}

Activation StudentQuantizer::pool(const Activation& x)
{
    return {torch::max_pool2d(x.values, {2, 2}, {2, 2}), {}, x.point};
}

Activation StudentQuantizer::mean(const std::string& point, const Activation& x, const std::vector<int64_t>& dims)
{
    return track(point, x.values.mean(dims, /*keepdim=*/true));
}

Activation StudentQuantizer::add(const std::string& point, const Activation& a, const Activation& b)
{
    return track(point, a.values + b.values);
}

torch::Tensor StudentQuantizer::observe(const torch::Tensor& x)
{
    graph_.config().checkInput(x);
    torch::NoGradGuard noGrad;
    const torch::Tensor input = x.to(torch::kCPU).to(torch::kFloat).contiguous(at::MemoryFormat::ChannelsLast);
    return graph_.run(*this, input).logits.values.flatten(1);
}

QuantizedTfSepNet StudentQuantizer::quantize(const QuantizationRecord& record) const
{
    if (ranges_.empty()) throw Error("no calibration data: observe() clips before quantising");
    std::map<std::string, ActivationPoint> points;
    for (const std::string& p : graph_.points()) {
        const auto& [lo, hi] = ranges_.at(p);
        points[p] = {QuantParams::fromRange(lo, hi, p), float(lo), float(hi)};
    }
    std::vector<Int8Conv> convs;
    for (size_t i = 0; i < folded_.size(); ++i)
        convs.push_back(Int8Conv::quantize(graph_.convs()[i], folded_[i].first, folded_[i].second,
                                           points.at(convInput_[i]).params));
    return QuantizedTfSepNet(graph_, std::move(convs), std::move(points), record);
}

QuantizedTfSepNet quantizeTfSepNet(const TfSepNetImpl& net, const torch::Tensor& calibration,
                                   const QuantizationRecord& record, CancellationToken& token, int64_t batchSize)
{
    if (calibration.dim() < 1 || calibration.size(0) == 0) throw Error("no calibration clips", "calibration");
    StudentQuantizer quantizer(net);
    for (int64_t b = 0; b < calibration.size(0); b += batchSize) {
        token.checkpoint();
        quantizer.observe(calibration.narrow(0, b, std::min(batchSize, calibration.size(0) - b)));
    }
    return quantizer.quantize(record);
}

}  // namespace sb
