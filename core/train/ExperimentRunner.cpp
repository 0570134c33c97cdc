#include "core/train/ExperimentRunner.h"

#include "core/checkpoint/Checkpoint.h"
#include "core/common/AtomicFile.h"
#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/common/FileLock.h"
#include "core/common/Npy.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"
#include "core/data/DatasetLoader.h"
#include "core/data/DemoDataset.h"
#include "core/data/DemoImpulseResponses.h"
#include "core/data/NestedSubset.h"
#include "core/data/SubsetChoice.h"
#include "core/experiment/ExperimentFile.h"
#include "core/experiment/MetricsLog.h"
#include "core/experiment/RunLock.h"
#include "core/features/CpMel.h"
#include "core/features/FeatureCache.h"
#include "core/features/KaldiFbank.h"
#include "core/models/BeatsClassifier.h"
#include "core/models/GlobalRandom.h"
#include "core/models/ModelCheckpoint.h"
#include "core/models/TfSepNet.h"
#include "core/train/ClipTensors.h"
#include "core/train/DemoCorpus.h"
#include "core/train/DemoPretraining.h"
#include "core/train/DeviceResponses.h"
#include "core/train/ModelEvaluation.h"
#include "core/train/StudentQuantization.h"
#include "core/train/TeacherCache.h"
#include "core/train/Trainer.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace sb {

std::string featureCacheFolder() { return FeatureCache::defaultDirectory(); }

struct ExperimentRunner::State {
    RunDirectory run;
    RunOptions options;
    JobObserver* observer;
    CancellationToken& token;
    ExperimentConfig config;
    torch::Device device{torch::kCPU};
    std::unique_ptr<MetricsLog> log;
    nlohmann::json progress;  // progress.json: finished stages and the metrics size after each

    DatasetIndex index;
    std::string datasetRoot;
    std::vector<size_t> trainClips, testClips;
    torch::Tensor validationRows;  // rows of the test tensors that select the best epoch
    ClipTensors studentTrain, studentTest;  // CpMel
    ClipTensors teacherTrain, teacherTest;  // Kaldi fbank
    std::string irs;                         // folder of device IRs; empty when none are used
    DeviceResponses studentIrs, teacherIrs;  // device IRs as seen through each front end

    State(RunDirectory r, RunOptions o, JobObserver* obs, CancellationToken& t)
        : run(std::move(r)), options(std::move(o)), observer(obs), token(t), config(run.config())
    {
    }

    // ---- paths and progress ----
    std::string resolve(const std::string& path) const
    {
        if (path.empty() || fs::path(path).is_absolute()) return path;
        return (fs::path(options.experimentFolder.empty() ? "." : options.experimentFolder) / path).string();
    }
    std::string stateFolder(const std::string& stage) const { return run.file("state/" + stage); }
    bool done(const std::string& stage) const { return progress["done"].contains(stage); }
    void finish(const std::string& stage)
    {
        progress["done"][stage] = log->bytes();
        progress["metrics_bytes"] = log->bytes();
        run.writeJson("progress.json", progress);
    }
    // A stage that starts (again) without a saved epoch drops events a killed attempt left.
    // `trainers`: the state folders of its training loops (a trained teacher with a
    // linear probe has two); once one has saved an epoch, that loop cuts the log itself.
    void begin(const std::vector<std::string>& trainers)
    {
        for (const auto& trainer : trainers)
            if (fs::exists(fs::path(stateFolder(trainer)) / "state.json")) return;
        log->truncate(progress.value("metrics_bytes", uint64_t(0)));
    }
    void info(const std::string& text) const
    {
        if (observer) observer->onLog(LogLevel::Info, text);
    }

    // ---- stages ----
    void openProgress()
    {
        std::ifstream in(run.file("progress.json"));
        progress = in ? nlohmann::json::parse(in) : nlohmann::json{{"done", nlohmann::json::object()}};
        log = std::make_unique<MetricsLog>(run.metricsPath(), lastTime());
    }
    double lastTime() const
    {
        if (!fs::exists(run.metricsPath())) return 0;
        const auto events = readMetrics(run.metricsPath());
        return events.empty() ? 0 : events.back().value("time", 0.0);
    }

