#include "core/models/LayerRecorder.h"

#include <set>

namespace sb {

namespace {

int64_t ownParameters(const torch::nn::Module& module)
{
    int64_t n = 0;
    for (const auto& p : module.parameters(/*recurse=*/false)) n += p.numel();
    return n;
}

}  // namespace

void LayerRecorder::add(const std::string& name, const std::string& type, int64_t params, int64_t macs,
                        const torch::Tensor& output)
{
    layers_.push_back({name, type, params, macs, output.sizes().vec()});
}

void LayerRecorder::conv2d(const std::string& name, const torch::nn::Conv2dImpl& conv, const torch::Tensor& output)
{
    const auto& w = conv.weight;  // (out, in/groups, kh, kw): numel/out = in/groups × kernel
    add(name, "Conv2d", ownParameters(conv), output.numel() * (w.numel() / w.size(0)), output);
}

torch::Tensor LayerRecorder::conv2dShape(const std::string& name, const torch::nn::Conv2dImpl& conv,
                                         const torch::Tensor& input)
{
    const auto& o = conv.options;
    std::vector<int64_t> shape = {input.size(0), o.out_channels()};
    for (size_t d = 0; d < 2; ++d) {
        const int64_t pad = c10::get<torch::ExpandingArray<2>>(o.padding())->at(d);
        const int64_t span = o.dilation()->at(d) * (o.kernel_size()->at(d) - 1) + 1;
        shape.push_back((input.size(static_cast<int64_t>(d) + 2) + 2 * pad - span) / o.stride()->at(d) + 1);
    }
    torch::Tensor y = torch::empty(shape, input.options());
    conv2d(name, conv, y);
    return y;
}

void LayerRecorder::conv1d(const std::string& name, int64_t params, const torch::Tensor& weight,
                           const torch::Tensor& output)
{
    add(name, "Conv1d", params, output.numel() * (weight.numel() / weight.size(0)), output);
}

void LayerRecorder::linear(const std::string& name, const torch::nn::LinearImpl& linear, const torch::Tensor& output)
{
    const auto& w = linear.weight;  // (out, in): each output element costs `in` MACs
    add(name, "Linear", ownParameters(linear), output.numel() * w.size(1), output);
}

void LayerRecorder::free(const std::string& name, const std::string& type, const torch::nn::Module& module,
                         const torch::Tensor& output)
{
    add(name, type, ownParameters(module), 0, output);
}

int64_t countParameters(const torch::nn::Module& module)
{
    std::set<const void*> seen;
    int64_t n = 0;
    for (const auto& p : module.parameters())
        if (seen.insert(p.unsafeGetTensorImpl()).second) n += p.numel();
    return n;
}

}  // namespace sb
