#include "core/train/CheckpointQuantization.h"

#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"
#include "core/data/DatasetLoader.h"
#include "core/data/SubsetChoice.h"
#include "core/features/CpMel.h"
#include "core/models/GlobalRandom.h"
#include "core/models/ModelCheckpoint.h"
#include "core/train/CheckpointEvaluation.h"
#include "core/train/ExperimentRunner.h"
#include "core/train/ModelEvaluation.h"
#include "core/train/StudentQuantization.h"

#include <filesystem>

namespace fs = std::filesystem;

namespace sb {

namespace {

TfSepNet loadFloatStudent(const std::string& path)
{
    if (!fs::is_regular_file(path)) throw Error("checkpoint not found", path);
    const Checkpoint checkpoint = readCheckpoint(path);
    const DetectedModel model = detectModel(checkpoint, path);
    if (model.kind == ModelKind::TfSepNetInt8) throw Error("this checkpoint is already an int8 TF-SepNet", path);
    if (model.kind != ModelKind::TfSepNet)
        throw Error("only a TF-SepNet student can be quantised; this checkpoint holds " + model.describe(), path);
    TfSepNet net = [&] {
        const GlobalRandomBorrow borrow;  // its initial weights are overwritten: a side use
        return loadTfSepNet(checkpoint, model, path);
    }();
    net->eval();
    return net;
}

// Everything that can be checked before the long work.
void checkOptions(const CheckpointQuantizationParams& p)
{
    if (p.split && *p.split != 5 && *p.split != 10 && *p.split != 25 && *p.split != 50 && *p.split != 100)
        throw Error("must be 5, 10, 25, 50 or 100, got " + std::to_string(*p.split), "--split");
    const fs::path out(p.out);
    if (out.empty() || fs::is_directory(out)) throw Error("must name a file to write", "--out " + p.out);
    const fs::path parent = fs::absolute(out).parent_path();
    if (!fs::is_directory(parent)) throw Error("folder does not exist: " + parent.string(), "--out " + p.out);
    if (fs::exists(out) && fs::equivalent(out, p.checkpoint))
        throw Error("would overwrite the checkpoint being quantised", "--out " + p.out);
    if (p.calibrationClips < 1) throw Error("must be at least 1", "--calibration");
    if (!p.evalOut.empty() && fs::exists(p.evalOut) && !fs::is_empty(p.evalOut))
        throw Error("folder is not empty: give a new or empty folder", "--eval-out " + p.evalOut);
}

SubsetChoice calibrationSubset(const CheckpointQuantizationParams& p, const std::optional<ExperimentConfig>& run)
{
    if (p.split) return SubsetChoice::official(*p.split);
    if (!run) return SubsetChoice::official(100);
    return run->dataset.percent > 0 ? SubsetChoice::custom(run->dataset.percent, uint64_t(run->dataset.subsetSeed))
                                    : SubsetChoice::official(run->dataset.split);
}

ClipTensors studentFeatures(const DatasetIndex& index, const std::vector<size_t>& clips, int mels, int threads,
                            JobObserver* observer, CancellationToken& token)
{
    CpMelParams mel;
    mel.numMels = mels;
    ExtractionParams extraction;
    extraction.threads = threads;
    extraction.cacheDirectory = featureCacheFolder();
    FeatureExtractor extractor(std::make_shared<CpMel>(mel), extraction);
    return loadClipTensors(index, clips, extractor, observer, token);
}

// Both models on the test fold, into a new run directory: the float one under the
// checkpoint's name, the int8 one as "<name>-int8" with its drop.
nlohmann::json evaluateBoth(const CheckpointQuantizationParams& p, ExperimentConfig config, TfSepNet& net,
                            const QuantizedTfSepNet& int8, const DatasetIndex& index, JobObserver* observer,
                            CancellationToken& token)
{
    const ClipTensors test = studentFeatures(index, selectClips(index, SubsetChoice::test()).clips,
                                             config.student.mels, p.threads, observer, token);
    if (test.size() == 0) throw Error("the dataset has no labelled test list (fold1_evaluate.csv)", p.dataset);
    auto forward = [&](const torch::Tensor& x) {
        const auto out = net->forwardAll(x);
        return std::make_pair(out.logits, out.embedding);
    };
    const auto [logits, embeddings] =
        predictWithEmbeddings(forward, test.features.unsqueeze(1), 64, torch::kCPU, token);
    const std::string name = fs::path(p.checkpoint).stem().string();
    config.name = "quantize-" + name;
    config.dataset.path = p.dataset;
    ProgressTracker progress(observer, "int8 test pass", long(test.size()));
    const auto int8Predictions = predictInt8(int8, test.features, &progress, token);
    const RunDirectory run = RunDirectory::create(p.evalOut, config);
    run.writeJson("evaluation.json", {{"checkpoint", fs::absolute(p.checkpoint).string()},
                                      {"int8_checkpoint", fs::absolute(p.out).string()},
                                      {"dataset", p.dataset},
                                      {"split", "test"}});
    publishEvaluation(run, name, logits, embeddings, test);
    publishInt8Student(run, name, int8, test, int8Predictions);
    return run.summary();
}

}  // namespace

CheckpointQuantizationReport quantizeCheckpoint(const CheckpointQuantizationParams& p, JobObserver* observer,
                                                CancellationToken& token)
{
    TfSepNet net = loadFloatStudent(p.checkpoint);
    checkOptions(p);
    const std::optional<ExperimentConfig> run = experimentOfCheckpoint(p.checkpoint);
    ExperimentConfig config;
    if (run) config = *run;
    config.student.mels = p.mels.value_or(run ? run->student.mels : 512);
    const uint64_t seed = p.seed.value_or(run ? uint64_t(run->seed) : 1);
    torch::set_num_threads(p.threads > 0 ? p.threads : defaultThreadCount());

    DatasetLoadParams load;
    load.root = p.dataset == "demo" ? demoDatasetFolder() : p.dataset;
    const DatasetIndex index = loadDataset(load, observer, token);
    const Selection subset = selectClips(index, calibrationSubset(p, run));
    if (subset.clips.empty()) throw Error("no training clips in " + subset.description, load.root);
    std::vector<size_t> clips;
    for (int64_t row : calibrationRows(int64_t(subset.clips.size()), p.calibrationClips, seed))
        clips.push_back(subset.clips[size_t(row)]);
    const ClipTensors calibration = studentFeatures(index, clips, config.student.mels, p.threads, observer, token);

    CheckpointQuantizationReport report;
    report.model = net->config().describe();
    report.calibration = std::to_string(clips.size()) + " of " + std::to_string(subset.clips.size()) + " clips of " +
                         subset.description + ", seed " + std::to_string(seed);
    ProgressTracker progress(observer, "calibration", long(clips.size()));
    const QuantizedTfSepNet int8 = calibrateInt8Student(*net, calibration.features,
                                                        {int64_t(clips.size()), int64_t(seed)}, &progress, token);
    token.checkpoint();
    writeCheckpoint(p.out, int8.stateDict());
    report.bytes = int8.storage();
    if (!p.evalOut.empty()) report.summary = evaluateBoth(p, config, net, int8, index, observer, token);
    return report;
}

}  // namespace sb
