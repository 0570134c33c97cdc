#pragma once
// Bad audio files: truncated, wrong headers, zero-length, NaN/Inf samples, huge claimed
// sizes, invalid channel counts and rates, and formats libsndfile does not read.
#include "RobustCase.h"

#include <random>
#include <string>
#include <vector>

namespace sb::robust {

// `scratch`: a folder for libsndfile's temporary fixtures. Includes its controls.
std::vector<RobustCase> audioCases(std::mt19937& rng, const std::string& scratch);

}  // namespace sb::robust
