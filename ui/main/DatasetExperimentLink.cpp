#include "ui/main/DatasetExperimentLink.h"

#include "ui/dataset/DatasetView.h"
#include "ui/dataset/SubsetControl.h"
#include "ui/experiment/ExperimentDocument.h"
#include "ui/main/ViewStates.h"

#include <QDir>
#include <QUndoStack>

namespace sb::ui {

DatasetExperimentLink::DatasetExperimentLink(DatasetView* dataset, ExperimentDocument* experiment, ViewStates* states,
                                             QUndoStack* undo, std::function<QString()> projectFolder)
    : dataset_(dataset), experiment_(experiment), states_(states), undo_(undo), projectFolder_(std::move(projectFolder))
{
}

void DatasetExperimentLink::datasetEdited()
{
    const QJsonObject state = dataset_->state();
    const QString source = state.value(QLatin1String("source")).toString();
    const sb::SubsetChoice choice = dataset_->subsetControl()->choice();
    sb::ExperimentConfig after = experiment_->config();
    const bool runnable = !source.isEmpty() && (choice.kind == sb::SubsetChoice::Kind::Official ||
                                                choice.kind == sb::SubsetChoice::Kind::Custom);
    if (runnable) {
        after.dataset.path =
            source == QLatin1String("demo") ? "demo" : state.value(QLatin1String("path")).toString().toStdString();
        if (choice.kind == sb::SubsetChoice::Kind::Official) {
            after.dataset.percent = 0;
            after.dataset.split = choice.officialPercent;
        } else {
            after.dataset.percent = choice.customPercent;
            after.dataset.subsetSeed = int(choice.seed);
        }
    }
    const bool both = runnable && !ExperimentDocument::sameExperiment(after, experiment_->config());
    if (both) undo_->beginMacro(QObject::tr("Choose dataset"));
    states_->edited(dataset_->key());
    if (both) {
        experiment_->edit(after, QStringLiteral("dataset"), QObject::tr("dataset"));
        undo_->endMacro();
    }
}

void DatasetExperimentLink::experimentChanged()
{
    const sb::ExperimentConfig& config = experiment_->config();
    QJsonObject state = dataset_->state();
    if (state.value(QLatin1String("source")).toString().isEmpty() || states_->applying()) return;
    const bool demo = config.dataset.path == "demo";
    state.insert(QLatin1String("source"), demo ? QStringLiteral("demo") : QStringLiteral("folder"));
    if (demo) state.remove(QLatin1String("path"));
    else
        state.insert(QLatin1String("path"), QDir(experiment_->folder(projectFolder_()))
                                                 .absoluteFilePath(QString::fromStdString(config.dataset.path)));
    QJsonObject subset = state.value(QLatin1String("subset")).toObject();
    subset.insert(QLatin1String("kind"), config.dataset.percent > 0 ? QStringLiteral("custom") : QStringLiteral("official"));
    if (config.dataset.percent > 0) {
        subset.insert(QLatin1String("custom"), config.dataset.percent);
        subset.insert(QLatin1String("seed"), config.dataset.subsetSeed);
    } else {
        subset.insert(QLatin1String("official"), config.dataset.split);
    }
    state.insert(QLatin1String("subset"), subset);
    if (state != dataset_->state() && !config.dataset.path.empty())
        states_->whileApplying([this, &state] { dataset_->applyState(state, projectFolder_()); });
}

}  // namespace sb::ui
