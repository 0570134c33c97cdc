#include "core/train/Trainer.h"

#include "core/checkpoint/Checkpoint.h"
#include "core/common/AtomicFile.h"
#include "core/common/Error.h"
#include "core/common/ProgressTracker.h"
#include "core/models/GlobalRandom.h"
#include "core/train/Augmentations.h"
#include "core/train/Distillation.h"
#include "core/train/LearningRateSchedule.h"
#include "core/train/RandomSource.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace sb {

namespace {

// The rows `index` of every tensor the set has.
LabelledTensors select(const LabelledTensors& set, const torch::Tensor& index)
{
    auto rows = [&](const torch::Tensor& t) { return t.defined() ? t.index_select(0, index) : torch::Tensor(); };
    return {rows(set.inputs), rows(set.targets), rows(set.teacherLogits), rows(set.isDeviceA)};
}

}  // namespace

struct Trainer::ResumeState {
    int epoch = 0;  // next epoch to run
    long step = 0;  // optimiser steps done
    double best = -INFINITY;
    int bestEpoch = -1;
    uint64_t metricsBytes = 0;
    RandomSource random;
};

struct Trainer::EpochTotals {
    double loss = 0, ce = 0, kd = 0;
    long correct = 0, seen = 0, batches = 0;
};

Trainer::Trainer(TrainerParams params, torch::nn::Module& module, Forward forward, std::vector<Group> groups)
    : params_(std::move(params)), module_(module), forward_(std::move(forward)), groups_(std::move(groups))
{
    if (params_.epochs < 1 || params_.batchSize < 1) throw Error("epochs and batch size must be positive", params_.model);
    if (params_.stateFolder.empty()) throw Error("no state folder for the resumable training state", params_.model);
}

std::unique_ptr<torch::optim::Optimizer> Trainer::makeOptimizer() const
{
    const auto& o = params_.optimizer;
    std::vector<torch::optim::OptimizerParamGroup> groups;
    for (const auto& g : groups_) groups.emplace_back(g.params);
    if (o.type == "adamw") {
        return std::make_unique<torch::optim::AdamW>(
            groups, torch::optim::AdamWOptions(o.lr).betas({o.beta1, o.beta2}).weight_decay(o.weightDecay));
    }
    return std::make_unique<torch::optim::Adam>(
        groups, torch::optim::AdamOptions(o.lr).betas({o.beta1, o.beta2}).weight_decay(o.weightDecay));
}

void Trainer::setLearningRate(torch::optim::Optimizer& optimizer, double factor) const
{
    auto& groups = optimizer.param_groups();
    for (size_t i = 0; i < groups.size(); ++i)
        groups[i].options().set_lr(params_.optimizer.lr * groups_[i].lrScale * factor);
}

torch::Tensor Trainer::loss(const torch::Tensor& logits, const LabelledTensors& batch, const torch::Tensor& perm,
                            double mix, torch::Tensor& ce, torch::Tensor& kd) const
{
    namespace F = torch::nn::functional;
    switch (params_.loss) {
    case LossKind::Distillation: {
        const auto terms = perm.defined()
                               ? mixedDistillationLoss(logits, batch.teacherLogits, batch.targets, perm, mix,
                                                       params_.kd.temperature, params_.kd.lambda)
                               : distillationLoss(logits, batch.teacherLogits, batch.targets, params_.kd.temperature,
                                                  params_.kd.lambda);
        ce = terms.ce;
        kd = terms.kd;
        return terms.loss;
    }
    case LossKind::MultiLabel: {
        auto target = batch.targets;
        if (perm.defined()) target = mix * target + (1 - mix) * target.index_select(0, perm);
        return F::binary_cross_entropy_with_logits(logits, target);
    }
    case LossKind::CrossEntropy:
        break;
    }
    ce = F::cross_entropy(logits, batch.targets);
    if (perm.defined()) ce = mix * ce + (1 - mix) * F::cross_entropy(logits, batch.targets.index_select(0, perm));
    return ce;
}

torch::Tensor Trainer::predict(torch::nn::Module& module, const Forward& forward, const torch::Tensor& inputs,
                               int batchSize)
{
    torch::NoGradGuard noGrad;
    const bool wasTraining = module.is_training();
    module.eval();
    std::vector<torch::Tensor> parts;
    for (int64_t begin = 0; begin < inputs.size(0); begin += batchSize)
        parts.push_back(forward(inputs.narrow(0, begin, std::min<int64_t>(batchSize, inputs.size(0) - begin))));
    module.train(wasTraining);
    return torch::cat(parts);
}

