#pragma once
// Two models compared on the clips both predicted (matched by file name): two models of
// one run (ensemble vs student) or the same model in two runs. Deltas are B − A.
#include "core/results/ModelPredictions.h"

#include <map>
#include <string>
#include <vector>

namespace sb {

struct ModelComparison {
    size_t commonClips = 0;
    double accuracyA = 0, accuracyB = 0;  // DCASE macro accuracy on the common clips
    double seenA = 0, seenB = 0, unseenA = 0, unseenB = 0;
    std::map<std::string, double> perDeviceA, perDeviceB;  // macro accuracy per device
    double agreement = 0;  // share of common clips with the same predicted class
    std::vector<std::string> classNames;
    // counts of B minus counts of A, classes x classes, rows = true class.
    std::vector<long> difference;
    std::map<std::string, std::vector<long>> differencePerDevice;

    long differenceAt(int truth, int predicted) const { return difference[size_t(truth) * classNames.size() + size_t(predicted)]; }
};

// Throws sb::Error when the two disagree on the class names or share no clip.
ModelComparison compareModels(const ModelPredictions& a, const ModelPredictions& b);

}  // namespace sb
