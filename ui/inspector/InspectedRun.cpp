#include "ui/inspector/InspectedRun.h"

#include "core/common/Error.h"
#include "core/experiment/RunDirectory.h"
#include "ui/workbench/ErrorText.h"

namespace sb::ui {

namespace {
constexpr int kTopK = 3;

QString className(const sb::ModelPredictions& m, int index)
{
    if (index < 0 || size_t(index) >= m.classNames.size()) return {};
    return QString::fromStdString(m.classNames[size_t(index)]);
}
}  // namespace

InspectedRun InspectedRun::load(const QString& runDirectory, sb::CancellationToken& token)
{
    InspectedRun run;
    try {
        run.studentMels = sb::RunDirectory::open(runDirectory.toStdString()).config().student.mels;
    } catch (const sb::Error& e) {
        run.errors << errorText(e);
    }
    run.predictions = RunPredictions::load(runDirectory, token);
    for (const RunPredictions::Model& m : run.predictions.models)
        if (!m.ok()) run.errors << m.error;
    return run;
}

QList<PredictionRow> InspectedRun::rowsFor(const QString& filename) const
{
    QList<PredictionRow> rows;
    const std::string name = filename.toStdString();
    for (const RunPredictions::Model& model : predictions.models) {
        const long i = model.ok() ? model.find(name) : -1;
        if (i < 0) continue;
        const sb::ModelPredictions& m = *model.predictions;
        const sb::ClipPrediction& clip = m.clips[size_t(i)];
        PredictionRow row;
        row.model = model.name;
        row.predicted = className(m, clip.predictedClass);
        if (clip.predictedClass >= 0 && size_t(clip.predictedClass) < clip.probabilities.size())
            row.probability = double(clip.probabilities[size_t(clip.predictedClass)]);
        row.correct = clip.predictedClass == clip.trueClass;
        for (const auto& [c, p] : m.topK(size_t(i), kTopK)) row.top << qMakePair(className(m, c), double(p));
        rows << row;
    }
    return rows;
}

QString InspectedRun::trueScene(const QString& filename) const
{
    const std::string name = filename.toStdString();
    for (const RunPredictions::Model& model : predictions.models) {
        const long i = model.ok() ? model.find(name) : -1;
        if (i >= 0) return className(*model.predictions, model.predictions->clips[size_t(i)].trueClass);
    }
    return {};
}

}  // namespace sb::ui