    void loadData()
    {
        datasetRoot = config.dataset.path == "demo" ? demoDatasetFolder() : resolve(config.dataset.path);
        // Several runs (a sweep's cells) may start on a fresh machine at once: one generates.
        std::optional<FileLock> generating;
        if (config.dataset.path == "demo") generating.emplace(datasetRoot + ".lock");
        if (config.dataset.path == "demo" && !demo::isCurrentDemoDataset(datasetRoot)) {
            // An older version of the demo world, or a generation that was killed: made again.
            info("generating the demo dataset in " + datasetRoot);
            fs::create_directories(datasetRoot);
            demo::DemoDatasetParams p;
            p.outDir = datasetRoot;
            demo::generateDemoDataset(p, observer, token);
        }
        DatasetLoadParams load;
        load.root = datasetRoot;
        index = loadDataset(load, observer, token);
        // Where the clips are, for whoever inspects the run later (the GUI plays them).
        run.writeJson("dataset.json", {{"root", fs::absolute(datasetRoot).lexically_normal().string()}});
        const auto choice = config.dataset.percent > 0
                                ? SubsetChoice::custom(config.dataset.percent, uint64_t(config.dataset.subsetSeed))
                                : SubsetChoice::official(config.dataset.split);
        trainClips = selectClips(index, choice).clips;
        testClips = selectClips(index, SubsetChoice::test()).clips;
        if (trainClips.empty()) throw Error("the training subset is empty", datasetRoot);
        if (testClips.empty()) throw Error("the dataset has no labelled test list (fold1_evaluate.csv)", datasetRoot);
        chooseValidation();
        info("training subset: " + std::to_string(trainClips.size()) + " clips; test: " +
             std::to_string(testClips.size()) + " clips");
    }

    void chooseValidation()
    {
        const auto chosen = nestedStratifiedSubset(index.clips, testClips, config.dataset.validationPercent,
                                                   uint64_t(config.dataset.subsetSeed));
        std::set<size_t> keep(chosen.begin(), chosen.end());
        // On a small test fold the share can round to no clip in most scene x device
        // strata: then the whole fold validates, as with 100 %.
        std::set<std::pair<int, int>> strata, covered;
        for (size_t i : testClips) strata.insert({index.clips[i].scene, index.clips[i].device});
        for (size_t i : keep) covered.insert({index.clips[i].scene, index.clips[i].device});
        if (covered.size() < strata.size()) {
            info("validation_percent leaves strata without clips on this test fold: validating on all of it");
            keep = std::set<size_t>(testClips.begin(), testClips.end());
        }
        std::vector<int64_t> rows;
        for (size_t i = 0; i < testClips.size(); ++i)
            if (keep.count(testClips[i])) rows.push_back(int64_t(i));
        validationRows = torch::tensor(rows, torch::kLong);
    }
    // The validation part of a test-fold tensor, on the training device.
    torch::Tensor validation(const torch::Tensor& test) const
    {
        return test.index_select(0, validationRows.to(test.device())).to(device);
    }

    ExtractionParams extraction() const
    {
        ExtractionParams p;
        p.threads = options.threads > 0 ? options.threads : config.threads;
        p.cacheDirectory = featureCacheFolder();
        return p;
    }

    ClipTensors features(const std::shared_ptr<const FrontEnd>& frontEnd, const std::vector<size_t>& clips)
    {
        FeatureExtractor extractor(frontEnd, extraction());
        return loadClipTensors(index, clips, extractor, observer, token);
    }

    void loadFeatures()
    {
        CpMelParams mel;
        mel.numMels = config.student.mels;
        auto cpmel = std::make_shared<CpMel>(mel);
        studentTrain = features(cpmel, trainClips);
        studentTest = features(cpmel, testClips);
        if (config.student.augment.deviceIrP > 0) studentIrs = DeviceResponses::fromFolder(irs, *cpmel);
        if (config.teachers.empty()) return;
        auto fbank = std::make_shared<KaldiFbank>();
        teacherTrain = features(fbank, trainClips);
        teacherTest = features(fbank, testClips);
        if (teachersUseIrs()) teacherIrs = DeviceResponses::fromFolder(irs, *fbank);
    }