double Trainer::validate(const LabelledTensors& validation, double& validationLoss)
{
    const auto logits = predict(module_, forward_, validation.inputs, params_.batchSize);
    if (params_.loss == LossKind::MultiLabel) {
        validationLoss = torch::nn::functional::binary_cross_entropy_with_logits(logits, validation.targets).item<double>();
        return -validationLoss;
    }
    validationLoss = torch::nn::functional::cross_entropy(logits, validation.targets).item<double>();
    // Macro accuracy over the classes present, as DCASE scores.
    const auto predicted = logits.argmax(1);
    const int64_t classes = logits.size(1);
    double sum = 0;
    int present = 0;
    for (int64_t c = 0; c < classes; ++c) {
        const auto mask = validation.targets == c;
        const long n = mask.sum().item<long>();
        if (n == 0) continue;
        sum += double((predicted.masked_select(mask) == c).sum().item<long>()) / double(n);
        ++present;
    }
    return present ? sum / present : 0;
}

void Trainer::saveState(const ResumeState& state, torch::optim::Optimizer& optimizer) const
{
    const fs::path dir(params_.stateFolder);
    const std::string tag = "-e" + std::to_string(state.epoch);
    writeCheckpoint((dir / ("weights" + tag + ".pt")).string(), moduleStateDict(module_));
    {
        // Serialised in memory and written by writeFileAtomic, so a kill or a full disk
        // leaves no half-written file and a write error is an sb::Error naming the file.
        torch::serialize::OutputArchive archive;
        optimizer.save(archive);
        std::ostringstream bytes;
        archive.save_to(bytes);
        writeFileAtomic((dir / ("optimizer" + tag + ".pt")).string(), bytes.str());
    }
    const nlohmann::json json = {{"epoch", state.epoch},           {"step", state.step},
                                 {"best", state.best},             {"best_epoch", state.bestEpoch},
                                 {"metrics_bytes", state.metricsBytes}, {"random", state.random.state()},
                                 {"weights", "weights" + tag + ".pt"},  {"optimizer", "optimizer" + tag + ".pt"}};
    // state.json is replaced last and atomically: until then the previous epoch's state stands.
    writeFileAtomic((dir / "state.json").string(), json.dump(1));
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        const bool old = (name.rfind("weights-e", 0) == 0 || name.rfind("optimizer-e", 0) == 0) &&
                         name.find(tag + ".") == std::string::npos;
        if (old) fs::remove(entry.path());
    }
}

bool Trainer::loadState(ResumeState& state, torch::optim::Optimizer& optimizer, MetricsLog& log) const
{
    const fs::path dir(params_.stateFolder);
    std::ifstream in(dir / "state.json");
    if (!in) return false;
    try {
        const auto json = nlohmann::json::parse(in);
        state.epoch = json.at("epoch").get<int>();
        state.step = json.at("step").get<long>();
        state.best = json.at("best").is_number() ? json.at("best").get<double>() : -INFINITY;
        state.bestEpoch = json.at("best_epoch").get<int>();
        state.metricsBytes = json.at("metrics_bytes").get<uint64_t>();
        state.random.restore(json.at("random").get<std::string>());
        loadStateDict(module_, readCheckpoint((dir / json.at("weights").get<std::string>()).string()).tensors);
        torch::serialize::InputArchive archive;
        archive.load_from((dir / json.at("optimizer").get<std::string>()).string());
        optimizer.load(archive);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("damaged training state: ") + e.what(), (dir / "state.json").string());
    } catch (const c10::Error& e) {
        throw Error(std::string("damaged optimiser state: ") + e.what_without_backtrace(), dir.string());
    }
    log.truncate(state.metricsBytes);  // events after the saved epoch are written again
    return true;
}

