#pragma once
// The configuration of a BEATs model, read from the `cfg` dict stored in every official
// checkpoint. Field names and defaults are those of microsoft/unilm beats/BEATs.py
// (BEATsConfig); a stored value simply overrides its default, as cfg.update does there.
#include <nlohmann/json.hpp>

#include <string>

namespace sb {

struct BeatsConfig {
    int input_patch_size = -1;
    int embed_dim = 512;
    bool conv_bias = false;

    int encoder_layers = 12;
    int encoder_embed_dim = 768;
    int encoder_ffn_embed_dim = 3072;
    int encoder_attention_heads = 12;
    std::string activation_fn = "gelu";

    double layer_wise_gradient_decay_ratio = 1.0;
    bool layer_norm_first = false;
    bool deep_norm = false;

    double dropout = 0.1;
    double attention_dropout = 0.1;
    double activation_dropout = 0.0;
    double encoder_layerdrop = 0.0;
    double dropout_input = 0.0;

    int conv_pos = 128;
    int conv_pos_groups = 16;

    bool relative_position_embedding = false;
    int num_buckets = 320;
    int max_distance = 1280;
    bool gru_rel_pos = false;

    bool finetuned_model = false;
    double predictor_dropout = 0.1;
    int predictor_class = 527;

    // Unknown keys are ignored; a known key of the wrong type or an impossible shape
    // throws sb::Error naming the key (`where` is prefixed to it).
    static BeatsConfig fromJson(const nlohmann::json& cfg, const std::string& where = "cfg");
    nlohmann::json toJson() const;
    void validate(const std::string& where = "cfg") const;
    // "BEATs 12 × 768 (12 heads)"
    std::string describe() const;
};

}  // namespace sb
