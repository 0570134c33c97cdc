#pragma once
// One model's test-fold predictions as a run wrote them (models/<model>/predictions.csv,
// DCASE submission format: tab separated filename, scene_label, one probability column
// per scene), with each clip's true scene, city and device taken from its TAU22 file
// name. What the Confusion view lists behind a cell and the clip inspector shows.
#include "core/results/Evaluation.h"

#include <string>
#include <vector>

namespace sb {

struct ClipPrediction {
    std::string filename;  // as in the file: "audio/airport-lisbon-1000-40000-0-a.wav"
    std::string city;
    std::string device;
    int trueClass = -1;      // index into ModelPredictions::classNames
    int predictedClass = -1;  // the scene_label column
    std::vector<float> probabilities;  // one per class
};

struct ModelPredictions {
    std::string model;                    // "student", "ensemble", ...
    std::vector<std::string> classNames;  // the probability columns, in order
    std::vector<ClipPrediction> clips;    // in file order

    // Throws sb::Error naming the file (and line) when it is missing or malformed: a
    // header without the scene columns, a wrong number of fields, a value that is not a
    // number, a file name that is not a TAU22 clip name, a label that is not a column.
    static ModelPredictions load(const std::string& runDir, const std::string& model);
    static ModelPredictions read(const std::string& csvPath, const std::string& model);
    // Models of a run with a predictions.csv, in pipeline order (the teachers by name,
    // ensemble, student, student-nokd).
    static std::vector<std::string> modelsWithPredictions(const std::string& runDir);

    // The k most probable classes of clip i, most probable first: (class, probability).
    std::vector<std::pair<int, float>> topK(size_t clip, int k) const;
    // Index of the clip with this file name, or -1.
    long find(const std::string& filename) const;
    // DCASE's scores of these predictions (per device, seen/unseen, confusion matrices).
    EvaluationResult evaluation() const;
    // The clips (indices, file order) whose true class is `truth` and predicted class is
    // `predicted`, on `device` ("" for every device).
    std::vector<size_t> clipsInCell(const std::string& device, int truth, int predicted) const;
    // The misclassified clips on `device` ("" for all), file order.
    std::vector<size_t> misclassified(const std::string& device = {}) const;
};

}  // namespace sb
