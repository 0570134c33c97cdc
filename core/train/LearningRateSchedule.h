#pragma once
// Learning-rate factors of the schedules in science.md, as functions of the (fractional)
// epoch, so they can be evaluated per step, restored after a resume, and plotted.
#include "core/experiment/ExperimentConfig.h"

namespace sb {

// Factor multiplying the base learning rate at `epoch` (0-based, may be fractional).
//  constant:        1
//  warmup_linear:   exp(-5 (1 - e/w)^2) for e < w (e clipped to >= 0.5, as in the seed
//                   code's exp_rampup), times a linear ramp from 1 at e = w down to
//                   finalFactor at e = w + decayEpochs, then finalFactor.
//  cosine_restarts: CosineAnnealingWarmRestarts(T_0 = t0, T_mult = tMult, eta_min = 0).
double learningRateFactor(const ScheduleConfig& schedule, double epoch);

}  // namespace sb
