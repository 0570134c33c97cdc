#include "core/results/ModelComparison.h"

#include "core/common/Error.h"

#include <unordered_map>

namespace sb {

namespace {

// DCASE scores of the clips of `p` listed in `rows` (the common clips, in A's order).
EvaluationResult evaluateRows(const ModelPredictions& p, const std::vector<size_t>& rows)
{
    ModelPredictions subset;
    subset.classNames = p.classNames;
    subset.clips.reserve(rows.size());
    for (size_t row : rows) subset.clips.push_back(p.clips[row]);
    return subset.evaluation();
}

std::vector<long> minus(const ConfusionMatrix& b, const ConfusionMatrix& a)
{
    std::vector<long> d(b.counts.size());
    for (size_t i = 0; i < d.size(); ++i) d[i] = b.counts[i] - a.counts[i];
    return d;
}

}  // namespace

ModelComparison compareModels(const ModelPredictions& a, const ModelPredictions& b)
{
    if (a.classNames != b.classNames)
        throw Error("the two models predict different classes", a.model + " vs " + b.model);
    std::unordered_map<std::string, size_t> rowOfB;
    for (size_t i = 0; i < b.clips.size(); ++i) rowOfB.emplace(b.clips[i].filename, i);
    std::vector<size_t> rowsA, rowsB;
    size_t same = 0;
    for (size_t i = 0; i < a.clips.size(); ++i) {
        const auto found = rowOfB.find(a.clips[i].filename);
        if (found == rowOfB.end()) continue;
        rowsA.push_back(i);
        rowsB.push_back(found->second);
        if (a.clips[i].predictedClass == b.clips[found->second].predictedClass) ++same;
    }
    if (rowsA.empty()) throw Error("the two models share no clip", a.model + " vs " + b.model);

    const EvaluationResult ea = evaluateRows(a, rowsA);
    const EvaluationResult eb = evaluateRows(b, rowsB);
    ModelComparison c;
    c.commonClips = rowsA.size();
    c.classNames = a.classNames;
    c.accuracyA = ea.accuracy;
    c.accuracyB = eb.accuracy;
    c.seenA = ea.seenAccuracy;
    c.seenB = eb.seenAccuracy;
    c.unseenA = ea.unseenAccuracy;
    c.unseenB = eb.unseenAccuracy;
    c.perDeviceA = ea.accuracyPerDevice;
    c.perDeviceB = eb.accuracyPerDevice;
    c.agreement = double(same) / double(rowsA.size());
    c.difference = minus(eb.confusion, ea.confusion);
    // Same clips on both sides, so both have the same devices.
    for (const auto& [device, matrix] : ea.confusionPerDevice)
        c.differencePerDevice[device] = minus(eb.confusionPerDevice.at(device), matrix);
    return c;
}

}  // namespace sb
