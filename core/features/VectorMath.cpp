#include "core/features/VectorMath.h"

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace sb {
namespace {

inline float cephesLog(float x)
{
    uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    // x = m * 2^e with m in [0.5, 1).
    int e = static_cast<int>((bits >> 23) & 0xffu) - 126;
    bits = (bits & 0x807fffffu) | 0x3f000000u;
    float m;
    std::memcpy(&m, &bits, sizeof m);
    // Keep m - 1 small: fold m < sqrt(1/2) into [sqrt(1/2), sqrt(2)).
    const int low = m < 0.707106781186547524f;
    e -= low;
    const float f = m * static_cast<float>(1 + low) - 1.0f;
    const float z = f * f;
    float y = 7.0376836292e-2f;
    y = y * f - 1.1514610310e-1f;
    y = y * f + 1.1676998740e-1f;
    y = y * f - 1.2420140846e-1f;
    y = y * f + 1.4249322787e-1f;
    y = y * f - 1.6668057665e-1f;
    y = y * f + 2.0000714765e-1f;
    y = y * f - 2.4999993993e-1f;
    y = y * f + 3.3333331174e-1f;
    y = y * f * z;
    const auto fe = static_cast<float>(e);
    y += -2.12194440e-4f * fe;
    y += -0.5f * z;
    return f + y + 0.693359375f * fe;
}

}  // namespace

void logInPlace(float* values, size_t n)
{
    int unusual = 0;
    for (size_t i = 0; i < n; ++i) unusual |= !((values[i] >= FLT_MIN) & (values[i] <= FLT_MAX));
    if (unusual) {  // rare: keep std::log's answers for 0, inf, NaN and negatives
        for (size_t i = 0; i < n; ++i) values[i] = std::log(values[i]);
        return;
    }
    for (size_t i = 0; i < n; ++i) values[i] = cephesLog(values[i]);
}

}  // namespace sb
