#include "core/models/BeatsWeightsCheck.h"

#include "core/common/Error.h"

#include <set>
#include <sstream>

namespace sb {
namespace {

std::string shapeText(c10::IntArrayRef shape)
{
    std::ostringstream s;
    s << shape;
    return s.str();
}

class WeightsCheck {
public:
    WeightsCheck(const StateDict& tensors, std::string prefix, std::string path)
        : tensors_(tensors), prefix_(std::move(prefix)), path_(std::move(path))
    {
    }

    void expect(const std::string& key, const std::vector<int64_t>& shape) const
    {
        for (const auto& [name, t] : tensors_)
            if (name == prefix_ + key) {
                if (t.sizes() != c10::IntArrayRef(shape))
                    fail(key + " is " + shapeText(t.sizes()) + " but the cfg implies " + shapeText(shape));
                return;
            }
        fail("the cfg implies a tensor " + key + " that the checkpoint lacks");
    }

    // The distinct N of "encoder.layers.N." names.
    size_t layerCount() const
    {
        const std::string layers = prefix_ + "encoder.layers.";
        std::set<std::string> seen;
        for (const auto& [name, t] : tensors_)
            if (name.compare(0, layers.size(), layers) == 0) seen.insert(name.substr(layers.size(), name.find('.', layers.size()) - layers.size()));
        return seen.size();
    }

    [[noreturn]] void fail(const std::string& why) const { throw Error("BEATs cfg and weights disagree: " + why, path_); }

private:
    const StateDict& tensors_;
    std::string prefix_;
    std::string path_;
};

}  // namespace

void checkBeatsWeights(const StateDict& tensors, const std::string& prefix, const BeatsConfig& cfg,
                       const std::string& path)
{
    const WeightsCheck check(tensors, prefix, path);
    const int64_t c = cfg.encoder_embed_dim, patch = cfg.input_patch_size;
    check.expect("patch_embedding.weight", {cfg.embed_dim, 1, patch, patch});
    check.expect("encoder.pos_conv.0.weight_v", {c, c / cfg.conv_pos_groups, cfg.conv_pos});
    check.expect("encoder.layers.0.fc1.weight", {cfg.encoder_ffn_embed_dim, c});
    if (cfg.relative_position_embedding)
        check.expect("encoder.layers.0.self_attn.relative_attention_bias.weight", {cfg.num_buckets, cfg.encoder_attention_heads});
    const size_t layers = check.layerCount();
    if (layers != size_t(cfg.encoder_layers))
        check.fail("the cfg says " + std::to_string(cfg.encoder_layers) + " encoder layers, the weights hold " +
                   std::to_string(layers));
}

}  // namespace sb
