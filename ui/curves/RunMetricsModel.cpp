#include "ui/curves/RunMetricsModel.h"

#include <cmath>
#include <limits>

namespace sb::ui {

RunMetricsModel::RunMetricsModel(QObject* parent) : QAbstractTableModel(parent) {}

const QStringList& RunMetricsModel::metricColumns()
{
    // The numeric keys of docs/run-directory.md, in the order a reader expects them.
    static const QStringList columns = {
        QStringLiteral("lr"),       QStringLiteral("loss"),       QStringLiteral("acc"),
        QStringLiteral("ce"),       QStringLiteral("kd"),         QStringLiteral("train_loss"),
        QStringLiteral("train_acc"), QStringLiteral("val_loss"),  QStringLiteral("val_acc")};
    return columns;
}

int RunMetricsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(events_.size());
}

int RunMetricsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FixedColumns + int(metricColumns().size());
}

QVariant RunMetricsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const MetricEvent& e = events_[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case EventRole: return e.event;
    case ModelRole: return e.model;
    case EpochRole: return e.epoch;
    case StepRole: return e.step;
    case TimeRole: return e.time;
    case ValueRole:
        if (column >= FixedColumns)
            return e.values.value(metricColumns()[column - FixedColumns], std::numeric_limits<double>::quiet_NaN());
        if (column == EpochColumn) return double(e.epoch);
        if (column == StepColumn) return double(e.step);
        if (column == TimeColumn) return e.time;
        return std::numeric_limits<double>::quiet_NaN();
    case Qt::TextAlignmentRole:
        return column >= EpochColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case EventColumn: return e.event;
    case ModelColumn: return e.model;
    case StageColumn: return e.status.isEmpty() ? e.stage : e.stage + QLatin1Char(' ') + e.status;
    case EpochColumn: return e.epoch >= 0 ? QVariant(e.epoch) : QVariant();
    case StepColumn: return e.step >= 0 ? QVariant(e.step) : QVariant();
    case TimeColumn: return QString::number(e.time, 'f', 1);
    default: {
        const auto it = e.values.find(metricColumns()[column - FixedColumns]);
        return it == e.values.end() ? QVariant() : QVariant(QString::number(*it, 'g', 5));
    }
    }
}

QVariant RunMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
    static const QStringList fixed = {tr("event"), tr("model"), tr("stage"), tr("epoch"), tr("step"), tr("time (s)")};
    return section < FixedColumns ? fixed[section] : metricColumns()[section - FixedColumns];
}

QHash<int, QByteArray> RunMetricsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(EventRole, "event");
    names.insert(ModelRole, "model");
    names.insert(EpochRole, "epoch");
    names.insert(StepRole, "step");
    names.insert(TimeRole, "time");
    names.insert(ValueRole, "value");
    return names;
}

void RunMetricsModel::appendEvents(std::vector<MetricEvent> events)
{
    if (events.empty()) return;
    const int first = int(events_.size());
    beginInsertRows({}, first, first + int(events.size()) - 1);
    for (MetricEvent& e : events) {
        if (!e.model.isEmpty() && !models_.contains(e.model)) models_ << e.model;
        addToSeries(e);
        events_.push_back(std::move(e));
    }
    endInsertRows();
    ++revision_;
}

void RunMetricsModel::clear()
{
    beginResetModel();
    events_.clear();
    models_.clear();
    series_.clear();
    seriesIndex_.clear();
    endResetModel();
    ++revision_;
}

void RunMetricsModel::addToSeries(const MetricEvent& e)
{
    if (e.event != QLatin1String("step") && e.event != QLatin1String("epoch")) return;
    const double x = e.step >= 0 ? double(e.step) : double(e.epoch);
    if (x < 0) return;
    for (auto it = e.values.begin(); it != e.values.end(); ++it) {
        if (!std::isfinite(it.value())) continue;
        const QString key = e.model + QLatin1Char('\x1f') + e.event + QLatin1Char('\x1f') + it.key();
        auto found = seriesIndex_.find(key);
        if (found == seriesIndex_.end()) {
            found = seriesIndex_.insert(key, int(series_.size()));
            series_.append(Series{e.model, e.event, it.key(), {}});
        }
        series_[*found].points.append(QPointF(x, it.value()));
    }
}

}  // namespace sb::ui
