#include "core/train/LearningRateSchedule.h"

#include <algorithm>
#include <cmath>

namespace sb {
namespace {

double warmupLinear(const ScheduleConfig& s, double epoch)
{
    double rampUp = 1.0;
    if (epoch < s.warmupEpochs) {
        const double e = std::clamp(epoch, 0.5, double(s.warmupEpochs));
        const double phase = 1.0 - e / s.warmupEpochs;
        rampUp = std::exp(-5.0 * phase * phase);
    }
    double rampDown = 1.0;
    const double sinceStart = epoch - s.warmupEpochs;
    if (sinceStart > 0) {
        rampDown = sinceStart < s.decayEpochs
                       ? s.finalFactor + (1.0 - s.finalFactor) * (s.decayEpochs - sinceStart) / s.decayEpochs
                       : s.finalFactor;
    }
    return rampUp * rampDown;
}

double cosineRestarts(const ScheduleConfig& s, double epoch)
{
    // Find the cycle holding `epoch`: cycles last t0, t0*tMult, t0*tMult^2, ...
    double cycle = s.t0;
    double start = 0;
    while (epoch >= start + cycle) {
        start += cycle;
        cycle *= s.tMult;
    }
    const double pi = std::acos(-1.0);
    return 0.5 * (1.0 + std::cos(pi * (epoch - start) / cycle));
}

}  // namespace

double learningRateFactor(const ScheduleConfig& schedule, double epoch)
{
    if (schedule.type == "warmup_linear") return warmupLinear(schedule, epoch);
    if (schedule.type == "cosine_restarts") return cosineRestarts(schedule, epoch);
    return 1.0;
}

}  // namespace sb
