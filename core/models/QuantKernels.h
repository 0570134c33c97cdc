#pragma once
// The element-wise steps of the int8 student's arithmetic as single passes over CPU
// tensors (NCHW or channels-last), since a chain of torch operations per step (multiply,
// round, add, clamp, cast) made the int8 forward pass three to four times slower than
// the float one. The arithmetic is fbgemm's requantisation: a float32 product, rounded
// to nearest (ties to even), plus the zero point, saturated.
#include <torch/torch.h>

namespace sb::quant {

// uint8 codes clamp(round(x · multiplier[c]) + zeroPoint, floor, 255) of a float32 or
// float64 tensor x (B, C, H, W), the product taken in x's type. multiplier: float32 with
// C values (one per channel, dim 1) or one value. NaN gives `floor`.
torch::Tensor requantize(const torch::Tensor& x, const torch::Tensor& multiplier, int zeroPoint, int floor);

// float32 (q − zeroPoint) · scale of uint8 codes q; scale 1 gives the centred codes exactly.
torch::Tensor widen(const torch::Tensor& q, int zeroPoint, float scale);

// MaxPool2d(2, 2) of uint8 codes (odd sizes floored), comparing codes directly.
torch::Tensor maxPool2(const torch::Tensor& q);

}  // namespace sb::quant