    // The device IR folder, when any model asks for IRs (checked before the long work
    // starts): the experiment's, or for the demo its own generated set.
    void findImpulseResponses()
    {
        if (config.student.augment.deviceIrP > 0 || teachersUseIrs()) irs = irFolder();
    }
    bool teachersUseIrs() const
    {
        for (const auto& t : config.teachers)
            if (t.augment.deviceIrP > 0) return true;
        return false;
    }
    std::string irFolder() const
    {
        if (!config.dataset.impulseResponses.empty()) {
            const std::string folder = resolve(config.dataset.impulseResponses);
            if (!fs::is_directory(folder)) throw Error("not a folder: " + folder, "dataset.impulse_responses");
            return folder;
        }
        if (config.dataset.path == "demo") return demo::writeDemoImpulseResponses(datasetRoot);
        throw Error("device_ir_p > 0 needs a folder of device impulse responses (wav files)",
                    "dataset.impulse_responses");
    }

    void publish(const std::string& model, const torch::Tensor& testLogits, const torch::Tensor& embeddings,
                 const ClipTensors& test)
    {
        const auto result = publishEvaluation(run, model, testLogits, embeddings, test);
        info(model + ": accuracy " + std::to_string(result.accuracy));
    }

    // ---- teachers ----
    std::string encoderCheckpoint(const TeacherConfig& teacher)
    {
        if (teacher.checkpoint != "demo") {
            const std::string path = resolve(teacher.checkpoint);
            if (!fs::exists(path))
                throw Error("teacher checkpoint not found: download the official BEATs file and set its path",
                            "teacher '" + teacher.name + "': " + path);
            return path;
        }
        if (!demo::isDemoDataset(datasetRoot))
            throw Error("checkpoint \"demo\" needs the demo dataset (dataset.path \"demo\")",
                        "teacher '" + teacher.name + "'");
        // One pre-trained encoder for every experiment seed, as the official BEATs
        // checkpoint is one file: the seed varies fine-tuning and distillation only.
        const DemoPretraining settings;
        const std::string cached = demoEncoderPath(datasetRoot, settings);
        const FileLock pretraining(cached + ".lock");  // one run pre-trains, others wait for its file
        if (fs::exists(cached)) return cached;
        begin({"pretrain"});
        info("rendering the demo's pre-training corpus (" + std::to_string(demoCorpusSize().trainRecordingsA) +
             " recordings a scene, at places the dataset never visits)");
        const DemoCorpus corpus = makeDemoCorpus(settings.corpusSeed, demoCorpusSize(), extraction().threads,
                                                 observer, token);
        info("pre-training the demo BEATs on " + std::to_string(corpus.eventNames.size()) + " sound events, " +
             std::to_string(corpus.fbank.size(0)) + " clips");
        return pretrainDemoEncoder(datasetRoot, settings, corpus.fbank.to(device), corpus.events.to(device),
                                   stateFolder("pretrain"), *log, observer, token);
    }

    static EmbeddingForward teacherForward(BeatsClassifier& teacher)
    {
        return [&teacher](const torch::Tensor& x) { return teacher->forwardWithEmbedding(x); };
    }

    BeatsClassifier makeTeacher(const TeacherConfig& t, size_t number)
    {
        const auto checkpoint = readCheckpoint(encoderCheckpoint(t));
        if (checkpoint.cfg.is_null())
            throw Error("not a BEATs checkpoint (no cfg)", "teacher '" + t.name + "': " + t.checkpoint);
        const auto cfg = BeatsConfig::fromJson(checkpoint.cfg, t.checkpoint + ": cfg");
        const GlobalRandomUse globalRandom;  // seed, then initialise: nothing may draw in between
        torch::manual_seed(uint64_t(config.seed) * 1000 + number);
        BeatsClassifier teacher(cfg, int(dcase::kScenes.size()));
        teacher->loadEncoder(checkpoint.tensors);
        teacher->setEncoderFrozen(t.frozen);
        teacher->to(device);
        return teacher;
    }

