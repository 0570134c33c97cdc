#pragma once
// Scores of a classifier on a labelled clip set, the way DCASE Task 1 reports them:
// accuracy per class macro-averaged, per device, seen vs unseen devices, confusion
// matrices per device, and multi-class log loss. Plain C++ (no torch), so views and
// tests can use it directly.
#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace sb {

// Counts of (true class, predicted class); rows are the true class.
struct ConfusionMatrix {
    int classes = 0;
    std::vector<long> counts;  // classes x classes, row-major

    explicit ConfusionMatrix(int n = 0) : classes(n), counts(size_t(n) * size_t(n), 0) {}
    long& at(int truth, int predicted) { return counts[size_t(truth) * size_t(classes) + size_t(predicted)]; }
    long at(int truth, int predicted) const { return counts[size_t(truth) * size_t(classes) + size_t(predicted)]; }
    long rowTotal(int truth) const;
    // Mean over classes that occur of (correct / clips of that class): DCASE's macro accuracy.
    double macroAccuracy() const;
};

struct EvaluationResult {
    long clips = 0;
    double accuracy = 0;  // macro over classes, all devices
    double logLoss = 0;   // mean -log p(true class), p clipped to [1e-15, 1]
    std::vector<double> accuracyPerClass;
    std::map<std::string, double> accuracyPerDevice;  // macro over classes within the device
    double seenAccuracy = 0;    // macro over classes, devices of the training splits
    double unseenAccuracy = 0;  // macro over classes, s4-s6 (NaN when none are present)
    ConfusionMatrix confusion;
    std::map<std::string, ConfusionMatrix> confusionPerDevice;
};

// probabilities: clips x classes, row-major, rows summing to 1. labels in [0, classes).
// Throws sb::Error when sizes disagree or a label is out of range.
EvaluationResult evaluate(const std::vector<int>& labels, const std::vector<std::string>& devices,
                          const std::vector<float>& probabilities, int classes);
// The same with the predicted class of each clip given (a predictions.csv's label
// column) instead of the argmax of its probabilities; empty `predictions`: the argmax.
EvaluationResult evaluate(const std::vector<int>& labels, const std::vector<std::string>& devices,
                          const std::vector<float>& probabilities, int classes, const std::vector<int>& predictions);

// summary.json entry of one model: accuracy, accuracy_per_device, accuracy_per_class
// (by scene name), seen/unseen accuracy and gap, log_loss, clips.
nlohmann::json summaryJson(const EvaluationResult& result);
// confusion.json of one model: {"classes": [...], "all": [[...]], "per_device": {"a": [[...]], ...}}
nlohmann::json confusionJson(const EvaluationResult& result);

}  // namespace sb
