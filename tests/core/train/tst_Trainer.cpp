// Tests of the shared training loop: it learns, selects the best epoch, and a run
// cancelled mid-epoch then resumed ends with exactly the weights and metrics of an
// uninterrupted run.
#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"
#include "core/experiment/MetricsLog.h"
#include "core/models/GlobalRandom.h"
#include "core/models/TfSepNet.h"
#include "core/train/Trainer.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <set>
#include <thread>

namespace {

struct Net : torch::nn::Module {
    Net()
    {
        torch::manual_seed(0);
        fc1 = register_module("fc1", torch::nn::Linear(8, 16));
        drop = register_module("drop", torch::nn::Dropout(0.2));
        fc2 = register_module("fc2", torch::nn::Linear(16, 4));
    }
    torch::Tensor forward(const torch::Tensor& x) { return fc2(drop(torch::relu(fc1(x)))); }
    torch::nn::Linear fc1{nullptr}, fc2{nullptr};
    torch::nn::Dropout drop{nullptr};
};

sb::LabelledTensors blobs(int n, uint64_t seed)
{
    torch::manual_seed(0);
    const auto centres = torch::randn({4, 8}) * 2;  // the same classes in every set
    torch::manual_seed(seed);
    const auto labels = torch::randint(0, 4, {n}, torch::kLong);
    return {centres.index_select(0, labels) + torch::randn({n, 8}), labels, {}, {}};
}

sb::TrainerParams params(const QString& folder)
{
    sb::TrainerParams p;
    p.model = "net";
    p.stage = "finetune";
    p.epochs = 4;
    p.batchSize = 16;
    p.optimizer.lr = 0.01;
    p.augment.mixupAlpha = 0.3;
    p.seed = 5;
    p.stateFolder = folder.toStdString();
    return p;
}

std::string withoutTimes(const std::string& path)
{
    std::string out;
    for (auto e : sb::readMetrics(path)) {
        e.erase("time");
        out += e.dump() + "\n";
    }
    return out;
}

}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void learnsAndSelectsTheBestEpoch()
    {
        QTemporaryDir dir;
        auto holder = std::make_shared<Net>();  // torch needs modules owned by shared_ptr
        Net& net = *holder;
        sb::Trainer trainer(params(dir.filePath(QStringLiteral("state"))), net,
                            [&](const torch::Tensor& x) { return net.forward(x); }, {{net.parameters(), 1.0}});
        sb::MetricsLog log(dir.filePath(QStringLiteral("metrics.jsonl")).toStdString());
        sb::CancellationToken token;
        const auto train = blobs(256, 1), val = blobs(128, 2);
        const auto outcome = trainer.run(train, &val, log, nullptr, token);
        QVERIFY(outcome.bestValidation > 0.8);
        QVERIFY(outcome.bestEpoch >= 0 && outcome.bestEpoch < 4);
        QVERIFY(!outcome.resumed);
        // The module holds the selected epoch's weights.
        const auto logits = sb::Trainer::predict(net, [&](const torch::Tensor& x) { return net.forward(x); }, val.inputs, 64);
        const auto events = sb::readMetrics(dir.filePath(QStringLiteral("metrics.jsonl")).toStdString());
        double bestLogged = 0;
        for (const auto& e : events)
            if (e["event"] == "epoch" && e["epoch"] == outcome.bestEpoch) bestLogged = e["val_acc"].get<double>();
        QCOMPARE(bestLogged, outcome.bestValidation);
        QVERIFY(logits.size(0) == 128);
        QCOMPARE(events.front()["status"].get<std::string>(), std::string("started"));
        QCOMPARE(events.back()["status"].get<std::string>(), std::string("finished"));
    }

    void resumeAfterCancelMatchesUninterruptedRun()
    {
        const auto train = blobs(200, 3), val = blobs(64, 4);
        QTemporaryDir a, b;
        sb::CancellationToken token;
        {
            auto holder = std::make_shared<Net>();  // torch needs modules owned by shared_ptr
            Net& net = *holder;
            sb::Trainer t(params(a.filePath(QStringLiteral("state"))), net,
                          [&](const torch::Tensor& x) { return net.forward(x); }, {{net.parameters(), 1.0}});
            sb::MetricsLog log(a.filePath(QStringLiteral("metrics.jsonl")).toStdString());
            t.run(train, &val, log, nullptr, token);
        }
        const auto reference = sb::readCheckpoint(a.filePath(QStringLiteral("state/best.pt")).toStdString()).tensors;
        {
            auto holder = std::make_shared<Net>();  // torch needs modules owned by shared_ptr
            Net& net = *holder;
            // Cancels after 30 training steps (13 per epoch: inside epoch 2). Counting forward
            // passes, not progress reports: those are rate-limited and a fast machine may
            // report only the start and the end.
            sb::CancellationToken cancelMe;
            int trainingSteps = 0;
            auto forward = [&](const torch::Tensor& x) {
                if (net.is_training() && ++trainingSteps == 30) cancelMe.cancel();
                return net.forward(x);
            };
            sb::Trainer t(params(b.filePath(QStringLiteral("state"))), net, forward, {{net.parameters(), 1.0}});
            sb::MetricsLog log(b.filePath(QStringLiteral("metrics.jsonl")).toStdString());
            QVERIFY_THROWS_EXCEPTION(sb::Cancelled, t.run(train, &val, log, nullptr, cancelMe));
            QCOMPARE(trainingSteps, 30);
        }
        {
            auto holder = std::make_shared<Net>();  // a fresh process would start from fresh weights too
            Net& net = *holder;
            sb::Trainer t(params(b.filePath(QStringLiteral("state"))), net,
                          [&](const torch::Tensor& x) { return net.forward(x); }, {{net.parameters(), 1.0}});
            sb::MetricsLog log(b.filePath(QStringLiteral("metrics.jsonl")).toStdString());
            QVERIFY(t.run(train, &val, log, nullptr, token).resumed);
        }
        const auto resumed = sb::readCheckpoint(b.filePath(QStringLiteral("state/best.pt")).toStdString()).tensors;
        QCOMPARE(resumed.size(), reference.size());
        for (size_t i = 0; i < reference.size(); ++i) QVERIFY(torch::equal(resumed[i].second, reference[i].second));
        QCOMPARE(withoutTimes(b.filePath(QStringLiteral("metrics.jsonl")).toStdString()),
                 withoutTimes(a.filePath(QStringLiteral("metrics.jsonl")).toStdString()));
    }

    // The GUI's complexity meter builds TF-SepNets (random initial weights from torch's
    // global generator) in another thread while a run trains: the run's weights must
    // come out exactly as without it (GlobalRandomUse / GlobalRandomBorrow).
    // max_epoch_clips: each epoch trains on a fresh random sample of that many clips, each
    // clip at most once an epoch, and the epochs together reach beyond one sample.
    void anEpochIsAFreshSampleOfMaxEpochClips()
    {
        QTemporaryDir dir;
        auto holder = std::make_shared<Net>();
        Net& net = *holder;
        auto p = params(dir.filePath(QStringLiteral("state")));
        p.augment.mixupAlpha = 0;  // rows must reach the network unmixed, to be recognised
        p.maxEpochClips = 40;
        const auto train = blobs(200, 6);
        std::vector<std::vector<int64_t>> seenPerEpoch;
        auto forward = [&](const torch::Tensor& x) {
            if (net.is_training()) {
                // The row of `train` each input is: inputs are distinct random vectors.
                const auto match = (x.unsqueeze(1) == train.inputs.unsqueeze(0)).all(2).to(torch::kLong).argmax(1);
                if (seenPerEpoch.empty() || seenPerEpoch.back().size() >= 40) seenPerEpoch.emplace_back();
                for (int64_t i = 0; i < match.size(0); ++i) seenPerEpoch.back().push_back(match[i].item<int64_t>());
            }
            return net.forward(x);
        };
        sb::Trainer trainer(p, net, forward, {{net.parameters(), 1.0}});
        sb::MetricsLog log(dir.filePath(QStringLiteral("metrics.jsonl")).toStdString());
        sb::CancellationToken token;
        trainer.run(train, nullptr, log, nullptr, token);
        QCOMPARE(seenPerEpoch.size(), size_t(4));
        std::set<int64_t> all;
        for (const auto& epoch : seenPerEpoch) {
            QCOMPARE(epoch.size(), size_t(40));  // batches of 16, 16 and 8
            QCOMPARE(std::set<int64_t>(epoch.begin(), epoch.end()).size(), size_t(40));
            all.insert(epoch.begin(), epoch.end());
        }
        QVERIFY(all.size() > 100);  // 4 x 40 random rows of 200 reach about 110 of them
        long steps = 0;
        for (const auto& e : sb::readMetrics(dir.filePath(QStringLiteral("metrics.jsonl")).toStdString()))
            if (e["event"] == "epoch") steps = e["step"].get<long>();
        QCOMPARE(steps, 12L);
    }

    void measuringModelsMeanwhileChangesNothing()
    {
        auto train = [](const QString& folder, std::atomic<bool>* done) {
            // Seeding, then drawing initial weights and data, is one use of the generator
            // (as in the runner): a measurement may not borrow it in between.
            auto [holder, data] = [] {
                const sb::GlobalRandomUse use;
                auto net = std::make_shared<Net>();
                return std::make_pair(net, blobs(512, 1));
            }();
            Net& net = *holder;
            sb::Trainer trainer(params(folder + QStringLiteral("/state")), net,
                                [&](const torch::Tensor& x) { return net.forward(x); }, {{net.parameters(), 1.0}});
            sb::MetricsLog log((folder + QStringLiteral("/metrics.jsonl")).toStdString());
            sb::CancellationToken token;
            trainer.run(data, nullptr, log, nullptr, token);
            if (done) *done = true;
            return torch::cat({net.fc1->weight.flatten(), net.fc2->weight.flatten()});
        };
        QTemporaryDir alone, measured;
        const auto expected = train(alone.path(), nullptr);
        std::atomic<bool> done{false};
        std::atomic<int> measurements{0};
        std::thread meter([&] {
            while (!done) {
                sb::measureTfSepNet(16, 16, 64, 32);
                ++measurements;
            }
        });
        const auto weights = train(measured.path(), &done);
        meter.join();
        QVERIFY2(measurements > 10, qPrintable(QString::number(measurements)));
        QVERIFY(torch::equal(weights, expected));
    }

    void distillationNeedsTeacherLogitsAndLogsBothTerms()
    {
        QTemporaryDir dir;
        auto holder = std::make_shared<Net>();  // torch needs modules owned by shared_ptr
        Net& net = *holder;
        auto p = params(dir.filePath(QStringLiteral("state")));
        p.loss = sb::LossKind::Distillation;
        p.epochs = 1;
        auto train = blobs(64, 6);
        train.teacherLogits = torch::randn({64, 4});
        sb::Trainer t(p, net, [&](const torch::Tensor& x) { return net.forward(x); }, {{net.parameters(), 1.0}});
        sb::MetricsLog log(dir.filePath(QStringLiteral("metrics.jsonl")).toStdString());
        sb::CancellationToken token;
        t.run(train, nullptr, log, nullptr, token);
        const auto events = sb::readMetrics(dir.filePath(QStringLiteral("metrics.jsonl")).toStdString());
        QVERIFY(events[1].contains("ce") && events[1].contains("kd"));
    }
};

QTEST_GUILESS_MAIN(TestTrainer)
#include "tst_Trainer.moc"