    TrainerParams trainerParams(const std::string& model, const std::string& stage, int epochs, int batch,
                                const OptimizerConfig& o, const ScheduleConfig& s, const AugmentConfig& a) const
    {
        TrainerParams p;
        p.model = model;
        p.stage = stage;
        p.epochs = epochs;
        p.batchSize = batch;
        p.optimizer = o;
        p.schedule = s;
        p.augment = a;
        p.seed = uint64_t(config.seed);
        p.stateFolder = stateFolder(model);
        return p;
    }

    // What a trained teacher predicts: logits on the training subset (for distillation),
    // logits and embeddings on the test fold.
    struct TeacherOutputs {
        torch::Tensor trainLogits, testLogits, testEmbeddings;
    };

    // Frozen encoder (SSL*): its token-averaged output is computed once per clip, and only
    // the head (Linear, as in the seed code) learns; MixUp then mixes those embeddings.
    // The outputs come from the head on those embeddings: the encoder runs once per clip.
    TeacherOutputs trainFrozenTeacher(const TeacherConfig& t, BeatsClassifier& teacher)
    {
        auto p = trainerParams(t.name, "finetune", t.epochs, t.batchSize, t.optimizer, t.schedule, t.augment);
        p.maxEpochClips = t.maxEpochClips;
        return trainHead(p, teacher);
    }

    // Trains the teacher's head on its frozen encoder's token-averaged outputs and puts
    // it into the teacher; returns the head's outputs.
    TeacherOutputs trainHead(const TrainerParams& p, BeatsClassifier& teacher)
    {
        teacher->eval();
        auto embed = [&](const torch::Tensor& fbank) {
            return predictWithEmbeddings(teacherForward(teacher), fbank, 64, device, token).second;
        };
        const auto trainEmbedding = embed(teacherTrain.features), testEmbedding = embed(teacherTest.features);
        torch::nn::Linear head = [&] {
            const GlobalRandomUse globalRandom;
            torch::manual_seed(uint64_t(config.seed));
            return torch::nn::Linear(trainEmbedding.size(1), int64_t(dcase::kScenes.size()));
        }();
        head->to(device);
        Trainer trainer(p, *head, [&](const torch::Tensor& x) { return head->forward(x); }, {{head->parameters(), 1.0}});
        LabelledTensors val{validation(testEmbedding), validation(teacherTest.labels), {}, {}};
        trainer.run({trainEmbedding, teacherTrain.labels.to(device), {}, {}}, &val, *log, observer, token);
        // Put the trained head into the teacher, so its checkpoint is a complete model.
        StateDict weights = teacher->stateDict();
        for (auto& [name, tensor] : weights) {
            if (name == "classifier.linear.weight") tensor = head->weight.detach();
            if (name == "classifier.linear.bias") tensor = head->bias.detach();
        }
        teacher->load(weights);
        torch::NoGradGuard noGrad;
        head->eval();
        return {head->forward(trainEmbedding).cpu(), head->forward(testEmbedding).cpu(), testEmbedding.cpu()};
    }

    // The linear-probe stage of a trained teacher, in metrics and state/.
    static std::string probeName(const std::string& teacher) { return teacher + ".probe"; }