TrainOutcome Trainer::run(const LabelledTensors& train, const LabelledTensors* validation, MetricsLog& log,
                          JobObserver* observer, CancellationToken& token)
{
    fs::create_directories(params_.stateFolder);
    auto optimizer = makeOptimizer();
    ResumeState state;
    state.random = RandomSource(params_.seed);
    TrainOutcome outcome;
    outcome.resumed = loadState(state, *optimizer, log);
    if (!outcome.resumed) log.append({{"event", "stage"}, {"model", params_.model}, {"stage", params_.stage}, {"status", "started"}});

    const int64_t n = train.inputs.size(0);
    const int64_t epochClips = params_.maxEpochClips > 0 ? std::min<int64_t>(n, params_.maxEpochClips) : n;
    const int64_t stepsPerEpoch = (epochClips + params_.batchSize - 1) / params_.batchSize;
    ProgressTracker progress(observer, params_.stage + " " + params_.model, long(params_.epochs * stepsPerEpoch));
    progress.advance(state.step);
    const auto device = train.inputs.device();

    for (int epoch = state.epoch; epoch < params_.epochs; ++epoch) {
        {
            const GlobalRandomUse globalRandom;
            torch::manual_seed(uint64_t(state.random.integer(0, int64_t(1) << 62)));  // dropout, reproducibly
        }
        const auto order = torch::tensor(state.random.permutation(n), torch::kLong).to(device);
        module_.train();
        EpochTotals totals;
        for (int64_t b = 0; b < stepsPerEpoch; ++b) {
            token.checkpoint();
            const auto index = order.narrow(0, b * params_.batchSize, std::min<int64_t>(params_.batchSize, epochClips - b * params_.batchSize));
            const LabelledTensors batch = select(train, index);
            auto input = batch.inputs;
            if (params_.deviceResponses)
                input = params_.deviceResponses->apply(input, batch.isDeviceA, params_.augment.deviceIrP, state.random);
            torch::Tensor perm;
            double mix = 1.0;
            if (params_.augment.mixupAlpha > 0) {
                const auto mixed = mixUp(input, params_.augment.mixupAlpha, state.random);
                input = mixed.input;
                perm = mixed.permutation;
                mix = mixed.lambda;
            }
            if (input.dim() == 4) {
                input = freqMixStyle(input, params_.augment.freqMixStyleAlpha, params_.augment.freqMixStyleP, state.random);
                input = specAugment(input, params_.augment.specAugmentP, state.random);
            }
            const double lrFactor = learningRateFactor(params_.schedule, epoch + double(b) / double(stepsPerEpoch));
            setLearningRate(*optimizer, lrFactor);
            torch::Tensor logits, ce, kd, l;
            {
                const GlobalRandomUse globalRandom;  // dropout draws from torch's global generator
                logits = forward_(input);
                l = loss(logits, batch, perm, mix, ce, kd);
                optimizer->zero_grad();
                l.backward();
                optimizer->step();
            }

            nlohmann::json event = {{"event", "step"}, {"model", params_.model}, {"stage", params_.stage},
                                    {"epoch", epoch}, {"step", state.step}, {"lr", params_.optimizer.lr * lrFactor},
                                    {"loss", l.item<double>()}};
            totals.loss += l.item<double>();
            if (ce.defined()) totals.ce += (event["ce"] = ce.item<double>()).get<double>();
            if (kd.defined()) totals.kd += (event["kd"] = kd.item<double>()).get<double>();
            if (params_.loss != LossKind::MultiLabel) {
                const long right = (logits.argmax(1) == batch.targets).sum().item<long>();
                event["acc"] = double(right) / double(index.size(0));
                totals.correct += right;
            }
            totals.seen += index.size(0);
            ++totals.batches;
            if (state.step % params_.stepEventEvery == 0) log.append(event);
            ++state.step;
            progress.advance();
        }

        nlohmann::json event = {{"event", "epoch"}, {"model", params_.model}, {"stage", params_.stage},
                                {"epoch", epoch}, {"step", state.step},
                                {"lr", params_.optimizer.lr * learningRateFactor(params_.schedule, epoch + 1.0)},
                                {"train_loss", totals.loss / double(totals.batches)}};
        if (params_.loss != LossKind::MultiLabel) event["train_acc"] = double(totals.correct) / double(totals.seen);
        if (params_.loss == LossKind::Distillation) {
            event["ce"] = totals.ce / double(totals.batches);
            event["kd"] = totals.kd / double(totals.batches);
        }
        double score = epoch;  // without validation data the last epoch is kept
        if (validation) {
            double validationLoss = 0;
            score = validate(*validation, validationLoss);
            event["val_loss"] = validationLoss;
            if (params_.loss != LossKind::MultiLabel) event["val_acc"] = score;
        }
        log.append(event);
        if (score > state.best) {
            state.best = score;
            state.bestEpoch = epoch;
            writeCheckpoint((fs::path(params_.stateFolder) / "best.pt").string(), moduleStateDict(module_));
        }
        state.epoch = epoch + 1;
        state.metricsBytes = log.bytes();
        saveState(state, *optimizer);
    }

    loadStateDict(module_, readCheckpoint((fs::path(params_.stateFolder) / "best.pt").string()).tensors);
    module_.eval();
    outcome.bestValidation = state.best;
    outcome.bestEpoch = state.bestEpoch;
    log.append({{"event", "stage"}, {"model", params_.model}, {"stage", params_.stage}, {"status", "finished"},
                {"best_epoch", state.bestEpoch}});
    return outcome;
}

}  // namespace sb
