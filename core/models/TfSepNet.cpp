#include "core/models/TfSepNet.h"

#include "core/common/Error.h"
#include "core/models/ResNorm.h"
#include "core/models/TfSepBlock.h"

namespace sb {

namespace {

// The body of the seed code: 'N' = ResNorm, 'M' = MaxPool2d(2, 2), a number = a TF-Sep
// block with that multiple of the base width as output channels.
std::vector<std::string> bodyPlan(int depth)
{
    if (depth == 16) return {"N", "1", "1", "N", "M", "1.5", "1.5", "N", "M", "2", "2", "N", "2.5", "2.5", "2.5", "N"};
    return {"N", "1", "1", "N", "M", "1.5", "1.5", "N", "M", "2", "2", "N", "M", "2.5", "2.5", "2.5", "N"};
}

int64_t halved(int64_t n) { return (n + 1) / 2; }  // a 3×3 stride-2 conv with padding 1

}  // namespace

void TfSepNetConfig::validate() const
{
    if (width < 4 || width % 4 != 0)
        throw Error("base width must be a positive multiple of 4 (got " + std::to_string(width) + ")", "width");
    if (depth != 16 && depth != 17)
        throw Error("depth must be 16 or 17 (got " + std::to_string(depth) + ")", "depth");
    if (classes < 1) throw Error("number of classes must be positive", "classes");
    if (inChannels < 1) throw Error("number of input channels must be positive", "inChannels");
    if (kernel < 1 || kernel % 2 == 0) throw Error("kernel size must be odd", "kernel");
}

std::string TfSepNetConfig::describe() const
{
    return "TF-SepNet-" + std::to_string(width) + " (depth " + std::to_string(depth) + ")";
}

TfSepNetImpl::TfSepNetImpl(const TfSepNetConfig& config) : config_(config)
{
    config_.validate();
    const int64_t c = config_.width;
    conv_layers = register_module("conv_layers", torch::nn::ModuleList());
    conv_layers->push_back(ConvBnRelu(ConvBnReluOptions{config_.inChannels, c / 2, {3, 3}, {2, 2}, {1, 1}}));
    conv_layers->push_back(ConvBnRelu(ConvBnReluOptions{c / 2, 2 * c, {3, 3}, {2, 2}, {1, 1}, c / 2}));

    middle_layers = register_module("middle_layers", torch::nn::ModuleList());
    int64_t channels = 2 * c;
    for (const auto& step : bodyPlan(config_.depth)) {
        if (step == "N") {
            middle_layers->push_back(ResNorm());
        } else if (step == "M") {
            middle_layers->push_back(torch::nn::MaxPool2d(torch::nn::MaxPool2dOptions(2).stride(2)));
        } else {
            const auto out = static_cast<int64_t>(std::stod(step) * static_cast<double>(c));
            middle_layers->push_back(TfSepBlock(channels, out, config_.kernel, config_.dropout));
            channels = out;
        }
    }
    classifier = register_module("classifier", std::make_shared<torch::nn::Module>());
    classifierConv = classifier->register_module(
        "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, config_.classes, 1).bias(true)));
}

void TfSepNetConfig::checkInput(const torch::Tensor& x) const
{
    auto shape = [&] {
        std::string s = "(";
        for (int64_t d = 0; d < x.dim(); ++d) s += (d ? ", " : "") + std::to_string(x.size(d));
        return s + ")";
    };
    if (x.dim() != 4 || x.size(1) != inChannels)
        throw Error("TF-SepNet expects a (batch, " + std::to_string(inChannels) +
                        ", mel bins, frames) input, got " + shape(),
                    "input");
    const int64_t need = int64_t(1) << maxPools();
    if (halved(halved(x.size(2))) < need || halved(halved(x.size(3))) < need)
        throw Error("input " + shape() + " is too small for " + describe() + ": mel bins and frames must be at least " +
                        std::to_string(4 * need - 3),
                    "input");
}

torch::Tensor TfSepNetImpl::body(const torch::Tensor& input, LayerRecorder* recorder)
{
    torch::Tensor x = input.contiguous(channelsLast_ ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous);
    for (size_t i = 0; i < conv_layers->size(); ++i)
        x = conv_layers[i]->as<ConvBnReluImpl>()->forward(x, recorder, "conv_layers." + std::to_string(i));
    for (size_t i = 0; i < middle_layers->size(); ++i) {
        const std::string name = "middle_layers." + std::to_string(i);
        const auto layer = middle_layers[i];
        if (auto* block = layer->as<TfSepBlockImpl>()) {
            x = block->forward(x, recorder, name);
        } else if (auto* norm = layer->as<ResNormImpl>()) {
            x = norm->forward(x);
        } else {
            x = layer->as<torch::nn::MaxPool2dImpl>()->forward(x);
        }
    }
    return x;
}

torch::Tensor TfSepNetImpl::classify(const torch::Tensor& featureMap, LayerRecorder* recorder)
{
    torch::Tensor y;
    if (recorder && recorder->shapesOnly()) {
        y = recorder->conv2dShape("classifier.conv", *classifierConv, featureMap);
    } else {
        y = classifierConv->forward(featureMap);
        if (recorder) recorder->conv2d("classifier.conv", *classifierConv, y);
    }
    return y.mean({2, 3});
}

torch::Tensor TfSepNetImpl::forward(const torch::Tensor& x)
{
    config_.checkInput(x);
    return classify(body(x, nullptr), nullptr);
}

TfSepNetOutput TfSepNetImpl::forwardAll(const torch::Tensor& x, LayerRecorder* recorder)
{
    config_.checkInput(x);
    TfSepNetOutput out;
    torch::Tensor map = body(x, recorder);
    out.logits = classify(map, recorder);
    out.embedding = map.mean({2, 3});
    out.featureMap = map.contiguous();
    return out;
}

}  // namespace sb