    TeacherOutputs trainFullTeacher(const TeacherConfig& t, BeatsClassifier& teacher)
    {
        // LP-FT: the head first, as a frozen teacher's (Adam 1e-3, constant). Not again once
        // fine-tuning has saved a state: that holds the whole model, head included, and a
        // finished probe stage would cut the metrics log back to its own end.
        const bool fineTuneStarted = fs::exists(fs::path(stateFolder(t.name)) / "state.json");
        if (t.probeEpochs > 0 && !fineTuneStarted) {
            AugmentConfig mixupOnly;  // on encoder outputs, only MixUp applies
            mixupOnly.mixupAlpha = t.augment.mixupAlpha;
            auto p = trainerParams(probeName(t.name), "probe", t.probeEpochs, t.batchSize, OptimizerConfig(),
                                   ScheduleConfig(), mixupOnly);
            p.maxEpochClips = t.maxEpochClips;
            trainHead(p, teacher);
            teacher->train();
        }
        std::vector<Trainer::Group> groups;
        for (const auto& g : teacher->layerwiseParamGroups(t.optimizer.lr, t.layerDecay))
            groups.push_back({g.params, g.lr / t.optimizer.lr});
        auto p = trainerParams(t.name, "finetune", t.epochs, t.batchSize, t.optimizer, t.schedule, t.augment);
        p.maxEpochClips = t.maxEpochClips;
        p.deviceResponses = &teacherIrs;
        Trainer trainer(p, *teacher, [&](const torch::Tensor& x) { return teacher->forward(x); }, groups);
        LabelledTensors val{validation(teacherTest.features), validation(teacherTest.labels), {}, {}};
        const LabelledTensors train{teacherTrain.features.to(device), teacherTrain.labels.to(device), {},
                                    teacherTrain.deviceAFlags().to(device)};
        trainer.run(train, &val, *log, observer, token);
        teacher->eval();
        const auto trainLogits = predictWithEmbeddings(teacherForward(teacher), teacherTrain.features, 64, device, token).first;
        const auto [logits, embeddings] = predictWithEmbeddings(teacherForward(teacher), teacherTest.features, 64, device, token);
        return {trainLogits, logits, embeddings};
    }

    void trainTeacher(const TeacherConfig& t, size_t number)
    {
        const std::string stage = "teacher:" + t.name;
        if (done(stage)) return;
        std::optional<TeacherCache> cache;
        if (!options.teacherCache.empty()) {
            cache.emplace(options.teacherCache, cacheInputs(t, number));
            if (cache->restore(run, t.name, *log)) {
                info(t.name + ": restored from the teacher cache (" + cache->key() + ")");
                finish(stage);
                return;
            }
        }
        auto teacher = makeTeacher(t, number);
        begin({t.name, probeName(t.name)});
        const TeacherOutputs out = t.frozen ? trainFrozenTeacher(t, teacher) : trainFullTeacher(t, teacher);
        writeCheckpoint(run.checkpointPath(t.name), teacher->stateDict(), teacher->encoder->config().toJson());
        saveNpyTensor(run.modelFolder(t.name) + "/train_logits.npy", out.trainLogits);
        publish(t.name, out.testLogits, out.testEmbeddings, teacherTest);
        if (cache) cache->store(run, t.name, progress.value("metrics_bytes", uint64_t(0)));
        finish(stage);
    }

    // What decides a trained teacher, for the teacher cache.
    TeacherCacheInputs cacheInputs(const TeacherConfig& t, size_t number)
    {
        TeacherCacheInputs in;
        in.teacher = experimentToJson(config)["teachers"][number];
        in.position = number;
        in.seed = config.seed;
        in.datasetRoot = datasetRoot;
        in.trainFiles = teacherTrain.files;
        in.testFiles = teacherTest.files;
        const auto rows = validationRows.accessor<int64_t, 1>();
        for (int64_t i = 0; i < rows.size(0); ++i) in.validationFiles.push_back(teacherTest.files[size_t(rows[i])]);
        in.encoder = encoderCheckpoint(t);
        in.irs = t.augment.deviceIrP > 0 ? irs : "";
        in.threads = torch::get_num_threads();
        in.device = device.str();
        return in;
    }

    std::vector<std::string> ensembleMembers() const
    {
        if (!config.ensemble.empty()) return config.ensemble;
        std::vector<std::string> all;
        for (const auto& t : config.teachers) all.push_back(t.name);
        return all;
    }

