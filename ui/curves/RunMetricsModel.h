#pragma once
// The events of one run's metrics.jsonl as a table (one row per event), plus the same
// numbers grouped into plot series: one per (model, event kind, metric), x = the global
// step (or the epoch when a line has no step). Grows by appendEvents(); views poll
// revision() from their redraw timer. GUI thread only.
#include "ui/curves/MetricEvent.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointF>
#include <QStringList>
#include <QVector>

#include <vector>

namespace sb::ui {

class RunMetricsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles {
        EventRole = Qt::UserRole + 1,  // QString: step, epoch, stage
        ModelRole,                     // QString: teacher-1, student, ...
        EpochRole,                     // int, -1 when absent
        StepRole,                      // qint64, -1 when absent
        TimeRole,                      // double seconds since the run started
        ValueRole,                     // double: this column's number (NaN when absent)
    };
    // The fixed columns; after them one column per metric in metricColumns().
    enum Column { EventColumn, ModelColumn, StageColumn, EpochColumn, StepColumn, TimeColumn, FixedColumns };

    struct Series {
        QString model;
        QString event;   // "step" or "epoch"
        QString metric;  // "loss", "val_acc", ...
        QVector<QPointF> points;
    };

    explicit RunMetricsModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void appendEvents(std::vector<MetricEvent> events);
    void clear();

    static const QStringList& metricColumns();
    const MetricEvent& event(int row) const { return events_[size_t(row)]; }
    QStringList models() const { return models_; }
    // Series in the order they first appeared (stable, so plot colours stay put).
    const QVector<Series>& series() const { return series_; }
    // Bumped by every change; a view redraws when it differs from what it drew.
    quint64 revision() const { return revision_; }

private:
    void addToSeries(const MetricEvent& event);

    std::vector<MetricEvent> events_;
    QStringList models_;
    QVector<Series> series_;
    QHash<QString, int> seriesIndex_;
    quint64 revision_ = 0;
};

}  // namespace sb::ui
