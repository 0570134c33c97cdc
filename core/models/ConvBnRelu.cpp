#include "core/models/ConvBnRelu.h"

namespace sb {

ConvBnReluImpl::ConvBnReluImpl(const ConvBnReluOptions& o)
{
    conv = register_module("_conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(o.in, o.out, o.kernel)
                                                          .stride(o.stride)
                                                          .padding(o.padding)
                                                          .groups(o.groups)
                                                          .bias(false)));
    bn = register_module("_bn", torch::nn::BatchNorm2d(o.out));
}

torch::Tensor ConvBnReluImpl::forward(const torch::Tensor& x, LayerRecorder* recorder, const std::string& name)
{
    if (recorder && recorder->shapesOnly()) {
        torch::Tensor y = recorder->conv2dShape(name + "._conv", *conv, x);
        recorder->free(name + "._bn", "BatchNorm2d", *bn, y);
        return y;
    }
    torch::Tensor y = conv->forward(x);
    if (recorder) recorder->conv2d(name + "._conv", *conv, y);
    y = bn->forward(y);
    if (recorder) recorder->free(name + "._bn", "BatchNorm2d", *bn, y);
    return y.relu_();
}

}  // namespace sb
