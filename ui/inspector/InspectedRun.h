#pragma once
// What the inspector needs from a run, loaded once per run so switching clips is instant:
// every model's predictions (the shared RunPredictions) and the student's mel count from
// experiment.json (the CpMel image must have the bins the student was trained on).
// load() runs on a pool thread (JobSlot); the value is then read-only, shared with the
// GUI thread.
#include "ui/inspector/PredictionTableModel.h"
#include "ui/workbench/RunPredictions.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace sb::ui {

struct InspectedRun {
    // The CpMel bins when the run cannot say (no run, unreadable experiment.json).
    static constexpr int kDefaultMels = 256;

    RunPredictions predictions;
    int studentMels = kDefaultMels;
    QStringList errors;  // files that could not be read

    // Unreadable files are listed in `errors`, the rest is kept; throws only sb::Cancelled.
    static InspectedRun load(const QString& runDirectory, sb::CancellationToken& token);

    // One row per model holding the clip (models without it are skipped).
    QList<PredictionRow> rowsFor(const QString& filename) const;
    // The clip's true scene as the predictions files name it, or empty.
    QString trueScene(const QString& filename) const;
};

}  // namespace sb::ui
