#include "core/models/BeatsClassifier.h"

#include <algorithm>
#include <cmath>

namespace sb {

BeatsClassifierImpl::BeatsClassifierImpl(const BeatsConfig& cfg, int classes)
{
    encoder = register_module("encoder", Beats(cfg));
    auto classifier = register_module("classifier", std::make_shared<torch::nn::Module>());
    linear = classifier->register_module("linear", torch::nn::Linear(cfg.encoder_embed_dim, classes));
}

std::pair<torch::Tensor, torch::Tensor> BeatsClassifierImpl::forwardWithEmbedding(const torch::Tensor& fbank)
{
    torch::Tensor tokens;
    if (frozen_) {
        torch::NoGradGuard noGrad;
        tokens = encoder->forward(fbank);
    } else {
        tokens = encoder->forward(fbank);
    }
    // Linear per token then the mean of the logits, as the seed code does.
    return {torch::linear(tokens, linear->weight, linear->bias).mean(1), tokens.mean(1)};
}

torch::Tensor BeatsClassifierImpl::forward(const torch::Tensor& fbank) { return forwardWithEmbedding(fbank).first; }

void BeatsClassifierImpl::setEncoderFrozen(bool frozen)
{
    frozen_ = frozen;
    for (auto& p : encoder->parameters()) p.set_requires_grad(!frozen);
    train(is_training());
}

void BeatsClassifierImpl::train(bool on)
{
    torch::nn::Module::train(on);
    if (frozen_) encoder->eval();
}

std::vector<ParamGroup> BeatsClassifierImpl::layerwiseParamGroups(double baseLr, double decay) const
{
    const int layers = encoder->config().encoder_layers;
    std::vector<ParamGroup> groups;
    groups.push_back({"embedding", {}, baseLr * std::pow(decay, layers + 1)});
    for (int i = 0; i < layers; ++i)
        groups.push_back({"layer " + std::to_string(i), {}, baseLr * std::pow(decay, layers - i)});
    groups.push_back({"head", {}, baseLr});

    for (const auto& item : named_parameters()) {
        const std::string& key = item.key();
        // The AudioSet predictor of fine-tuned files is loaded but never used by the teacher.
        if (!item.value().requires_grad() || key.rfind("encoder.predictor.", 0) == 0) continue;
        size_t group = 0;
        if (key.rfind("classifier.", 0) == 0) {
            group = groups.size() - 1;
        } else if (key.rfind("encoder.encoder.layers.", 0) == 0) {
            group = 1 + std::stoul(key.substr(std::string("encoder.encoder.layers.").size()));
        }
        groups[group].params.push_back(item.value());
    }
    groups.erase(std::remove_if(groups.begin(), groups.end(), [](const ParamGroup& g) { return g.params.empty(); }),
                 groups.end());
    return groups;
}

StateDict BeatsClassifierImpl::stateDict() const
{
    return expandSharedBias(moduleStateDict(*this), "encoder.encoder.", encoder->config().encoder_layers);
}

LoadReport BeatsClassifierImpl::load(const StateDict& tensors, bool strict)
{
    return loadStateDict(*this, collapseSharedBias(tensors, "encoder.encoder.", encoder->config().encoder_layers),
                         strict);
}

}  // namespace sb
