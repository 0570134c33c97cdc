#pragma once
// The experiment the kill and resume tests run (CLI and GUI alike): on the tiny demo
// dataset, the reference tiny BEATs as a frozen teacher, a width-16 student and one
// without KD, 4 epochs each, one thread, so it trains in seconds and gives the same
// numbers every time. Torch-free, for the widget tests too.
#include "core/experiment/ExperimentConfig.h"

#include <string>

namespace sb::test {

ExperimentConfig tinyExperiment(const std::string& datasetFolder, const std::string& name);

}  // namespace sb::test
