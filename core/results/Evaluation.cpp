#include "core/results/Evaluation.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sb {

long ConfusionMatrix::rowTotal(int truth) const
{
    long total = 0;
    for (int p = 0; p < classes; ++p) total += at(truth, p);
    return total;
}

double ConfusionMatrix::macroAccuracy() const
{
    double sum = 0;
    int present = 0;
    for (int c = 0; c < classes; ++c) {
        const long n = rowTotal(c);
        if (n == 0) continue;
        sum += double(at(c, c)) / double(n);
        ++present;
    }
    return present ? sum / present : std::numeric_limits<double>::quiet_NaN();
}

EvaluationResult evaluate(const std::vector<int>& labels, const std::vector<std::string>& devices,
                          const std::vector<float>& probabilities, int classes)
{
    return evaluate(labels, devices, probabilities, classes, {});
}

EvaluationResult evaluate(const std::vector<int>& labels, const std::vector<std::string>& devices,
                          const std::vector<float>& probabilities, int classes, const std::vector<int>& predictions)
{
    const size_t n = labels.size();
    if (devices.size() != n || probabilities.size() != n * size_t(classes))
        throw Error("evaluation inputs disagree: " + std::to_string(n) + " labels, " + std::to_string(devices.size()) +
                        " devices, " + std::to_string(probabilities.size()) + " probabilities for " +
                        std::to_string(classes) + " classes",
                    "evaluate");
    if (!predictions.empty() && predictions.size() != n)
        throw Error("evaluation inputs disagree: " + std::to_string(n) + " labels, " +
                        std::to_string(predictions.size()) + " predictions", "evaluate");
    EvaluationResult r;
    r.clips = long(n);
    r.confusion = ConfusionMatrix(classes);
    ConfusionMatrix seen(classes), unseen(classes);
    double logLoss = 0;
    for (size_t i = 0; i < n; ++i) {
        if (labels[i] < 0 || labels[i] >= classes)
            throw Error("label " + std::to_string(labels[i]) + " out of range", "evaluate: clip " + std::to_string(i));
        const float* p = probabilities.data() + i * size_t(classes);
        const int predicted = predictions.empty() ? int(std::max_element(p, p + classes) - p) : predictions[i];
        if (predicted < 0 || predicted >= classes)
            throw Error("prediction " + std::to_string(predicted) + " out of range", "evaluate: clip " + std::to_string(i));
        r.confusion.at(labels[i], predicted)++;
        auto& perDevice = r.confusionPerDevice.try_emplace(devices[i], classes).first->second;
        perDevice.at(labels[i], predicted)++;
        (dcase::isUnseenDevice(devices[i]) ? unseen : seen).at(labels[i], predicted)++;
        logLoss -= std::log(std::clamp(double(p[labels[i]]), 1e-15, 1.0));
    }
    r.logLoss = n ? logLoss / double(n) : 0;
    r.accuracy = r.confusion.macroAccuracy();
    for (int c = 0; c < classes; ++c) {
        const long total = r.confusion.rowTotal(c);
        r.accuracyPerClass.push_back(total ? double(r.confusion.at(c, c)) / double(total)
                                           : std::numeric_limits<double>::quiet_NaN());
    }
    for (const auto& [device, m] : r.confusionPerDevice) r.accuracyPerDevice[device] = m.macroAccuracy();
    r.seenAccuracy = seen.macroAccuracy();
    r.unseenAccuracy = unseen.macroAccuracy();
    return r;
}

namespace {

std::string className(int c, int classes)
{
    return classes == int(dcase::kScenes.size()) ? std::string(dcase::kScenes[size_t(c)]) : std::to_string(c);
}

// JSON has no NaN: absent values are null.
nlohmann::json number(double x) { return std::isnan(x) ? nlohmann::json(nullptr) : nlohmann::json(x); }

nlohmann::json rows(const ConfusionMatrix& m)
{
    auto out = nlohmann::json::array();
    for (int t = 0; t < m.classes; ++t) {
        auto row = nlohmann::json::array();
        for (int p = 0; p < m.classes; ++p) row.push_back(m.at(t, p));
        out.push_back(row);
    }
    return out;
}

}  // namespace

nlohmann::json summaryJson(const EvaluationResult& r)
{
    nlohmann::json perDevice = nlohmann::json::object(), perClass = nlohmann::json::object();
    for (const auto& [device, acc] : r.accuracyPerDevice) perDevice[device] = number(acc);
    const int classes = r.confusion.classes;
    for (int c = 0; c < classes; ++c) perClass[className(c, classes)] = number(r.accuracyPerClass[size_t(c)]);
    return {{"accuracy", number(r.accuracy)},
            {"accuracy_per_device", perDevice},
            {"accuracy_per_class", perClass},
            {"accuracy_seen_devices", number(r.seenAccuracy)},
            {"accuracy_unseen_devices", number(r.unseenAccuracy)},
            {"unseen_gap", number(r.seenAccuracy - r.unseenAccuracy)},
            {"log_loss", r.logLoss},
            {"clips", r.clips}};
}

nlohmann::json confusionJson(const EvaluationResult& r)
{
    auto names = nlohmann::json::array();
    for (int c = 0; c < r.confusion.classes; ++c) names.push_back(className(c, r.confusion.classes));
    nlohmann::json perDevice = nlohmann::json::object();
    for (const auto& [device, m] : r.confusionPerDevice) perDevice[device] = rows(m);
    return {{"classes", names}, {"all", rows(r.confusion)}, {"per_device", perDevice}};
}

}  // namespace sb
