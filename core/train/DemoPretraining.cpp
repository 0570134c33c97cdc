#include "core/train/DemoPretraining.h"

#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"
#include "core/data/DemoWorld.h"
#include "core/models/BeatsClassifier.h"
#include "core/models/GlobalRandom.h"
#include "core/train/DemoCorpus.h"
#include "core/train/Trainer.h"

#include <filesystem>
#include <functional>

namespace fs = std::filesystem;

namespace sb {

BeatsConfig demoBeatsConfig()
{
    nlohmann::json cfg = {{"input_patch_size", 16},     {"embed_dim", 64},         {"conv_bias", false},
                          {"encoder_layers", 4},        {"encoder_embed_dim", 128}, {"encoder_ffn_embed_dim", 256},
                          {"encoder_attention_heads", 4}, {"activation_fn", "gelu"}, {"layer_norm_first", false},
                          {"deep_norm", true},          {"dropout", 0.1},          {"attention_dropout", 0.1},
                          {"activation_dropout", 0.0},  {"encoder_layerdrop", 0.0}, {"dropout_input", 0.1},
                          {"conv_pos", 16},             {"conv_pos_groups", 16},   {"relative_position_embedding", true},
                          {"num_buckets", 320},         {"max_distance", 800},     {"gru_rel_pos", true}};
    return BeatsConfig::fromJson(cfg, "demo BEATs cfg");
}

std::string demoEncoderPath(const std::string& demoRoot, const DemoPretraining& s)
{
    // The file name carries everything that changes the weights, so new settings never reuse old weights.
    const auto corpus = demoCorpusSize();
    const std::string key = demoBeatsConfig().toJson().dump() + "|world " + std::to_string(demo::kDemoWorldVersion) +
                            "|corpus " + std::to_string(s.corpusSeed) + " " +
                            std::to_string(corpus.trainRecordingsA) + " " + std::to_string(corpus.trainRecordingsOther) +
                            "|" + std::to_string(s.epochs) + "|" + std::to_string(s.batchSize) + "|" +
                            std::to_string(s.lr) + "|" + std::to_string(s.seed);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016zx", std::hash<std::string>{}(key));
    return (fs::path(demoRoot) / "pretrained" / ("demo-beats-" + std::string(hex) + ".pt")).string();
}

std::string pretrainDemoEncoder(const std::string& demoRoot, const DemoPretraining& settings,
                                const torch::Tensor& fbank, const torch::Tensor& eventTargets,
                                const std::string& stateFolder, MetricsLog& log, JobObserver* observer,
                                CancellationToken& token)
{
    const std::string path = demoEncoderPath(demoRoot, settings);
    if (fs::exists(path)) return path;
    const BeatsConfig cfg = demoBeatsConfig();
    BeatsClassifier tagger = [&] {
        const GlobalRandomUse globalRandom;
        torch::manual_seed(settings.seed);
        return BeatsClassifier(cfg, int(eventTargets.size(1)));
    }();
    TrainerParams p;
    p.model = "demo-encoder";
    p.stage = "pretrain";
    p.epochs = settings.epochs;
    p.batchSize = settings.batchSize;
    p.optimizer = {"adamw", settings.lr, 0.9, 0.98, 0.01};
    p.schedule = {"warmup_linear", 1, settings.epochs - 1, 0.05, 10, 2};
    p.loss = LossKind::MultiLabel;
    p.seed = settings.seed;
    p.stateFolder = stateFolder;
    p.stepEventEvery = 5;
    Trainer trainer(p, *tagger, [&](const torch::Tensor& x) { return tagger->forward(x); },
                    {{tagger->parameters(), 1.0}});
    trainer.run({fbank, eventTargets, {}, {}}, nullptr, log, observer, token);
    fs::create_directories(fs::path(path).parent_path());
    writeCheckpoint(path, tagger->encoder->stateDict(), cfg.toJson());
    return path;
}

}  // namespace sb
