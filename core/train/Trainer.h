#pragma once
// The epoch loop shared by every model SceneBench trains (teacher heads, fine-tuned
// teachers, the pre-trained demo encoder, students with or without distillation):
// shuffled mini-batches, MixUp and spectrogram augmentations, the loss, the learning-rate
// schedule per step, validation and best-model selection after every epoch, metrics
// events, cancellation, and a resumable state written after every epoch.
//
// Resume: after each epoch the state folder receives the weights, the optimiser, the
// random stream, the best model so far and the metrics.jsonl size. run() continues from
// there and, with the same seed and thread count, ends with the same weights as an
// uninterrupted run (batch order and augmentations come from the saved random stream;
// torch's own generator, used by dropout, is re-seeded from it every epoch).
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/experiment/ExperimentConfig.h"
#include "core/experiment/MetricsLog.h"
#include "core/train/DeviceResponses.h"

#include <torch/torch.h>

#include <functional>
#include <string>
#include <vector>

namespace sb {

enum class LossKind {
    CrossEntropy,  // targets: int64 class indices
    Distillation,  // targets: class indices; teacherLogits required (science.md KD loss)
    MultiLabel,    // targets: float multi-hot (N, K); binary cross-entropy (event pre-training)
};

struct TrainerParams {
    std::string model;  // name in metrics.jsonl: "teacher-1", "student", ...
    std::string stage;  // "pretrain", "finetune", "distill"
    int epochs = 1;
    int batchSize = 64;
    // An epoch draws a fresh random sample of at most this many clips (0 = every clip), so
    // that a schedule in epochs costs the same on a large split as on a small one.
    int maxEpochClips = 0;
    OptimizerConfig optimizer;
    ScheduleConfig schedule;
    AugmentConfig augment;
    LossKind loss = LossKind::CrossEntropy;
    KdConfig kd;
    uint64_t seed = 1;
    std::string stateFolder;  // where the resumable state lives (created if missing)
    int stepEventEvery = 1;   // write a "step" metrics event every N steps
    // Device IRs for augment.deviceIrP (not owned; null = none). Needs isDeviceA in the data.
    const DeviceResponses* deviceResponses = nullptr;
};

// Inputs and targets of one set, all on the training device, first dimension = clips.
struct LabelledTensors {
    torch::Tensor inputs;         // (N, ...) features; 4-D (N, C, F, T) gets spectrogram augmentations
    torch::Tensor targets;        // see LossKind
    torch::Tensor teacherLogits;  // (N, classes) for Distillation, else undefined
    torch::Tensor isDeviceA;      // (N) bool, for device IR augmentation; may be undefined
};

struct TrainOutcome {
    double bestValidation = 0;  // macro accuracy (or -loss for MultiLabel) of the selected epoch
    int bestEpoch = -1;
    bool resumed = false;
};

class Trainer {
public:
    using Forward = std::function<torch::Tensor(const torch::Tensor& inputs)>;
    struct Group {
        std::vector<torch::Tensor> params;
        double lrScale = 1.0;  // layer-wise decay: this group's lr = base lr x lrScale x schedule
    };

    // `module` is the model whose parameters and buffers make up the saved state;
    // `forward` maps a batch of inputs to logits. Both must outlive the trainer.
    Trainer(TrainerParams params, torch::nn::Module& module, Forward forward, std::vector<Group> groups);

    // Trains, continuing from the state folder when it holds a saved epoch. Leaves the
    // module holding the weights of the best validation epoch (the last one without
    // validation data). Throws sb::Cancelled when the token is cancelled (the state of
    // the last finished epoch stays on disk).
    TrainOutcome run(const LabelledTensors& train, const LabelledTensors* validation, MetricsLog& log,
                     JobObserver* observer, CancellationToken& token);

    // Logits of every input, in eval mode and batches, without gradients.
    static torch::Tensor predict(torch::nn::Module& module, const Forward& forward, const torch::Tensor& inputs,
                                 int batchSize);

private:
    struct EpochTotals;
    struct ResumeState;
    std::unique_ptr<torch::optim::Optimizer> makeOptimizer() const;
    torch::Tensor loss(const torch::Tensor& logits, const LabelledTensors& batch, const torch::Tensor& perm,
                       double mix, torch::Tensor& ce, torch::Tensor& kd) const;
    double validate(const LabelledTensors& validation, double& validationLoss);
    void setLearningRate(torch::optim::Optimizer& optimizer, double factor) const;
    void saveState(const ResumeState& state, torch::optim::Optimizer& optimizer) const;
    bool loadState(ResumeState& state, torch::optim::Optimizer& optimizer, MetricsLog& log) const;

    TrainerParams params_;
    torch::nn::Module& module_;
    Forward forward_;
    std::vector<Group> groups_;
};

}  // namespace sb
