#pragma once
// Which network a checkpoint holds, and the network built from it: TF-SepNet (shape of
// the weights gives width, depth, classes), the int8 TF-SepNet (a "quantization.format"
// entry; QuantizedTfSepNet), a BEATs encoder (official files: cfg + model) or a BEATs
// teacher (cfg + encoder.* + classifier.linear.*). A prefix such as Lightning's
// "backbone." or "model." is found and removed.
#include "core/checkpoint/Checkpoint.h"
#include "core/models/BeatsClassifier.h"
#include "core/models/Complexity.h"
#include "core/models/QuantizedTfSepNet.h"
#include "core/models/TfSepNet.h"

namespace sb {

enum class ModelKind { TfSepNet, TfSepNetInt8, Beats, BeatsTeacher };

struct DetectedModel {
    ModelKind kind = ModelKind::TfSepNet;
    std::string prefix;       // removed from every key before loading
    TfSepNetConfig tfsepnet;  // kind == TfSepNet or TfSepNetInt8
    BeatsConfig beats;        // kind == Beats or BeatsTeacher
    int classes = 0;          // TfSepNet, TfSepNetInt8 and BeatsTeacher
    std::string describe() const;
};

// Throws sb::Error (where = path) when the checkpoint is none of the three.
DetectedModel detectModel(const Checkpoint& checkpoint, const std::string& path);

// Build the network and load its weights strictly; sb::Error naming the file otherwise.
TfSepNet loadTfSepNet(const Checkpoint& checkpoint, const DetectedModel& model, const std::string& path);
QuantizedTfSepNet loadQuantizedTfSepNet(const Checkpoint& checkpoint, const DetectedModel& model,
                                        const std::string& path);
Beats loadBeats(const Checkpoint& checkpoint, const DetectedModel& model, const std::string& path);
BeatsClassifier loadBeatsTeacher(const Checkpoint& checkpoint, const DetectedModel& model, const std::string& path);

// Complexity of a BEATs encoder (+ head when classes > 0) for `frames` fbank frames
// (98 = one second).
ModelComplexity measureBeats(const BeatsConfig& cfg, int classes, int frames);

}  // namespace sb
