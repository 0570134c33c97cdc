#include "core/models/QuantParams.h"

#include "core/common/Error.h"
#include "core/models/QuantKernels.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sb {

QuantParams QuantParams::fromRange(double lo, double hi, const std::string& point)
{
    if (!std::isfinite(lo) || !std::isfinite(hi))
        throw Error("activation range is not finite (the float model produced NaN or infinity)", point);
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
    QuantParams q;
    q.scale = std::max(static_cast<float>((hi - lo) / 255.0), std::numeric_limits<float>::epsilon());
    q.zeroPoint = static_cast<int>(std::clamp(std::nearbyint(-lo / double(q.scale)), 0.0, 255.0));
    return q;
}

std::string QuantParams::dtypeName(torch::ScalarType dtype)
{
    switch (dtype) {
    case torch::kChar: return "int8";
    case torch::kByte: return "uint8";
    case torch::kInt: return "int32";
    case torch::kLong: return "int64";
    case torch::kFloat: return "float32";
    case torch::kDouble: return "float64";
    default: return c10::toString(dtype);
    }
}

torch::Tensor QuantParams::quantize(const torch::Tensor& x) const
{
    return quant::requantize(x.to(torch::kFloat), torch::full({1}, 1.0f / scale), zeroPoint, 0);
}

torch::Tensor QuantParams::dequantize(const torch::Tensor& q) const { return quant::widen(q, zeroPoint, scale); }

torch::Tensor QuantParams::centred(const torch::Tensor& q) const { return quant::widen(q, zeroPoint, 1.0f); }

}  // namespace sb
