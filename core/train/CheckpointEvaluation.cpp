#include "core/train/CheckpointEvaluation.h"

#include "core/checkpoint/Checkpoint.h"
#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/data/DatasetLoader.h"
#include "core/data/SubsetChoice.h"
#include "core/experiment/ExperimentFile.h"
#include "core/features/CpMel.h"
#include "core/features/KaldiFbank.h"
#include "core/models/BeatsClassifier.h"
#include "core/models/ModelCheckpoint.h"
#include "core/models/TfSepNet.h"
#include "core/train/ExperimentRunner.h"
#include "core/train/ModelEvaluation.h"

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace sb {
namespace {

SubsetChoice splitChoice(const std::string& split)
{
    if (split == "test") return SubsetChoice::test();
    for (int percent : {5, 10, 25, 50, 100})
        if (split == std::to_string(percent)) return SubsetChoice::official(percent);
    throw Error("must be test, 5, 10, 25, 50 or 100, got '" + split + "'", "--split");
}


struct LoadedModel {
    std::string frontEnd;  // "cpmel" or "beats"
    EmbeddingForward forward;
    std::shared_ptr<torch::nn::Module> module;
    std::string description;
};

LoadedModel loadTeacher(const Checkpoint& c, const std::string& path)
{
    const auto cfg = BeatsConfig::fromJson(c.cfg, path + ": cfg");
    bool hasHead = false;
    for (const auto& [name, tensor] : c.tensors) hasHead = hasHead || name.rfind("classifier.", 0) == 0;
    if (!hasHead)
        throw Error("this BEATs checkpoint has no scene classifier (classifier.*): it is an encoder, "
                    "fine-tune it in an experiment first",
                    path);
    BeatsClassifier teacher(cfg, int(dcase::kScenes.size()));
    teacher->load(c.tensors);
    return {"beats", [teacher](const torch::Tensor& x) mutable { return teacher->forwardWithEmbedding(x); }, teacher.ptr(),
            "BEATs teacher (" + std::to_string(cfg.encoder_layers) + " layers, " + std::to_string(cfg.encoder_embed_dim) +
                " wide)"};
}

LoadedModel loadStudent(const Checkpoint& c, const TfSepNetConfig& net, const std::string& path)
{
    TfSepNet student(net);
    const StateDict tensors = c.layout == "lightning" ? stripPrefix(c.tensors, "model.") : c.tensors;
    try {
        loadStateDict(*student, tensors);
    } catch (const Error& e) {
        throw Error(std::string(e.what()) + " (as " + net.describe() + "; set --width/--depth if it is another size)",
                    path);
    }
    return {"cpmel",
            [student](const torch::Tensor& x) mutable {
                const auto out = student->forwardAll(x.unsqueeze(1));
                return std::make_pair(out.logits, out.embedding);
            },
            student.ptr(), net.describe()};
}

// An int8 student (model quantize, the runner's quantise stage); it runs on the CPU.
LoadedModel loadInt8Student(const Checkpoint& c, const std::string& path)
{
    const auto student = std::make_shared<QuantizedTfSepNet>(loadQuantizedTfSepNet(c, detectModel(c, path), path));
    return {"cpmel",
            [student](const torch::Tensor& x) {
                const auto out = student->forward(x.unsqueeze(1));
                return std::make_pair(out.logits, out.embedding);
            },
            std::make_shared<torch::nn::Module>(), student->config().describe() + ", int8"};
}

bool isInt8(const Checkpoint& c)
{
    return std::any_of(c.tensors.begin(), c.tensors.end(),
                       [](const auto& kv) { return kv.first == "quantization.format"; });
}

}  // namespace

std::optional<ExperimentConfig> experimentOfCheckpoint(const std::string& checkpoint)
{
    const fs::path run = fs::absolute(checkpoint).parent_path().parent_path();
    const fs::path file = run / RunDirectory::kExperimentFile;
    if (!fs::exists(file)) return std::nullopt;
    return readExperiment(file.string());
}

nlohmann::json evaluateCheckpoint(const CheckpointEvaluationParams& params, JobObserver* observer,
                                  CancellationToken& token)
{
    if (!fs::exists(params.checkpoint)) throw Error("checkpoint not found", params.checkpoint);
    if (params.device == "cuda" && !torch::cuda::is_available())
        throw Error("CUDA was asked for, but this LibTorch build or machine has no CUDA device", "--device");
    const torch::Device device(params.device == "cuda" ? torch::kCUDA : torch::kCPU);
    torch::set_num_threads(params.threads > 0 ? params.threads : defaultThreadCount());
    const SubsetChoice choice = splitChoice(params.split);

    ExperimentConfig config;
    if (const auto trained = experimentOfCheckpoint(params.checkpoint)) config = *trained;
    config.name = "eval-" + fs::path(params.checkpoint).stem().string();
    config.dataset.path = params.dataset;
    if (params.width) config.student.width = *params.width;
    if (params.depth) config.student.depth = *params.depth;
    if (params.mels) config.student.mels = *params.mels;
    TfSepNetConfig net;
    net.width = config.student.width;
    net.depth = config.student.depth;

    const Checkpoint checkpoint = readCheckpoint(params.checkpoint);
    LoadedModel model = !checkpoint.cfg.is_null() ? loadTeacher(checkpoint, params.checkpoint)
                        : isInt8(checkpoint)      ? loadInt8Student(checkpoint, params.checkpoint)
                                                  : loadStudent(checkpoint, net, params.checkpoint);
    model.module->to(device);
    model.module->eval();

    DatasetLoadParams load;
    load.root = params.dataset == "demo" ? demoDatasetFolder() : params.dataset;
    const DatasetIndex index = loadDataset(load, observer, token);
    const auto clips = selectClips(index, choice).clips;
    if (clips.empty()) throw Error("no clips in split " + params.split, load.root);

    ExtractionParams extraction;
    extraction.threads = params.threads;
    extraction.cacheDirectory = featureCacheFolder();
    std::shared_ptr<const FrontEnd> frontEnd;
    if (model.frontEnd == "beats") frontEnd = std::make_shared<KaldiFbank>();
    else {
        CpMelParams mel;
        mel.numMels = config.student.mels;
        frontEnd = std::make_shared<CpMel>(mel);
    }
    FeatureExtractor extractor(frontEnd, extraction);
    const ClipTensors data = loadClipTensors(index, clips, extractor, observer, token);

    const auto [logits, embeddings] = predictWithEmbeddings(model.forward, data.features, 64, device, token);
    auto run = RunDirectory::create(params.out, config);
    run.writeJson("evaluation.json", {{"checkpoint", fs::absolute(params.checkpoint).string()},
                                      {"dataset", load.root},
                                      {"split", params.split},
                                      {"model", model.description}});
    publishEvaluation(run, config.name.substr(5), logits, embeddings, data);
    return run.summary();
}

}  // namespace sb
