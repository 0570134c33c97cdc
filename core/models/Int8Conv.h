#pragma once
// One convolution of the int8 student, BatchNorm folded in: int8 weights with one
// symmetric scale per output channel (scale = max|w| / 127, codes −127…127), an int32
// bias at scale input_scale · weight_scale, and integer arithmetic:
//   acc = Σ (q_in − z_in) · w_q + b_q                       (int32 accumulation)
//   M[c] = float32(s_in · s_w[c] / s_out)
//   q_out = clamp(round(acc · M[c]) + z_out, z_out if ReLU else 0, 255)
// as fbgemm requantises (float32 product, round to nearest, ties to even). The sums are
// whole numbers, computed exactly: in float32 when every partial sum stays below 2^24
// (fan-in · 127 · 255 + max |bias| < 2^24: every TF-SepNet layer up to width ~200 with
// its usual biases), else in float64, where the product is then taken too.
#include "core/models/QuantParams.h"
#include "core/models/TfSepNetGraph.h"

#include <torch/torch.h>

namespace sb {

class Int8Conv {
public:
    // Quantises a folded float convolution: weight (out, in/groups, kh, kw), bias (out),
    // for an input stored with `input`.
    static Int8Conv quantize(const ConvSpec& spec, const torch::Tensor& weight, const torch::Tensor& bias,
                             const QuantParams& input);
    // From stored tensors: int8 weight, float32 weightScale (out), int32 bias (out).
    // sb::Error (where = path) naming the tensor whose dtype or shape does not fit `spec`.
    Int8Conv(ConvSpec spec, torch::Tensor weight, torch::Tensor weightScale, torch::Tensor bias,
             const std::string& path);

    // The int32 accumulators (bias included) for uint8 codes q stored with `input`, as
    // whole numbers in a float32 (or, for large sums, float64) tensor (B, out, H', W').
    torch::Tensor accumulate(const torch::Tensor& q, const QuantParams& input) const;
    // The uint8 output codes, stored with `output`.
    torch::Tensor forward(const torch::Tensor& q, const QuantParams& input, const QuantParams& output) const;

    const ConvSpec& spec() const { return spec_; }
    const torch::Tensor& weight() const { return weight_; }            // int8
    const torch::Tensor& weightScale() const { return weightScale_; }  // float32 (out)
    const torch::Tensor& bias() const { return bias_; }                // int32 (out)
    // Bytes stored: the three tensors above.
    int64_t bytes() const;

private:
    ConvSpec spec_;
    torch::Tensor weight_, weightScale_, bias_;
    torch::Tensor codes_, biasCodes_;  // weight_ and bias_ in the accumulation type (float32 or 64): a cache
};

}  // namespace sb
