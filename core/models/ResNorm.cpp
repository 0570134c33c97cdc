#include "core/models/ResNorm.h"

#include <ATen/Parallel.h>

#include <cmath>
#include <optional>

namespace sb {

namespace {

constexpr double kLambda = 0.1;  // seed code: ResNorm(lamb=0.1)
constexpr double kEps = 1e-5;

// Where the statistics of one (sample, frequency bin) live. Over channels and time they
// are `runs` runs of `runLength` contiguous floats, `runStride` apart: channels-last
// (B, F, T, C in memory) is one run of T·C, NCHW is C runs of T.
struct Blocks {
    int64_t count = 0, bins = 0, sampleStride = 0, binStride = 0;
    int64_t runs = 0, runLength = 0, runStride = 0;

    int64_t elements() const { return runs * runLength; }
    int64_t offset(int64_t block) const { return (block / bins) * sampleStride + (block % bins) * binStride; }
};

// Blocks of x when its strides allow the fast kernels (float CPU, channels-last or a
// time axis of stride 1), else nothing.
std::optional<Blocks> blocksOf(const torch::Tensor& x)
{
    if (x.dim() != 4 || x.scalar_type() != torch::kFloat || !x.device().is_cpu() || x.numel() == 0)
        return std::nullopt;
    Blocks b;
    b.bins = x.size(2);
    b.count = x.size(0) * b.bins;
    b.sampleStride = x.stride(0);
    b.binStride = x.stride(2);
    const int64_t c = x.size(1), t = x.size(3);
    if (x.stride(1) == 1 && x.stride(3) == c) {
        b.runs = 1;
        b.runLength = c * t;
    } else if (x.stride(3) == 1) {
        b.runs = c;
        b.runLength = t;
        b.runStride = x.stride(1);
    } else {
        return std::nullopt;
    }
    return b;
}

// Sums in 8 independent partial sums: the compiler vectorises them without -ffast-math,
// and the rounding error stays that of n/8 additions.
template <typename Term>
double sum8(int64_t n, Term term)
{
    float part[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int64_t i = 0;
    for (; i + 8 <= n; i += 8)
        for (int j = 0; j < 8; ++j) part[j] += term(i + j);
    double total = 0;
    for (; i < n; ++i) total += term(i);
    for (float p : part) total += p;
    return total;
}

// y = λ·x + (x − mean) / sqrt(var + eps) per block; saves mean and 1/sqrt(var + eps).
void forwardKernel(const Blocks& b, const float* x, float* y, float* means, float* rstds)
{
    const double n = static_cast<double>(b.elements());
    at::parallel_for(0, b.count, 1, [&](int64_t begin, int64_t end) {
        for (int64_t k = begin; k < end; ++k) {
            const float* in = x + b.offset(k);
            double s = 0;
            for (int64_t r = 0; r < b.runs; ++r) {
                const float* p = in + r * b.runStride;
                s += sum8(b.runLength, [p](int64_t i) { return p[i]; });
            }
            const auto mean = static_cast<float>(s / n);
            double ss = 0;
            for (int64_t r = 0; r < b.runs; ++r) {
                const float* p = in + r * b.runStride;
                ss += sum8(b.runLength, [p, mean](int64_t i) { return (p[i] - mean) * (p[i] - mean); });
            }
            // Unbiased variance, as torch.var: n = 1 gives NaN there and here.
            const auto rstd = static_cast<float>(1.0 / std::sqrt(ss / (n - 1) + kEps));
            float* out = y + b.offset(k);
            for (int64_t r = 0; r < b.runs; ++r) {
                const float* p = in + r * b.runStride;
                float* q = out + r * b.runStride;
                for (int64_t i = 0; i < b.runLength; ++i)
                    q[i] = static_cast<float>(kLambda) * p[i] + (p[i] - mean) * rstd;
            }
            means[k] = mean;
            rstds[k] = rstd;
        }
    });
}

// dx = λ·g + r·(g − mean(g) − x̂·Σ(g·x̂)/(n − 1)), x̂ = (x − mean)·r, r = 1/sqrt(var + eps):
// the derivative of the forward above with the unbiased variance.
void backwardKernel(const Blocks& b, const float* x, const float* g, const float* means, const float* rstds,
                    float* dx)
{
    const double n = static_cast<double>(b.elements());
    at::parallel_for(0, b.count, 1, [&](int64_t begin, int64_t end) {
        for (int64_t k = begin; k < end; ++k) {
            const float* in = x + b.offset(k);
            const float* grad = g + b.offset(k);
            const float mean = means[k];
            double sg = 0, sgd = 0;  // Σ g, Σ g·(x − mean)
            for (int64_t r = 0; r < b.runs; ++r) {
                const float* p = in + r * b.runStride;
                const float* q = grad + r * b.runStride;
                sg += sum8(b.runLength, [q](int64_t i) { return q[i]; });
                sgd += sum8(b.runLength, [p, q, mean](int64_t i) { return q[i] * (p[i] - mean); });
            }
            const double rstd = rstds[k];
            const auto gain = static_cast<float>(kLambda + rstd);
            const auto slope = static_cast<float>(rstd * rstd * rstd * sgd / (n - 1));
            const auto shift = static_cast<float>(rstd * sg / n);
            float* out = dx + b.offset(k);
            for (int64_t r = 0; r < b.runs; ++r) {
                const float* p = in + r * b.runStride;
                const float* q = grad + r * b.runStride;
                float* d = out + r * b.runStride;
                for (int64_t i = 0; i < b.runLength; ++i) d[i] = gain * q[i] - slope * (p[i] - mean) - shift;
            }
        }
    });
}

// ResNorm as one autograd node: autograd's own chain (var, sub, div, mul, add and their
// backwards) spent most of a TF-SepNet training step in memory passes; this makes two
// passes forward and two backward. Differentiable once (no double backward).
struct ResNormFunction : public torch::autograd::Function<ResNormFunction> {
    static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& input)
    {
        const torch::Tensor x = blocksOf(input) ? input : input.contiguous();
        const Blocks b = *blocksOf(x);
        torch::Tensor y = torch::empty_like(x);
        torch::Tensor stats = torch::empty({2, b.count}, x.options());
        forwardKernel(b, x.data_ptr<float>(), y.data_ptr<float>(), stats[0].data_ptr<float>(),
                      stats[1].data_ptr<float>());
        ctx->save_for_backward({x, stats});
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                   torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& x = saved[0];
        const torch::Tensor& stats = saved[1];
        // The kernel walks g with x's strides.
        torch::Tensor g = grads[0].strides().equals(x.strides()) ? grads[0] : torch::empty_like(x).copy_(grads[0]);
        torch::Tensor dx = torch::empty_like(x);
        backwardKernel(*blocksOf(x), x.data_ptr<float>(), g.data_ptr<float>(), stats[0].data_ptr<float>(),
                       stats[1].data_ptr<float>(), dx.data_ptr<float>());
        return {dx};
    }
};

}  // namespace

torch::Tensor ResNormImpl::forward(const torch::Tensor& x)
{
    // The complexity meter runs on meta tensors (shapes only); ResNorm keeps the shape and
    // costs no MACs.
    if (x.is_meta()) return x;
    if (x.dim() == 4 && x.scalar_type() == torch::kFloat && x.device().is_cpu() && x.numel() > 0)
        return ResNormFunction::apply(x);
    // Other devices and dtypes: the same formula from torch operations.
    const auto [var, mean] = torch::var_mean(x, {1, 3}, /*unbiased=*/true, /*keepdim=*/true);
    return torch::addcmul(x * kLambda, x - mean, (var + kEps).rsqrt());
}

}  // namespace sb
