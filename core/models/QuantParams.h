#pragma once
// How one activation tensor of the int8 student is stored: per-tensor affine uint8
// (PyTorch's quint8, per_tensor_affine), q = clamp(round(x / scale) + zeroPoint, 0, 255)
// and x ≈ scale · (q − zeroPoint). Asymmetric uint8 rather than symmetric int8: after
// ReLU (most of TF-SepNet's tensors) the range is [0, max] and all 256 levels are used;
// symmetric int8 would leave half of them empty. The range always includes 0, so zero
// (the convolutions' padding, ReLU's floor) is represented exactly.
#include <torch/torch.h>

namespace sb {

struct QuantParams {
    float scale = 1.0f;  // stored as float32 in the file, so every computation uses this value
    int zeroPoint = 0;   // 0...255

    // PyTorch's MinMaxObserver rule for quint8: the range [min(lo, 0), max(hi, 0)] over 255
    // steps (at least float epsilon), zero point round(−lo / scale) clamped to 0...255.
    // sb::Error (where = `point`) when the range is not finite.
    static QuantParams fromRange(double lo, double hi, const std::string& point);
    // PyTorch's name of a dtype the int8 checkpoint holds ("int8", "uint8", "int32", ...),
    // for messages about its entries.
    static std::string dtypeName(torch::ScalarType dtype);

    // float → uint8: round(x · (1/scale)) in float32 (ties to even), + zeroPoint, clamped.
    torch::Tensor quantize(const torch::Tensor& x) const;
    // uint8 → float32: (q − zeroPoint) · scale.
    torch::Tensor dequantize(const torch::Tensor& q) const;
    // uint8 → float32 q − zeroPoint (whole numbers, exact).
    torch::Tensor centred(const torch::Tensor& q) const;
};

}  // namespace sb
