// Tests of core/train building blocks: the distillation loss against the seed code's
// reference values, the learning-rate schedules, and the DCASE evaluation metrics.
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/train/Distillation.h"
#include "core/results/Evaluation.h"
#include "core/train/LearningRateSchedule.h"

#include <QtTest>

#include <cmath>

namespace {

torch::Tensor loadTensor(const char* name)
{
    const auto a = sb::readNpy(std::string(SCENEBENCH_TEST_DATA "/reference/") + name);
    if (a.dtype == "<i8") {
        auto v = a.toInt64();
        return torch::tensor(v, torch::kLong).reshape(a.shape);
    }
    auto v = a.toFloat();
    return torch::tensor(v).reshape(a.shape);
}

}  // namespace

class TestTrain : public QObject {
    Q_OBJECT
private slots:
    void distillationMatchesSeedCode()
    {
        // manifest.json "kd_loss": T = 2, lambda = 0.02.
        const auto terms = sb::distillationLoss(loadTensor("kd_student_logits.npy"), loadTensor("kd_teacher_logits.npy"),
                                                loadTensor("kd_labels.npy"), 2.0, 0.02);
        QVERIFY(std::abs(terms.loss.item<double>() - 0.4447631537914276) < 1e-6);
        QVERIFY(std::abs(terms.kd.item<double>() - 0.3880808651447296) < 1e-6);
    }

    void mixedLossIsTheMixOfBothTargets()
    {
        torch::manual_seed(3);
        const auto s = torch::randn({6, 10}), t = torch::randn({6, 10});
        const auto y = torch::randint(0, 10, {6}, torch::kLong);
        const auto perm = torch::randperm(6, torch::kLong);
        const auto a = sb::distillationLoss(s, t, y, 2.0, 0.02);
        const auto b = sb::distillationLoss(s, t.index_select(0, perm), y.index_select(0, perm), 2.0, 0.02);
        const auto m = sb::mixedDistillationLoss(s, t, y, perm, 0.3, 2.0, 0.02);
        QVERIFY(std::abs(m.loss.item<double>() - (0.3 * a.loss + 0.7 * b.loss).item<double>()) < 1e-6);
        QVERIFY(std::abs(sb::mixedDistillationLoss(s, t, y, perm, 1.0, 2.0, 0.02).ce.item<double>() -
                         a.ce.item<double>()) < 1e-7);
    }

    void warmupThenLinearDecay()
    {
        sb::ScheduleConfig s{"warmup_linear", 4, 26, 0.005, 10, 2};
        QVERIFY(std::abs(sb::learningRateFactor(s, 0) - std::exp(-5 * 0.875 * 0.875)) < 1e-12);  // clipped to 0.5
        QVERIFY(std::abs(sb::learningRateFactor(s, 2) - std::exp(-5 * 0.25)) < 1e-12);
        QCOMPARE(sb::learningRateFactor(s, 4), 1.0);
        QVERIFY(std::abs(sb::learningRateFactor(s, 17) - (0.005 + 0.995 * 0.5)) < 1e-12);
        QCOMPARE(sb::learningRateFactor(s, 30), 0.005);
        QCOMPARE(sb::learningRateFactor(s, 100), 0.005);
    }

    void cosineWarmRestarts()
    {
        sb::ScheduleConfig s{"cosine_restarts", 4, 26, 0.005, 10, 2};
        QCOMPARE(sb::learningRateFactor(s, 0), 1.0);
        QVERIFY(std::abs(sb::learningRateFactor(s, 5) - 0.5) < 1e-12);
        QCOMPARE(sb::learningRateFactor(s, 10), 1.0);  // restart; the next cycle lasts 20
        QVERIFY(std::abs(sb::learningRateFactor(s, 20) - 0.5) < 1e-12);
        QCOMPARE(sb::learningRateFactor(s, 30), 1.0);  // then 40
        QVERIFY(std::abs(sb::learningRateFactor(s, 50) - 0.5) < 1e-12);
        QCOMPARE(sb::learningRateFactor(sb::ScheduleConfig{}, 7.5), 1.0);
    }

    void evaluationMetrics()
    {
        // 3 classes; device a: classes 0,0,1,2 -> predictions 0,1,1,2; device s4: 0,1 -> 2,1.
        const std::vector<int> labels = {0, 0, 1, 2, 0, 1};
        const std::vector<std::string> devices = {"a", "a", "a", "a", "s4", "s4"};
        const std::vector<int> predicted = {0, 1, 1, 2, 2, 1};
        std::vector<float> probs(labels.size() * 3, 0.1f);
        for (size_t i = 0; i < labels.size(); ++i) probs[i * 3 + size_t(predicted[i])] = 0.8f;
        const auto r = sb::evaluate(labels, devices, probs, 3);
        QCOMPARE(r.clips, 6L);
        // class 0: 1 of 3 right, class 1: 2 of 2, class 2: 1 of 1.
        QVERIFY(std::abs(r.accuracy - (1.0 / 3 + 1 + 1) / 3) < 1e-12);
        QVERIFY(std::abs(r.accuracyPerDevice.at("a") - (0.5 + 1 + 1) / 3) < 1e-12);
        QVERIFY(std::abs(r.accuracyPerDevice.at("s4") - (0.0 + 1) / 2) < 1e-12);
        QCOMPARE(r.seenAccuracy, r.accuracyPerDevice.at("a"));
        QCOMPARE(r.unseenAccuracy, 0.5);
        QCOMPARE(r.confusionPerDevice.at("s4").at(0, 2), 1L);
        QVERIFY(std::abs(r.logLoss - (4 * -std::log(0.8) + 2 * -std::log(0.1)) / 6) < 1e-6);
        const auto summary = sb::summaryJson(r);
        QVERIFY(summary.contains("accuracy_per_device"));
        QVERIFY(std::abs(summary["unseen_gap"].get<double>() - (r.seenAccuracy - 0.5)) < 1e-12);
        QCOMPARE(sb::confusionJson(r)["per_device"]["a"][0][1].get<long>(), 1L);
    }

    void evaluationRejectsMismatchedInputs()
    {
        const std::vector<float> probs(4, 0.5f);
        const std::vector<int> twoLabels = {0, 1}, badLabel = {0, 5};
        const std::vector<std::string> oneDevice = {"a"}, twoDevices = {"a", "a"};
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::evaluate(twoLabels, oneDevice, probs, 2));
        QVERIFY_THROWS_EXCEPTION(sb::Error, sb::evaluate(badLabel, twoDevices, probs, 2));
    }
};

QTEST_GUILESS_MAIN(TestTrain)
#include "tst_Train.moc"
