#pragma once
// Bad experiment files, each made from a valid base (projects/demo.json) and one
// targeted defect: wrong types, out-of-range values, unknown fields, deep nesting, huge
// files, JSON syntax errors, and paths that are not regular files.
#include "RobustCase.h"

#include <random>
#include <string>
#include <vector>

namespace sb::robust {

// `baseText`: the valid experiment file the defects are applied to. Includes a control.
std::vector<RobustCase> experimentCases(std::mt19937& rng, const std::string& baseText);

}  // namespace sb::robust
