#include "core/models/ModelCheckpoint.h"

#include "core/common/Error.h"
#include "core/models/BeatsWeightsCheck.h"

#include <algorithm>
#include <functional>
#include <optional>

namespace sb {

namespace {

const torch::Tensor* find(const StateDict& tensors, const std::string& key)
{
    const auto it = std::find_if(tensors.begin(), tensors.end(), [&](const auto& kv) { return kv.first == key; });
    return it == tensors.end() ? nullptr : &it->second;
}

// The prefix in front of `suffix` in the first key that ends with it, or nullopt.
std::optional<std::string> prefixOf(const StateDict& tensors, const std::string& suffix)
{
    for (const auto& [key, tensor] : tensors)
        if (key.size() >= suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0)
            return key.substr(0, key.size() - suffix.size());
    return std::nullopt;
}

TfSepNetConfig inferTfSepNet(const StateDict& tensors, const std::string& prefix, const std::string& path)
{
    auto need = [&](const std::string& key, int64_t dims) -> const torch::Tensor& {
        const torch::Tensor* t = find(tensors, prefix + key);
        if (!t || t->dim() != dims) throw Error("not a TF-SepNet state dict: missing or misshaped " + prefix + key, path);
        return *t;
    };
    TfSepNetConfig c;
    const torch::Tensor& stem = need("conv_layers.0._conv.weight", 4);
    c.width = static_cast<int>(stem.size(0) * 2);
    c.inChannels = static_cast<int>(stem.size(1));
    c.kernel = static_cast<int>(need("middle_layers.1.freq_dw_conv._conv.weight", 4).size(2));
    c.classes = static_cast<int>(need("classifier.conv.weight", 4).size(0));
    // The first 2.5·C block sits at index 13 after the extra max-pool of depth 17, else 12.
    if (find(tensors, prefix + "middle_layers.13.trans_conv._conv.weight")) {
        c.depth = 17;
    } else if (find(tensors, prefix + "middle_layers.12.trans_conv._conv.weight")) {
        c.depth = 16;
    } else {
        throw Error("TF-SepNet state dict without a 2.5·C transition block (middle_layers.12/13): depth unknown", path);
    }
    try {
        c.validate();
    } catch (const Error& e) {
        throw Error("TF-SepNet weights imply an invalid network: " + e.message() + " (" + e.where() + ")", path);
    }
    return c;
}

StateDict withoutPrefix(const Checkpoint& checkpoint, const DetectedModel& model)
{
    return model.prefix.empty() ? checkpoint.tensors : stripPrefix(checkpoint.tensors, model.prefix);
}

LoadReport loadOrThrow(const std::string& path, const std::function<LoadReport()>& load)
{
    try {
        return load();
    } catch (const Error& e) {
        throw Error("weights do not fit the network: " + e.message(), path);
    }
}

}  // namespace

std::string DetectedModel::describe() const
{
    switch (kind) {
    case ModelKind::TfSepNet: return tfsepnet.describe();
    case ModelKind::TfSepNetInt8: return tfsepnet.describe() + ", int8";
    case ModelKind::Beats: return beats.describe() + " encoder";
    case ModelKind::BeatsTeacher: return beats.describe() + " teacher, " + std::to_string(classes) + " classes";
    }
    return {};
}

DetectedModel detectModel(const Checkpoint& checkpoint, const std::string& path)
{
    DetectedModel m;
    if (!checkpoint.cfg.is_null()) {
        m.beats = BeatsConfig::fromJson(checkpoint.cfg, path + ": cfg");
        const auto teacherPrefix = prefixOf(checkpoint.tensors, "classifier.linear.weight");
        if (teacherPrefix) {
            m.kind = ModelKind::BeatsTeacher;
            m.prefix = *teacherPrefix;
            m.classes = static_cast<int>(find(checkpoint.tensors, m.prefix + "classifier.linear.weight")->size(0));
        } else {
            m.kind = ModelKind::Beats;
            m.prefix = prefixOf(checkpoint.tensors, "patch_embedding.weight").value_or("");
        }
        // Before anything is built from the cfg: it must describe these weights.
        checkBeatsWeights(checkpoint.tensors, m.kind == ModelKind::BeatsTeacher ? m.prefix + "encoder." : m.prefix, m.beats,
                          path);
        return m;
    }
    if (const auto prefix = prefixOf(checkpoint.tensors, "conv_layers.0._conv.weight")) {
        m.kind = find(checkpoint.tensors, *prefix + "quantization.format") ? ModelKind::TfSepNetInt8 : ModelKind::TfSepNet;
        m.prefix = *prefix;
        m.tfsepnet = inferTfSepNet(checkpoint.tensors, m.prefix, path);
        m.classes = m.tfsepnet.classes;
        return m;
    }
    if (prefixOf(checkpoint.tensors, "encoder.pos_conv.0.weight_v"))
        throw Error("BEATs weights without their cfg dict: re-save the checkpoint with its config", path);
    throw Error("checkpoint holds neither TF-SepNet nor BEATs weights", path);
}

TfSepNet loadTfSepNet(const Checkpoint& checkpoint, const DetectedModel& model, const std::string& path)
{
    if (model.kind == ModelKind::TfSepNetInt8)
        throw Error("this is an int8 TF-SepNet (quantised); it runs as the int8 model, not as float weights", path);
    TfSepNet net(model.tfsepnet);
    const StateDict tensors = withoutPrefix(checkpoint, model);
    loadOrThrow(path, [&] { return loadStateDict(*net, tensors, true); });
    return net;
}

QuantizedTfSepNet loadQuantizedTfSepNet(const Checkpoint& checkpoint, const DetectedModel& model,
                                        const std::string& path)
{
    if (model.kind != ModelKind::TfSepNetInt8) throw Error("not an int8 TF-SepNet checkpoint: " + model.describe(), path);
    return QuantizedTfSepNet::fromStateDict(withoutPrefix(checkpoint, model), model.tfsepnet, path);
}

Beats loadBeats(const Checkpoint& checkpoint, const DetectedModel& model, const std::string& path)
{
    Beats net(model.beats);
    const StateDict tensors = withoutPrefix(checkpoint, model);
    loadOrThrow(path, [&] { return net->load(tensors, true); });
    return net;
}

BeatsClassifier loadBeatsTeacher(const Checkpoint& checkpoint, const DetectedModel& model, const std::string& path)
{
    BeatsClassifier net(model.beats, model.classes);
    const StateDict tensors = withoutPrefix(checkpoint, model);
    loadOrThrow(path, [&] { return net->load(tensors, true); });
    return net;
}

ModelComplexity measureBeats(const BeatsConfig& cfg, int classes, int frames)
{
    torch::NoGradGuard noGrad;
    Beats net(cfg);
    net->eval();
    LayerRecorder recorder;
    ModelComplexity c;
    c.model = cfg.describe();
    c.inputShape = {1, frames, 128};
    torch::Tensor features = net->forward(torch::zeros(c.inputShape), &recorder);
    c.params = countParameters(*net);
    c.layers = recorder.layers();
    if (classes > 0) {
        torch::nn::Linear head(cfg.encoder_embed_dim, classes);
        recorder.linear("classifier.linear", *head, head->forward(features));
        c.layers = recorder.layers();
        c.params += countParameters(*head);
        c.model += " teacher";
    }
    finishComplexity(c);
    return c;
}

}  // namespace sb
