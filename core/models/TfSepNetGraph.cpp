#include "core/models/TfSepNetGraph.h"

#include "core/common/Error.h"
#include "core/models/ConvBnRelu.h"
#include "core/models/ResNorm.h"
#include "core/models/TfSepBlock.h"

namespace sb {

namespace {

ConvSpec specOf(const std::string& name, const torch::nn::Conv2dImpl& conv)
{
    const auto& o = conv.options;
    ConvSpec s;
    s.name = name;
    s.in = o.in_channels();
    s.out = o.out_channels();
    s.groups = o.groups();
    for (size_t d = 0; d < 2; ++d) {
        s.kernel[d] = o.kernel_size()->at(d);
        s.stride[d] = o.stride()->at(d);
        s.padding[d] = c10::get<torch::ExpandingArray<2>>(o.padding())->at(d);
    }
    return s;
}

const torch::nn::Module& child(const torch::nn::Module& parent, const std::string& name)
{
    const auto children = parent.named_children();
    const auto* found = children.find(name);
    if (!found) throw Error("TF-SepNet module without child '" + name + "'", parent.name());
    return **found;
}

}  // namespace

TfSepNetGraph::TfSepNetGraph(const TfSepNetImpl& net) : config_(net.config())
{
    points_.push_back("input");
    for (const auto& item : child(net, "conv_layers").named_children())
        addConv("conv_layers." + item.key(), *item.value());
    stem_ = convs_.size();
    for (const auto& item : child(net, "middle_layers").named_children()) {
        const std::string name = "middle_layers." + item.key();
        const torch::nn::Module& layer = *item.value();
        if (layer.as<TfSepBlockImpl>()) {
            addBlock(name, layer);
        } else if (layer.as<ResNormImpl>()) {
            body_.push_back({Step::Kind::Norm, name});
            points_.push_back(name);
        } else if (layer.as<torch::nn::MaxPool2dImpl>()) {
            body_.push_back({Step::Kind::Pool, name});
        } else {
            throw Error("unexpected layer in TF-SepNet's body", name);
        }
    }
    ConvSpec head = specOf("classifier.conv", *child(child(net, "classifier"), "conv").as<torch::nn::Conv2dImpl>());
    head.relu = false;
    convs_.push_back(head);
    points_.push_back(head.name);
    points_.push_back("logits");
}

int TfSepNetGraph::addConv(const std::string& prefix, const torch::nn::Module& module)
{
    const auto* block = module.as<ConvBnReluImpl>();
    if (!block) throw Error("expected a ConvBnRelu", prefix);
    ConvSpec s = specOf(prefix + "._conv", *block->conv);
    s.batchNorm = prefix + "._bn";
    convs_.push_back(s);
    points_.push_back(s.name);
    return int(convs_.size()) - 1;
}

void TfSepNetGraph::addBlock(const std::string& name, const torch::nn::Module& block)
{
    Step step{Step::Kind::Block, name};
    const auto children = block.named_children();
    if (children.contains("trans_conv")) step.trans = addConv(name + ".trans_conv", *children["trans_conv"]);
    step.freqDw = addConv(name + ".freq_dw_conv", *children["freq_dw_conv"]);
    points_.push_back(name + ".freq_mean");
    step.freqPw = addConv(name + ".freq_pw_conv", *children["freq_pw_conv"]);
    step.tempDw = addConv(name + ".temp_dw_conv", *children["temp_dw_conv"]);
    points_.push_back(name + ".temp_mean");
    step.tempPw = addConv(name + ".temp_pw_conv", *children["temp_pw_conv"]);
    points_.push_back(name);
    body_.push_back(step);
}

Activation TfSepNetGraph::runBlock(GraphArithmetic& a, const Step& step, const Activation& input) const
{
    auto conv = [&](int index, const Activation& x) { return a.conv(size_t(index), convs_[size_t(index)], x); };
    const Activation x = step.trans >= 0 ? conv(step.trans, input) : input;
    const auto [h1, h2] = shuffledHalves(x.values);
    const Activation x1{h1, x.params, x.point}, x2{h2, x.params, x.point};
    // Dropout is the identity in eval mode: the int8 model has none.
    const Activation f = conv(step.freqPw, a.mean(step.name + ".freq_mean", conv(step.freqDw, x1), {2}));
    const Activation t = conv(step.tempPw, a.mean(step.name + ".temp_mean", conv(step.tempDw, x2), {3}));
    // Both halves are stored at the block's one point, so concatenating them is exact.
    const Activation y1 = a.add(step.name, x1, f), y2 = a.add(step.name, x2, t);
    return {torch::cat({y1.values, y2.values}, 1), y1.params, y1.point};
}

TfSepNetGraph::Output TfSepNetGraph::run(GraphArithmetic& a, const torch::Tensor& x) const
{
    Activation v = a.input(x);
    for (size_t i = 0; i < stem_; ++i) v = a.conv(i, convs_[i], v);
    for (const Step& step : body_) {
        switch (step.kind) {
        case Step::Kind::Norm: v = a.norm(step.name, v); break;
        case Step::Kind::Pool: v = a.pool(v); break;
        case Step::Kind::Block: v = runBlock(a, step, v); break;
        }
    }
    Output out;
    out.features = v;
    out.logits = a.mean("logits", a.conv(convs_.size() - 1, convs_.back(), v), {2, 3});
    return out;
}

Int8Storage TfSepNetGraph::int8Storage() const
{
    Int8Storage s;
    for (const ConvSpec& c : convs_) {
        s.weights += c.weightCount();
        s.weightScales += 4 * c.out;
        s.biases += 4 * c.out;
    }
    s.activations = 5 * int64_t(points_.size());
    return s;
}

}  // namespace sb