    // The ensemble's logits on the training subset (stored in the run: the student never runs a teacher).
    torch::Tensor ensemble()
    {
        const std::string trainPath = run.modelFolder("ensemble") + "/train_logits.npy";
        if (done("ensemble")) return loadNpyTensor(trainPath);
        torch::Tensor train, test;
        const auto members = ensembleMembers();
        for (const auto& name : members) {
            const auto a = loadNpyTensor(run.modelFolder(name) + "/train_logits.npy");
            const auto b = loadNpyTensor(run.modelFolder(name) + "/test_logits.npy");
            train = train.defined() ? train + a : a;
            test = test.defined() ? test + b : b;
        }
        train /= double(members.size());
        test /= double(members.size());
        saveNpyTensor(trainPath, train);
        publish("ensemble", test, {}, teacherTest);
        finish("ensemble");
        return train;
    }

    void trainStudent(const std::string& name, const torch::Tensor& teacherLogits)
    {
        if (done(name)) return;
        const auto& s = config.student;
        TfSepNetConfig net;
        net.width = s.width;
        net.depth = s.depth;
        TfSepNet student = [&] {
            const GlobalRandomUse globalRandom;
            torch::manual_seed(uint64_t(config.seed));
            return TfSepNet(net);
        }();
        student->to(device);
        begin({name});
        auto p = trainerParams(name, "distill", s.epochs, s.batchSize, s.optimizer, s.schedule, s.augment);
        p.maxEpochClips = s.maxEpochClips;
        p.loss = teacherLogits.defined() ? LossKind::Distillation : LossKind::CrossEntropy;
        p.kd = s.kd;
        p.deviceResponses = &studentIrs;
        auto input = [](const ClipTensors& c) { return c.features.unsqueeze(1); };  // (N, 1, mels, frames)
        Trainer trainer(p, *student, [&](const torch::Tensor& x) { return student->forward(x); },
                        {{student->parameters(), 1.0}});
        LabelledTensors val{validation(input(studentTest)), validation(studentTest.labels), {}, {}};
        LabelledTensors train{input(studentTrain).to(device), studentTrain.labels.to(device),
                              teacherLogits.defined() ? teacherLogits.to(device) : torch::Tensor(),
                              studentTrain.deviceAFlags().to(device)};
        trainer.run(train, &val, *log, observer, token);
        writeCheckpoint(run.checkpointPath(name), moduleStateDict(*student));
        student->eval();
        auto forward = [&](const torch::Tensor& x) {
            const auto out = student->forwardAll(x);
            return std::make_pair(out.logits, out.embedding);
        };
        const auto [logits, embeddings] = predictWithEmbeddings(forward, input(studentTest), 128, device, token);
        publish(name, logits, embeddings, studentTest);
        finish(name);
    }

    // The int8 student: the trained student's checkpoint quantised after training
    // (calibrated on its own training subset), evaluated on the test fold.
    void quantizeStudent(const std::string& name)
    {
        const std::string model = name + "-int8";
        if (done(model)) return;
        begin({model});
        log->append({{"event", "stage"}, {"model", model}, {"stage", "quantize"}, {"status", "started"}});
        const std::string path = run.checkpointPath(name);
        const Checkpoint checkpoint = readCheckpoint(path);
        TfSepNet student = [&] {
            const GlobalRandomBorrow borrow;  // its initial weights are overwritten: a side use
            return loadTfSepNet(checkpoint, detectModel(checkpoint, path), path);
        }();
        student->eval();
        const auto rows = calibrationRows(studentTrain.size(), kDefaultCalibrationClips, uint64_t(config.seed));
        ProgressTracker tracker(observer, "quantize " + name, long(rows.size()) + long(studentTest.size()));
        const auto int8 = calibrateInt8Student(*student, studentTrain.features.index_select(0, torch::tensor(rows)),
                                               {int64_t(rows.size()), int64_t(config.seed)}, &tracker, token);
        const auto predictions = predictInt8(int8, studentTest.features, &tracker, token);
        token.checkpoint();  // a cancel during the last batch still leaves no int8 files behind
        const auto entry = publishInt8Student(run, name, int8, studentTest, predictions);
        info(model + ": accuracy " + std::to_string(entry["accuracy"].get<double>()) + ", " +
             std::to_string(entry["parameter_bytes"].get<int64_t>()) + " parameter bytes");
        log->append({{"event", "stage"}, {"model", model}, {"stage", "quantize"}, {"status", "finished"}});
        finish(model);
    }
};

