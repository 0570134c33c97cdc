// Checkpoints that read fine but do not fit the network they describe: tensors of the
// wrong shape or dtype, missing or unexpected tensors, configs that contradict the
// weights or ask for absurd sizes. Made from the reference TF-SepNet and BEATs files with
// the product's own writer; driven through detection, measuring and strict loading.
#include "core/checkpoint/Checkpoint.h"

#include "CheckpointCases.h"

#include <algorithm>
#include <filesystem>
#include <functional>

namespace sb::robust {
namespace {

class ModelCaseWriter {
public:
    ModelCaseWriter(CheckpointCaseList& list, std::string scratch) : list_(list), scratch_(std::move(scratch)) {}

    void add(const std::string& name, const Checkpoint& ck)
    {
        const std::string path = (std::filesystem::path(scratch_) / "model-case.pt").string();
        writeCheckpoint(path, ck);
        list_.add("model-" + name, readBytes(path), Loader::CheckpointModel);
        std::filesystem::remove(path);
    }

private:
    CheckpointCaseList& list_;
    std::string scratch_;
};

// One tensor of the state dict changed (shape, dtype), removed, renamed, or one added.
void tensorEdits(ModelCaseWriter& out, std::mt19937& rng, const std::string& tag, const Checkpoint& base, int picks)
{
    auto floats = [&] {
        std::vector<size_t> idx;
        for (size_t i = 0; i < base.tensors.size(); ++i)
            if (base.tensors[i].second.is_floating_point() && base.tensors[i].second.numel() > 1) idx.push_back(i);
        return idx;
    }();
    for (int k = 0; k < picks; ++k) {
        const size_t i = floats[std::uniform_int_distribution<size_t>(0, floats.size() - 1)(rng)];
        const auto& [name, t] = base.tensors[i];
        auto edited = [&](const std::string& what, const torch::Tensor& replacement) {
            Checkpoint ck = base;
            ck.tensors[i].second = replacement;
            out.add(tag + "-" + what + "-" + name, ck);
        };
        if (t.dim() >= 2 && t.size(0) != t.size(1)) edited("transposed", t.transpose(0, 1).contiguous());
        if (t.dim() >= 2) edited("flattened", t.flatten());
        edited("extra-dimension", t.unsqueeze(0));
        if (t.size(0) > 1) edited("one-row-short", t.narrow(0, 0, t.size(0) - 1).contiguous());
        edited("one-row-long", torch::cat({t, t.narrow(0, 0, 1)}));
        edited("as-int64", t.to(torch::kLong));
        edited("as-bool", t.to(torch::kBool));
        edited("as-uint8", t.to(torch::kByte));
        Checkpoint missing = base;
        missing.tensors.erase(missing.tensors.begin() + long(i));
        out.add(tag + "-missing-" + name, missing);
        Checkpoint renamed = base;
        renamed.tensors[i].first = name + "_renamed";
        out.add(tag + "-renamed-" + name, renamed);
    }
    Checkpoint extra = base;
    extra.tensors.emplace_back(base.tensors.front().first.substr(0, base.tensors.front().first.rfind('.') + 1) + "surplus",
                               torch::zeros({3}));
    out.add(tag + "-unexpected-tensor", extra);
    for (const auto& [name, t] : base.tensors)
        if (name.find("num_batches_tracked") != std::string::npos) {
            Checkpoint ck = base;
            for (auto& [n, v] : ck.tensors)
                if (n == name) v = torch::tensor(1.5);
            out.add(tag + "-float-batch-counter", ck);
            break;
        }
}

void tfsepnetEdits(ModelCaseWriter& out, const Checkpoint& base)
{
    auto edit = [&](const std::string& what, const std::string& key, const std::function<torch::Tensor(const torch::Tensor&)>& f) {
        Checkpoint ck = base;
        for (auto& [n, t] : ck.tensors)
            if (n == key) t = f(t);
        out.add("tfsepnet-" + what, ck);
    };
    // Width 62 (stem of 31 channels) is no multiple of 4; 0 classes; a 3-d stem.
    edit("odd-width", "conv_layers.0._conv.weight", [](const torch::Tensor& t) { return t.narrow(0, 0, 31).contiguous(); });
    edit("zero-classes", "classifier.conv.weight", [](const torch::Tensor& t) { return t.narrow(0, 0, 0).contiguous(); });
    edit("stem-3d", "conv_layers.0._conv.weight", [](const torch::Tensor& t) { return t.flatten(2); });
    edit("even-kernel", "middle_layers.1.freq_dw_conv._conv.weight",
         [](const torch::Tensor& t) { return torch::zeros({t.size(0), t.size(1), 4, t.size(3)}); });
    Checkpoint noDepth = base;
    auto& t = noDepth.tensors;
    t.erase(std::remove_if(t.begin(), t.end(), [](const auto& kv) { return kv.first.find("trans_conv") != std::string::npos; }),
            t.end());
    out.add("tfsepnet-no-transition-blocks", noDepth);
}

void beatsEdits(ModelCaseWriter& out, const Checkpoint& base)
{
    // Relative to the file's own config, so that every edit contradicts its weights.
    const int layers = base.cfg.value("encoder_layers", 12), dim = base.cfg.value("encoder_embed_dim", 768);
    const int patch = base.cfg.value("input_patch_size", 16);
    const std::vector<std::pair<std::string, nlohmann::json>> edits = {
        {"encoder_layers", 0}, {"encoder_layers", -1}, {"encoder_layers", std::to_string(layers)}, {"encoder_layers", layers + 1},
        {"encoder_layers", 100000}, {"encoder_embed_dim", 1 << 20}, {"encoder_embed_dim", dim * 2},
        {"encoder_ffn_embed_dim", 1 << 26}, {"encoder_attention_heads", dim + 1}, {"encoder_attention_heads", 0},
        {"embed_dim", 100000}, {"input_patch_size", 0}, {"input_patch_size", 1000}, {"input_patch_size", patch / 2},
        {"activation_fn", "swish"}, {"conv_pos", 0}, {"conv_pos", 1 << 24}, {"conv_pos_groups", 0},
        {"num_buckets", 2}, {"relative_position_embedding", "yes"}, {"deep_norm", 1.5},
    };
    for (const auto& [key, value] : edits) {
        Checkpoint ck = base;
        ck.cfg[key] = value;
        out.add("beats-cfg-" + key + "=" + value.dump(), ck);
    }
    Checkpoint teacher = base;
    teacher.tensors.emplace_back("classifier.linear.weight", torch::zeros({10, 7}));
    out.add("beats-teacher-head-wrong-width", teacher);
}

}  // namespace

void modelDefects(CheckpointCaseList& list, std::mt19937& rng, const std::string& dataFolder, const std::string& scratch)
{
    ModelCaseWriter out(list, scratch);
    const Checkpoint tfsepnet = readCheckpoint(dataFolder + "/reference/tfsepnet64_state_dict.pt");
    const Checkpoint beats = readCheckpoint(dataFolder + "/reference/beats_tiny.pt");
    tensorEdits(out, rng, "tfsepnet", tfsepnet, 5);
    tensorEdits(out, rng, "beats", beats, 4);
    tfsepnetEdits(out, tfsepnet);
    beatsEdits(out, beats);
}

}  // namespace sb::robust
