#include "core/train/Distillation.h"

namespace sb {

DistillationTerms distillationLoss(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                                   const torch::Tensor& labels, double temperature, double lambda)
{
    namespace F = torch::nn::functional;
    const auto ce = F::cross_entropy(studentLogits, labels);
    const auto studentLog = torch::log_softmax(studentLogits / temperature, 1);
    const auto teacherLog = torch::log_softmax(teacherLogits / temperature, 1);
    // KLDivLoss(log_target=True, reduction='mean'): mean over all B*C elements.
    const auto kl = (teacherLog.exp() * (teacherLog - studentLog)).mean();
    const auto kd = kl * (temperature * temperature);
    return {lambda * ce + (1.0 - lambda) * kd, ce, kd};
}

DistillationTerms mixedDistillationLoss(const torch::Tensor& studentLogits, const torch::Tensor& teacherLogits,
                                        const torch::Tensor& labels, const torch::Tensor& permutation, double mix,
                                        double temperature, double lambda)
{
    const auto a = distillationLoss(studentLogits, teacherLogits, labels, temperature, lambda);
    const auto b = distillationLoss(studentLogits, teacherLogits.index_select(0, permutation),
                                    labels.index_select(0, permutation), temperature, lambda);
    return {mix * a.loss + (1 - mix) * b.loss, mix * a.ce + (1 - mix) * b.ce, mix * a.kd + (1 - mix) * b.kd};
}

}  // namespace sb