ExperimentRunner::ExperimentRunner(RunDirectory run, RunOptions options, JobObserver* observer, CancellationToken& token)
    : s_(std::make_unique<State>(std::move(run), std::move(options), observer, token))
{
}

ExperimentRunner::~ExperimentRunner() = default;

nlohmann::json ExperimentRunner::run()
{
    State& s = *s_;
    const std::string device = s.options.device.empty() ? s.config.device : s.options.device;
    if (device == "cuda" && !torch::cuda::is_available())
        throw Error("CUDA was asked for, but this LibTorch build or machine has no CUDA device", "device");
    s.device = torch::Device(device == "cuda" ? torch::kCUDA : torch::kCPU);
    const int threads = s.options.threads > 0 ? s.options.threads : s.config.threads;
    torch::set_num_threads(threads > 0 ? threads : defaultThreadCount());

    // Held until run() returns or the process dies: nobody else resumes this run meanwhile.
    const RunLock lock(s.run.path());
    if (const int stale = removeAtomicTemporaries(s.run.path()))
        s.info("removed " + std::to_string(stale) + " half-written temporary file(s) an interrupted attempt left");
    s.openProgress();
    s.loadData();
    s.findImpulseResponses();
    s.loadFeatures();
    for (size_t i = 0; i < s.config.teachers.size(); ++i) s.trainTeacher(s.config.teachers[i], i);
    const auto teacherLogits = s.config.teachers.empty() ? torch::Tensor() : s.ensemble();
    s.trainStudent("student", teacherLogits);
    s.quantizeStudent("student");
    if (s.config.student.alsoWithoutKd && teacherLogits.defined()) {
        s.trainStudent("student-nokd", torch::Tensor());
        s.quantizeStudent("student-nokd");
    }
    s.log->append({{"event", "stage"}, {"model", "run"}, {"stage", "evaluate"}, {"status", "finished"}});
    return s.run.summary();
}

std::string summaryTable(const nlohmann::json& summary)
{
    std::ostringstream out;
    auto cell = [&](const nlohmann::json& v, int width = 9) {
        if (v.is_number()) out << std::setw(width) << std::fixed << std::setprecision(1) << 100.0 * v.get<double>();
        else out << std::setw(width) << "-";
    };
    // int8 students (model quantize, the runner's quantise stage): their drop from the
    // float model and their parameter bytes, in two more columns.
    bool int8 = false;
    for (const auto& [model, m] : summary.items()) int8 = int8 || m.contains("accuracy_drop");
    out << std::left << std::setw(18) << "model" << std::right << std::setw(9) << "acc %" << std::setw(9) << "seen %"
        << std::setw(9) << "unseen %" << std::setw(9) << "gap pp" << std::setw(10) << "log loss";
    if (int8) out << std::setw(14) << "int8 drop pp" << std::setw(12) << "bytes";
    out << "\n";
    for (const auto& [model, m] : summary.items()) {
        out << std::left << std::setw(18) << model << std::right;
        cell(m["accuracy"]);
        cell(m["accuracy_seen_devices"]);
        cell(m["accuracy_unseen_devices"]);
        cell(m["unseen_gap"]);
        out << std::setw(10) << std::fixed << std::setprecision(3) << m.value("log_loss", 0.0);
        if (int8) {
            cell(m.contains("accuracy_drop") ? m["accuracy_drop"] : nlohmann::json(), 14);
            out << std::setw(12);
            if (m.contains("parameter_bytes")) out << m["parameter_bytes"].get<int64_t>();
            else out << "-";
        }
        out << "\n";
    }
    return out.str();
}

}  // namespace sb
