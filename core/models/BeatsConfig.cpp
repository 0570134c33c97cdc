#include "core/models/BeatsConfig.h"

#include "core/common/Error.h"

namespace sb {

namespace {

template <typename T>
void read(const nlohmann::json& cfg, const char* key, T& field, const std::string& where)
{
    const auto it = cfg.find(key);
    if (it == cfg.end() || it->is_null()) return;
    try {
        field = it->get<T>();
    } catch (const nlohmann::json::exception&) {
        throw Error(std::string("BEATs config value has the wrong type: ") + it->dump(), where + "." + key);
    }
}

}  // namespace

#define SB_BEATS_FIELDS(X)                                                                                      \
    X(input_patch_size) X(embed_dim) X(conv_bias) X(encoder_layers) X(encoder_embed_dim) X(encoder_ffn_embed_dim) \
    X(encoder_attention_heads) X(activation_fn) X(layer_wise_gradient_decay_ratio) X(layer_norm_first)          \
    X(deep_norm) X(dropout) X(attention_dropout) X(activation_dropout) X(encoder_layerdrop) X(dropout_input)     \
    X(conv_pos) X(conv_pos_groups) X(relative_position_embedding) X(num_buckets) X(max_distance) X(gru_rel_pos) \
    X(finetuned_model) X(predictor_dropout) X(predictor_class)

BeatsConfig BeatsConfig::fromJson(const nlohmann::json& cfg, const std::string& where)
{
    if (!cfg.is_object()) throw Error("BEATs config is not a dictionary", where);
    BeatsConfig c;
#define SB_READ(name) read(cfg, #name, c.name, where);
    SB_BEATS_FIELDS(SB_READ)
#undef SB_READ
    c.validate(where);
    return c;
}

nlohmann::json BeatsConfig::toJson() const
{
    nlohmann::json j;
#define SB_WRITE(name) j[#name] = name;
    SB_BEATS_FIELDS(SB_WRITE)
#undef SB_WRITE
    return j;
}

#undef SB_BEATS_FIELDS

void BeatsConfig::validate(const std::string& where) const
{
    auto positive = [&](int v, const char* key) {
        if (v <= 0) throw Error("must be positive (got " + std::to_string(v) + ")", where + "." + key);
    };
    positive(input_patch_size, "input_patch_size");
    positive(embed_dim, "embed_dim");
    positive(encoder_layers, "encoder_layers");
    positive(encoder_embed_dim, "encoder_embed_dim");
    positive(encoder_ffn_embed_dim, "encoder_ffn_embed_dim");
    positive(encoder_attention_heads, "encoder_attention_heads");
    positive(conv_pos, "conv_pos");
    positive(conv_pos_groups, "conv_pos_groups");
    if (encoder_embed_dim % encoder_attention_heads != 0)
        throw Error("encoder_embed_dim must be divisible by encoder_attention_heads", where + ".encoder_embed_dim");
    if (encoder_embed_dim % conv_pos_groups != 0)
        throw Error("encoder_embed_dim must be divisible by conv_pos_groups", where + ".conv_pos_groups");
    if (activation_fn != "gelu" && activation_fn != "relu")
        throw Error("activation '" + activation_fn + "' is not supported (gelu or relu)", where + ".activation_fn");
    if (deep_norm && layer_norm_first)
        throw Error("deep_norm and layer_norm_first cannot both be set", where + ".deep_norm");
    if (relative_position_embedding && (num_buckets < 4 || max_distance <= num_buckets / 4))
        throw Error("num_buckets/max_distance do not define relative-position buckets", where + ".num_buckets");
}

std::string BeatsConfig::describe() const
{
    return "BEATs " + std::to_string(encoder_layers) + " x " + std::to_string(encoder_embed_dim) + " (" +
           std::to_string(encoder_attention_heads) + " heads)";
}

}  // namespace sb
