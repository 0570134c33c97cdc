// The method end to end on a tiny demo dataset: the run directory it writes (with the int8
// students), and a run cancelled three times (inside a teacher, inside the student and
// inside its quantisation) then resumed ends with the same summary and weights as an
// uninterrupted run. Teachers start from the tiny BEATs
// reference checkpoint, so no pre-training is needed here.
#include "core/audio/AudioFile.h"
#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"
#include "core/data/DemoDataset.h"
#include "core/experiment/ExperimentFile.h"
#include "core/experiment/MetricsLog.h"
#include "core/train/CheckpointEvaluation.h"
#include "core/train/CheckpointQuantization.h"
#include "core/train/ExperimentRunner.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <map>
#include <fstream>

namespace fs = std::filesystem;

namespace {

// Cancels once a progress report of `stage` has reached `after` units.
struct CancelAt : sb::JobObserver {
    CancelAt(sb::CancellationToken& t, std::string s, long n) : token(t), stage(std::move(s)), after(n) {}
    void onProgress(const sb::Progress& p) override
    {
        if (p.stage == stage && p.done >= after) token.cancel();
    }
    sb::CancellationToken& token;
    std::string stage;
    long after;
};

// The int8 student's parameter bytes, counted from the float student's weights: one byte
// per convolution weight, 4 + 4 (float32 scale, int32 bias) per output channel, and 4 + 1
// (float32 scale, uint8 zero point) per quantisation point: the input, every convolution's
// output, every ResNorm's (5 at depth 16: N 1 1 N M 1.5 1.5 N M 2 2 N 2.5 2.5 2.5 N), three
// per TF-Sep block (frequency mean, time mean, output; 9 blocks) and the logits.
int64_t int8Bytes(const sb::StateDict& floatStudent)
{
    int64_t bytes = 0, convs = 0;
    for (const auto& [name, t] : floatStudent)
        if (t.dim() == 4) {  // convolution weights: the only 4-d tensors
            bytes += t.numel() + 8 * t.size(0);
            ++convs;
        }
    return bytes + 5 * (1 + convs + 5 + 3 * 9 + 1);
}

std::string slurp(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

class TestExperimentRunner : public QObject {
    Q_OBJECT
    QTemporaryDir root_;
    std::string dataset_;

    sb::ExperimentConfig tinyExperiment() const
    {
        sb::ExperimentConfig c;
        c.name = "tiny";
        c.seed = 3;
        c.threads = 1;  // no OpenMP barriers: the suite runs beside other tests on a busy machine
        c.dataset.path = dataset_;
        c.dataset.split = 100;
        c.dataset.validationPercent = 50;  // best epochs picked on half the test fold
        const std::string beats = std::string(SCENEBENCH_TEST_DATA) + "/reference/beats_tiny.pt";
        sb::TeacherConfig frozen = sb::paperTeacher("ssl_frozen", "frozen", beats);
        frozen.epochs = 3;
        frozen.batchSize = 32;
        sb::TeacherConfig trained = sb::paperTeacher("ssl", "trained", beats);
        trained.epochs = 2;
        trained.batchSize = 32;
        trained.optimizer.lr = 1e-3;
        trained.schedule = {"warmup_linear", 1, 1, 0.05, 10, 2};
        trained.layerDecay = 0.8;
        trained.augment.deviceIrP = 0.5;
        trained.probeEpochs = 2;      // LP-FT: 2 epochs of the head alone first
        trained.maxEpochClips = 128;  // of the ~220 training clips: 4 steps an epoch
        c.teachers = {frozen, trained};
        c.student.width = 16;
        c.student.depth = 16;
        c.student.mels = 64;
        c.student.epochs = 3;
        c.student.batchSize = 32;
        c.student.augment.deviceIrP = 0.5;
        c.student.maxEpochClips = 128;
        c.student.alsoWithoutKd = true;
        return c;
    }

    // Impulse responses for the experiment: this test's own folder (dataset.impulse_responses).
    sb::ExperimentConfig withIrs(sb::ExperimentConfig c) const
    {
        c.dataset.impulseResponses = (fs::path(dataset_).parent_path() / "irs").string();
        return c;
    }

    nlohmann::json runFresh(const QString& name, const sb::ExperimentConfig& config)
    {
        auto run = sb::RunDirectory::create(root_.filePath(name).toStdString(), config);
        sb::CancellationToken token;
        sb::ExperimentRunner runner(std::move(run), {}, nullptr, token);
        return runner.run();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(root_.isValid());
        qputenv("SCENEBENCH_CACHE_DIR", root_.filePath(QStringLiteral("cache")).toUtf8());
        dataset_ = root_.filePath(QStringLiteral("tiny-demo")).toStdString();
        sb::demo::DemoDatasetParams p;
        p.outDir = dataset_;
        p.size = sb::demo::DemoSize::tiny();
        sb::CancellationToken token;
        sb::demo::generateDemoDataset(p, nullptr, token);
        // Two device IRs: a pure delay and a band limit, as wav files.
        const fs::path irs = fs::path(dataset_).parent_path() / "irs";
        fs::create_directories(irs);
        std::vector<float> delay(64, 0.0f), smooth(64, 0.0f);
        delay[10] = 0.8f;
        for (int i = 0; i < 8; ++i) smooth[size_t(i)] = 0.1f;
        sb::writeWav16((irs / "delay.wav").string(), delay, 32000);
        sb::writeWav16((irs / "smooth.wav").string(), smooth, 32000);
    }

    void writesTheRunDirectory()
    {
        const auto summary = runFresh(QStringLiteral("full"), withIrs(tinyExperiment()));
        for (const char* model : {"frozen", "trained", "ensemble", "student", "student-nokd"}) {
            QVERIFY2(summary.contains(model), model);
            const auto& m = summary[model];
            QVERIFY(m["accuracy"].get<double>() >= 0 && m["accuracy"].get<double>() <= 1);
            QVERIFY(m["accuracy_per_device"].contains("s4"));  // unseen devices are in the test fold
            QCOMPARE(m["accuracy_per_class"].size(), size_t(10));
        }
        const fs::path run = root_.filePath(QStringLiteral("full")).toStdString();
        for (const char* file : {"experiment.json", "metrics.jsonl", "summary.json", "progress.json",
                                 "checkpoints/student.pt", "checkpoints/trained.pt", "models/student/predictions.csv",
                                 "models/student/confusion.json", "models/student/embeddings.npy",
                                 "models/student/embeddings.csv", "models/ensemble/train_logits.npy"})
            QVERIFY2(fs::exists(run / file), file);
        const std::string predictions = slurp((run / "models/student/predictions.csv").string());
        QVERIFY(predictions.rfind("filename\tscene_label\tairport\t", 0) == 0);
        // Every metrics line is one JSON object; the KD student logs both loss terms.
        bool sawKd = false;
        std::map<std::string, std::vector<long>> epochSteps;  // model -> step count at each epoch's end
        for (const auto& e : sb::readMetrics((run / "metrics.jsonl").string())) {
            sawKd = sawKd || (e.value("model", "") == "student" && e.contains("kd") && e.contains("ce"));
            if (e["event"] == "epoch") epochSteps[e["model"].get<std::string>()].push_back(e["step"].get<long>());
        }
        QVERIFY(sawKd);
        // LP-FT: the trained teacher's head learnt alone for 2 epochs first; max_epoch_clips
        // 128 made every epoch 4 batches of 32 where the whole subset takes 7 or more.
        QCOMPARE(epochSteps["trained.probe"], (std::vector<long>{4, 8}));
        QCOMPARE(epochSteps["trained"], (std::vector<long>{4, 8}));
        QCOMPARE(epochSteps["student"], (std::vector<long>{4, 8, 12}));
        QVERIFY(epochSteps["frozen"].front() >= 7);
        // The student checkpoint is a plain state dict that loads back.
        const auto student = sb::readCheckpoint((run / "checkpoints/student.pt").string());
        QVERIFY(!student.tensors.empty());
        // Each student has its int8 model beside it, with the drop and the exact bytes.
        for (const std::string floatModel : {"student", "student-nokd"}) {
            const std::string model = floatModel + "-int8";
            QVERIFY2(summary.contains(model), model.c_str());
            const auto& m = summary[model];
            QCOMPARE(m["float_model"].get<std::string>(), floatModel);
            QCOMPARE(m["accuracy_drop"].get<double>(),
                     summary[floatModel]["accuracy"].get<double>() - m["accuracy"].get<double>());
            QCOMPARE(m["parameter_bytes"].get<int64_t>(), int8Bytes(student.tensors));
            QVERIFY(m["accuracy_per_device"].contains("s4"));
            for (const std::string& file : {"checkpoints/" + model + ".pt", "models/" + model + "/predictions.csv",
                                           "models/" + model + "/confusion.json"})
                QVERIFY2(fs::exists(run / file), file.c_str());
        }
        QVERIFY(sb::summaryTable(summary).find("int8 drop pp") != std::string::npos);
    }

    void int8StudentIsReproducedAndEvaluated()
    {
        const fs::path run = root_.filePath(QStringLiteral("full")).toStdString();
        QVERIFY(fs::exists(run / "summary.json"));
        sb::CancellationToken token;
        // `model quantize` on the run's student, defaults from its experiment.json: the same file.
        sb::CheckpointQuantizationParams q;
        q.checkpoint = (run / "checkpoints/student.pt").string();
        q.dataset = dataset_;
        q.out = root_.filePath(QStringLiteral("student-int8.pt")).toStdString();
        q.threads = 1;  // as the run: calibration's float sums may round differently on other thread counts
        sb::quantizeCheckpoint(q, nullptr, token);
        const auto a = sb::readCheckpoint(q.out);
        const auto b = sb::readCheckpoint((run / "checkpoints/student-int8.pt").string());
        QCOMPARE(a.tensors.size(), b.tensors.size());
        for (size_t i = 0; i < a.tensors.size(); ++i) {
            QCOMPARE(a.tensors[i].first, b.tensors[i].first);
            QVERIFY2(torch::equal(a.tensors[i].second, b.tensors[i].second), a.tensors[i].first.c_str());
        }
        // `eval` of the int8 checkpoint reproduces the run's int8 accuracy.
        sb::CheckpointEvaluationParams p;
        p.checkpoint = (run / "checkpoints/student-int8.pt").string();
        p.dataset = dataset_;
        p.out = root_.filePath(QStringLiteral("eval-int8")).toStdString();
        const auto summary = sb::evaluateCheckpoint(p, nullptr, token);
        const auto original = sb::RunDirectory::open(run.string()).summary();
        QCOMPARE(summary["student-int8"]["accuracy"].get<double>(), original["student-int8"]["accuracy"].get<double>());
    }

    void evalReproducesTheRunsAccuracy()
    {
        const fs::path run = root_.filePath(QStringLiteral("full")).toStdString();
        QVERIFY(fs::exists(run / "summary.json"));
        sb::CheckpointEvaluationParams p;
        p.checkpoint = (run / "checkpoints/student.pt").string();
        p.dataset = dataset_;
        p.out = root_.filePath(QStringLiteral("eval")).toStdString();
        sb::CancellationToken token;
        const auto summary = sb::evaluateCheckpoint(p, nullptr, token);
        const auto original = sb::RunDirectory::open(run.string()).summary();
        QCOMPARE(summary["student"]["accuracy"].get<double>(), original["student"]["accuracy"].get<double>());
        // The wrong architecture is refused with the layer names, not garbage results.
        p.width = 32;
        p.out = root_.filePath(QStringLiteral("eval-wrong")).toStdString();
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::evaluateCheckpoint(p, nullptr, token));
    }

    void cancelledThreeTimesThenResumedMatchesUninterrupted()
    {
        // The reference is writesTheRunDirectory's uninterrupted run of the same experiment.
        const auto config = withIrs(tinyExperiment());
        const auto reference = sb::RunDirectory::open(root_.filePath(QStringLiteral("full")).toStdString()).summary();
        QVERIFY(!reference.empty());
        const std::string folder = root_.filePath(QStringLiteral("interrupted")).toStdString();
        sb::RunDirectory::create(folder, config);
        for (const auto& [stage, after] : std::vector<std::pair<std::string, long>>{
                 {"probe trained.probe", 3}, {"finetune trained", 5}, {"distill student", 9}, {"quantize student", 1}}) {
            sb::CancellationToken token;
            CancelAt observer(token, stage, after);
            sb::ExperimentRunner runner(sb::RunDirectory::open(folder), {}, &observer, token);
            QVERIFY_THROWS_EXCEPTION(sb::Cancelled, runner.run());
        }
        sb::CancellationToken token;
        sb::ExperimentRunner runner(sb::RunDirectory::open(folder), {}, nullptr, token);
        const auto resumed = runner.run();
        QCOMPARE(resumed.dump(), reference.dump());
        const auto a = sb::readCheckpoint(root_.filePath(QStringLiteral("full/checkpoints/student.pt")).toStdString());
        const auto b = sb::readCheckpoint(folder + "/checkpoints/student.pt");
        QCOMPARE(a.tensors.size(), b.tensors.size());
        for (size_t i = 0; i < a.tensors.size(); ++i) QVERIFY(torch::equal(a.tensors[i].second, b.tensors[i].second));
    }

    void badInputsAreNamed()
    {
        auto expectError = [this](const QString& run, const sb::ExperimentConfig& config, const char* mention) {
            try {
                runFresh(run, config);
                QFAIL("expected an error");
            } catch (const sb::Error& e) {
                QVERIFY2(std::string(e.what()).find(mention) != std::string::npos, e.what());
            }
        };
        // Device IRs asked for on a dataset that is not the demo, without a folder of them.
        expectError(QStringLiteral("no-irs"), tinyExperiment(), "dataset.impulse_responses");
        auto config = withIrs(tinyExperiment());
        config.teachers[0].checkpoint = "/nowhere/BEATs_iter3_plus_AS2M.pt";
        expectError(QStringLiteral("missing-1"), config, "teacher 'frozen'");
        expectError(QStringLiteral("missing-2"), config, "/nowhere/BEATs_iter3_plus_AS2M.pt");
    }
};

QTEST_GUILESS_MAIN(TestExperimentRunner)
#include "tst_ExperimentRunner.moc"
