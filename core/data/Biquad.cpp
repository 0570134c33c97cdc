#include "core/data/Biquad.h"

#include <algorithm>
#include <cmath>

namespace sb {

Biquad::Biquad(double b0, double b1, double b2, double a0, double a1, double a2)
    : b0_(float(b0 / a0)), b1_(float(b1 / a0)), b2_(float(b2 / a0)), a1_(float(a1 / a0)), a2_(float(a2 / a0))
{
}

// Keeps every design below Nyquist, so a device's 20 kHz limit stays valid at 32 kHz.
static double omega(double hz, double sampleRate)
{
    return 2.0 * M_PI * std::min(hz, 0.45 * sampleRate) / sampleRate;
}

Biquad Biquad::lowpass(double hz, double q, double sampleRate)
{
    const double w = omega(hz, sampleRate), alpha = std::sin(w) / (2 * q), c = std::cos(w);
    return Biquad((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha);
}

Biquad Biquad::highpass(double hz, double q, double sampleRate)
{
    const double w = omega(hz, sampleRate), alpha = std::sin(w) / (2 * q), c = std::cos(w);
    return Biquad((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha);
}

Biquad Biquad::bandpass(double hz, double q, double sampleRate)
{
    const double w = omega(hz, sampleRate), alpha = std::sin(w) / (2 * q), c = std::cos(w);
    return Biquad(alpha, 0, -alpha, 1 + alpha, -2 * c, 1 - alpha);
}

Biquad Biquad::peak(double hz, double gainDb, double q, double sampleRate)
{
    const double w = omega(hz, sampleRate), alpha = std::sin(w) / (2 * q), c = std::cos(w);
    const double a = std::pow(10.0, gainDb / 40.0);
    return Biquad(1 + alpha * a, -2 * c, 1 - alpha * a, 1 + alpha / a, -2 * c, 1 - alpha / a);
}

}  // namespace sb
