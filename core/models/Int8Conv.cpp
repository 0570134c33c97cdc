#include "core/models/Int8Conv.h"

#include "core/common/Error.h"
#include "core/models/QuantKernels.h"

#include <limits>

namespace sb {

namespace {

// Every partial sum of fan-in products with |q − z| ≤ 255 and |w| ≤ 127, with or without
// the bias, is then a whole number below 2^24, which float32 holds exactly in any order.
bool exactInFloat32(const ConvSpec& s, const torch::Tensor& bias)
{
    const int64_t largestBias = bias.numel() ? bias.to(torch::kLong).abs().max().item<int64_t>() : 0;
    return s.fanIn() * 127 * 255 + largestBias < (int64_t(1) << 24);
}

std::string shapeText(c10::IntArrayRef shape)
{
    std::string s = "(";
    for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + ")";
}

void expect(const torch::Tensor& t, torch::ScalarType dtype, const std::vector<int64_t>& shape, const std::string& name,
            const std::string& path)
{
    if (t.scalar_type() != dtype || !t.sizes().equals(shape))
        throw Error(name + ": expected " + QuantParams::dtypeName(dtype) + " " + shapeText(shape) + ", found " +
                        QuantParams::dtypeName(t.scalar_type()) + " " + shapeText(t.sizes()),
                    path);
}

}  // namespace

Int8Conv Int8Conv::quantize(const ConvSpec& spec, const torch::Tensor& weight, const torch::Tensor& bias,
                            const QuantParams& input)
{
    const torch::Tensor w = weight.detach().to(torch::kDouble);
    torch::Tensor scale = w.abs().amax({1, 2, 3}) / 127.0;
    scale = torch::where(scale > 0, scale, torch::ones_like(scale)).to(torch::kFloat);  // an all-zero channel: codes 0
    const torch::Tensor s = scale.to(torch::kDouble);
    const torch::Tensor codes = (w / s.view({-1, 1, 1, 1})).round_().clamp_(-127, 127).to(torch::kChar);
    const torch::Tensor b = (bias.detach().to(torch::kDouble) / (s * double(input.scale)))
                                .round_()
                                .clamp_(double(std::numeric_limits<int32_t>::min()),
                                        double(std::numeric_limits<int32_t>::max()))
                                .to(torch::kInt);
    return Int8Conv(spec, codes, scale, b, spec.name);
}

Int8Conv::Int8Conv(ConvSpec spec, torch::Tensor weight, torch::Tensor weightScale, torch::Tensor bias,
                   const std::string& path)
    : spec_(std::move(spec)), weight_(std::move(weight)), weightScale_(std::move(weightScale)), bias_(std::move(bias))
{
    expect(weight_, torch::kChar, {spec_.out, spec_.in / spec_.groups, spec_.kernel[0], spec_.kernel[1]},
           spec_.name + ".weight", path);
    expect(weightScale_, torch::kFloat, {spec_.out}, spec_.name + ".weight_scale", path);
    expect(bias_, torch::kInt, {spec_.out}, spec_.name + ".bias", path);
    if (!(weightScale_ > 0).all().item<bool>() || !torch::isfinite(weightScale_).all().item<bool>())
        throw Error(spec_.name + ".weight_scale: scales must be positive and finite", path);
    weight_ = weight_.contiguous();
    const auto type = exactInFloat32(spec_, bias_) ? torch::kFloat : torch::kDouble;
    codes_ = weight_.to(type);
    biasCodes_ = bias_.to(type);
}

torch::Tensor Int8Conv::accumulate(const torch::Tensor& q, const QuantParams& input) const
{
    return torch::conv2d(input.centred(q).to(codes_.scalar_type()), codes_, biasCodes_, spec_.stride, spec_.padding,
                         {1, 1}, spec_.groups);
}

torch::Tensor Int8Conv::forward(const torch::Tensor& q, const QuantParams& input, const QuantParams& output) const
{
    const torch::Tensor multiplier =
        (weightScale_.to(torch::kDouble) * double(input.scale) / double(output.scale)).to(torch::kFloat);
    return quant::requantize(accumulate(q, input), multiplier, output.zeroPoint, spec_.relu ? output.zeroPoint : 0);
}

int64_t Int8Conv::bytes() const
{
    return int64_t(weight_.nbytes() + weightScale_.nbytes() + bias_.nbytes());
}

}  // namespace sb
