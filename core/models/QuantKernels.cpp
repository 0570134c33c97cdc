#include "core/models/QuantKernels.h"

#include <ATen/Parallel.h>

#include <vector>

namespace sb::quant {

namespace {

constexpr int64_t kGrain = 16384;

// x in its own dense layout: channels-last stays channels-last, anything else NCHW.
torch::Tensor dense(const torch::Tensor& x)
{
    const bool channelsLast = x.dim() == 4 && x.is_contiguous(at::MemoryFormat::ChannelsLast) && !x.is_contiguous();
    return x.contiguous(channelsLast ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous);
}

// Adding 1.5 · 2^(mantissa bits) rounds a small number to a whole one, ties to even, in
// the type's own rounding: no libm call, so the loops vectorise.
template <typename T>
constexpr T kRoundingMagic = T(12582912.0);  // float: 1.5 · 2^23
template <>
constexpr double kRoundingMagic<double> = 6755399441055744.0;  // 1.5 · 2^52

// clamp(round(a · m) + zeroPoint, floor, 255) as round(clamp(a · m, floor − z, 255 − z)) + z:
// the same for whole bounds, and the clamped value is small enough for the rounding trick.
// NaN compares false and lands on the lower bound.
template <typename T>
struct Requantizer {
    T lo, hi;
    int zeroPoint;
    uint8_t operator()(T a, T m) const
    {
        T v = a * m;
        v = v > lo ? v : lo;
        v = v < hi ? v : hi;
        const T rounded = static_cast<T>(v + kRoundingMagic<T>) - kRoundingMagic<T>;
        return static_cast<uint8_t>(static_cast<int>(rounded) + zeroPoint);
    }
};

// f(i) for i in [0, n): blocks of a fixed 16 first, which the compiler vectorises even at
// -O2 (whose cost model refuses loops of unknown length), then the rest.
template <typename F>
inline void blocked(int64_t n, const F& f)
{
    int64_t i = 0;
    for (; i + 16 <= n; i += 16)
        for (int64_t k = 0; k < 16; ++k) f(i + k);
    for (; i < n; ++i) f(i);
}

template <typename T>
void requantizeInto(const torch::Tensor& x, const torch::Tensor& m, int zeroPoint, int floor, torch::Tensor& out)
{
    const T* __restrict in = x.data_ptr<T>();
    uint8_t* __restrict o = out.data_ptr<uint8_t>();
    const float* __restrict mult = m.data_ptr<float>();
    const Requantizer<T> q{T(floor - zeroPoint), T(255 - zeroPoint), zeroPoint};
    const int64_t channels = x.size(1);
    if (m.numel() == 1) {
        const T m0 = T(mult[0]);
        at::parallel_for(0, x.numel(), kGrain, [&](int64_t begin, int64_t end) {
            blocked(end - begin, [&](int64_t i) { o[begin + i] = q(in[begin + i], m0); });
        });
    } else if (!x.is_contiguous()) {  // channels-last: rows of one pixel across channels
        std::vector<T> mc(mult, mult + channels);
        const int64_t grain = std::max<int64_t>(1, kGrain / channels);
        at::parallel_for(0, x.numel() / channels, grain, [&](int64_t begin, int64_t end) {
            for (int64_t r = begin; r < end; ++r) {
                const T* __restrict a = in + r * channels;
                uint8_t* __restrict b = o + r * channels;
                blocked(channels, [&](int64_t c) { b[c] = q(a[c], mc[size_t(c)]); });
            }
        });
    } else {  // NCHW: planes of one channel
        const int64_t plane = x.numel() / std::max<int64_t>(1, x.size(0) * channels);
        const int64_t grain = std::max<int64_t>(1, kGrain / std::max<int64_t>(1, plane));
        at::parallel_for(0, x.size(0) * channels, grain, [&](int64_t begin, int64_t end) {
            for (int64_t r = begin; r < end; ++r) {
                const T mr = T(mult[r % channels]);
                const T* __restrict a = in + r * plane;
                uint8_t* __restrict b = o + r * plane;
                blocked(plane, [&](int64_t i) { b[i] = q(a[i], mr); });
            }
        });
    }
}

}  // namespace

torch::Tensor requantize(const torch::Tensor& input, const torch::Tensor& multiplier, int zeroPoint, int floor)
{
    const torch::Tensor x = dense(input.dim() == 4 ? input : input.reshape({input.size(0), -1, 1, 1}));
    const torch::Tensor m = multiplier.to(torch::kFloat).contiguous();
    TORCH_CHECK(m.numel() == 1 || m.numel() == x.size(1), "requantize: one multiplier or one per channel");
    torch::Tensor out = torch::empty_like(x, x.options().dtype(torch::kByte));
    if (x.scalar_type() == torch::kDouble) requantizeInto<double>(x, m, zeroPoint, floor, out);
    else requantizeInto<float>(x.to(torch::kFloat), m, zeroPoint, floor, out);
    return input.dim() == 4 ? out : out.reshape(input.sizes());
}

torch::Tensor widen(const torch::Tensor& codes, int zeroPoint, float scale)
{
    const torch::Tensor q = dense(codes);
    torch::Tensor out = torch::empty_like(q, q.options().dtype(torch::kFloat));
    const uint8_t* __restrict in = q.data_ptr<uint8_t>();
    float* __restrict o = out.data_ptr<float>();
    const float z = float(zeroPoint);
    at::parallel_for(0, q.numel(), kGrain, [&](int64_t begin, int64_t end) {
        blocked(end - begin, [&](int64_t i) { o[begin + i] = (float(in[begin + i]) - z) * scale; });
    });
    return out;
}

torch::Tensor maxPool2(const torch::Tensor& q)
{
    const int64_t h = q.size(2) / 2 * 2, w = q.size(3) / 2 * 2;
    auto at = [&](int64_t i, int64_t j) { return q.slice(2, i, h, 2).slice(3, j, w, 2); };
    return torch::maximum(torch::maximum(at(0, 0), at(0, 1)), torch::maximum(at(1, 0), at(1, 1)));
}

}  // namespace sb::quant
