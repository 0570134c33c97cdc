#include "core/features/TorchWindows.h"

#include <cmath>

namespace sb {

std::vector<float> torchHannWindow(int length, bool periodic)
{
    if (length <= 0) return {};
    if (length == 1) return {1.f};
    // ATen: arange(N) (float) .mul_(2π/(N-1)) .cos_() .mul_(-0.5) .add_(0.5), each step
    // rounded to float; a periodic window is the first `length` values of one of length+1.
    const int n = periodic ? length + 1 : length;
    const auto step = static_cast<float>(2.0 * M_PI / static_cast<double>(n - 1));
    std::vector<float> w(static_cast<size_t>(length));
    for (int i = 0; i < length; ++i) {
        const float phase = static_cast<float>(i) * step;
        w[static_cast<size_t>(i)] = std::cos(phase) * -0.5f + 0.5f;
    }
    return w;
}

std::vector<float> torchPoveyWindow(int length)
{
    std::vector<float> w = torchHannWindow(length, false);
    for (float& v : w) v = std::pow(v, 0.85f);
    return w;
}

}  // namespace sb
