#pragma once
// The distillation loss of the method (science.md, "Student"):
//   loss = lambda * CE(student, label) + (1 - lambda) * T^2 * KL(teacher_T || student_T)
// with KL as torch.nn.KLDivLoss(log_target=True) and its default reduction 'mean', i.e.
// averaged over batch x classes (the lambda balance of the seed code depends on it).
#include <torch/torch.h>

namespace sb {

struct DistillationTerms {
    torch::Tensor loss;  // what is minimised
    torch::Tensor ce;    // label cross-entropy (batch mean)
    torch::Tensor kd;    // T^2 * KL, before the (1 - lambda) weight
};

// studentLogits, teacherLogits: (B, C); labels: (B) int64 class indices.
DistillationTerms distillationLoss(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                                   const torch::Tensor& labels, double temperature, double lambda);

// MixUp / SoftMixUp: the same loss on mixed inputs is mix * L(y, t) + (1 - mix) * L(y[perm], t[perm]),
// i.e. the labels and the teacher logits are mixed with the same weight.
DistillationTerms mixedDistillationLoss(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                                        const torch::Tensor& labels, const torch::Tensor& permutation, double mix,
                                        double temperature, double lambda);

}  // namespace sb
