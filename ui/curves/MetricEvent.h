#pragma once
// One line of a run's metrics.jsonl (docs/run-directory.md), as the GUI holds it.
#include <QHash>
#include <QString>

namespace sb::ui {

struct MetricEvent {
    QString event;   // "step", "epoch" or "stage"
    QString model;   // "teacher-1", "student", ...
    QString stage;   // may be empty
    QString status;  // stage events only
    double time = 0;
    int epoch = -1;   // -1 when absent
    qint64 step = -1; // -1 when absent
    QHash<QString, double> values;  // every other numeric key: lr, loss, ce, kd, acc, val_acc, ...
};

}  // namespace sb::ui
