#include "ui/runs/RunTableModel.h"

#include "core/features/CpMel.h"

#include <QLocale>

#include <cmath>

namespace sb::ui {

namespace {

// The scores a column shows, or null.
const sb::ModelScores* columnScores(const RunRow& row, int column)
{
    switch (column) {
    case RunTableModel::StudentColumn:
    case RunTableModel::SeenColumn:
    case RunTableModel::UnseenColumn: return row.scores("student");
    case RunTableModel::StudentNoKdColumn: return row.scores("student-nokd");
    case RunTableModel::EnsembleColumn: return row.scores("ensemble");
    case RunTableModel::TeacherColumn: return row.bestTeacher();
    default: return nullptr;
    }
}

bool isAccuracyColumn(int column) { return column >= RunTableModel::StudentColumn && column <= RunTableModel::UnseenColumn; }

QVariant accuracyValue(const RunRow& row, int column)
{
    const sb::ModelScores* s = columnScores(row, column);
    if (!s) return {};
    const double v = column == RunTableModel::SeenColumn ? s->seen : column == RunTableModel::UnseenColumn ? s->unseen : s->accuracy;
    return std::isfinite(v) ? QVariant(v) : QVariant();
}

}  // namespace

RunTableModel::RunTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunTableModel::setRows(std::vector<RunRow> rows)
{
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

const RunRow* RunTableModel::rowAt(int row) const
{
    return row >= 0 && row < int(rows_.size()) ? &rows_[size_t(row)] : nullptr;
}

int RunTableModel::rowOf(const QString& path) const
{
    for (size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].path == path) return int(i);
    return -1;
}

int RunTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int RunTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant RunTableModel::value(int row, int column) const
{
    const RunRow* r = rowAt(row);
    return r ? valueOf(*r, column) : QVariant();
}

QVariant RunTableModel::valueOf(const RunRow& row, int column)
{
    if (column == NameColumn) return row.name;
    if (column == StatusColumn) return row.status();
    // A sweep's cell says what it will run before it has a run folder.
    if (!row.record && row.cell && column == SplitColumn) return row.cell->cell.subsetPercent();
    if (!row.record && row.cell && column == SeedColumn) return row.cell->cell.seed;
    if (!row.record) return {};
    const sb::RunRecord& rec = *row.record;
    switch (column) {
    case SplitColumn: return rec.splitPercent;
    case SeedColumn: return rec.seed;
    case ParamsColumn: return row.params ? QVariant(qint64(*row.params)) : QVariant();
    case MacsColumn: return row.macs ? QVariant(qint64(*row.macs)) : QVariant();
    case WallTimeColumn: return rec.wallSeconds ? QVariant(*rec.wallSeconds) : QVariant();
    default: return isAccuracyColumn(column) ? accuracyValue(row, column) : QVariant();
    }
}

QString RunTableModel::display(const RunRow& row, int column)
{
    const QVariant v = valueOf(row, column);
    if (column == NameColumn || column == StatusColumn) return v.toString();
    if (column == WallTimeColumn) return row.record ? formatWallTime(row.record->wallSeconds) : QString();
    if (!v.isValid()) return row.record ? QStringLiteral("–") : QString();
    const QLocale locale;
    if (isAccuracyColumn(column)) return QString::number(100.0 * v.toDouble(), 'f', 1) + QLatin1Char('%');
    if (column == SplitColumn) return locale.toString(v.toDouble(), 'g', 4) + QLatin1Char('%');
    if (column == ParamsColumn || column == MacsColumn) return locale.toString(v.toLongLong());
    return v.toString();
}

QVariant RunTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const RunRow& row = rows_[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(row, column);
    case Qt::ToolTipRole:
        if (row.unreadable()) return row.error;
        if (column == StatusColumn) return row.statusTip();
        if ((column == ParamsColumn || column == MacsColumn) && !row.complexityError.isEmpty()) return row.complexityError;
        return row.path;
    case Qt::TextAlignmentRole:
        return column == NameColumn || column == StatusColumn ? QVariant(int(Qt::AlignLeft | Qt::AlignVCenter))
                                                              : QVariant(int(Qt::AlignRight | Qt::AlignVCenter));
    case PathRole: return row.path;
    case SortRole: return valueOf(row, column);
    case ValueRole: return isAccuracyColumn(column) ? accuracyValue(row, column) : QVariant();
    case ReadableRole: return row.readable();
    case ErrorRole: return row.error;
    default: return {};
    }
}

QVariant RunTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    if (role == Qt::ToolTipRole && isAccuracyColumn(section))
        return tr("DCASE macro accuracy on the test fold (summary.json)");
    if (role == Qt::ToolTipRole && (section == ParamsColumn || section == MacsColumn))
        return tr("The student's TF-SepNet, counted for a 1-s clip (%1 frames)").arg(sb::CpMel::framesPerSecond());
    if (role != Qt::DisplayRole) return {};
    static const char* const names[ColumnCount] = {
        QT_TR_NOOP("run"),     QT_TR_NOOP("split"),   QT_TR_NOOP("seed"),    QT_TR_NOOP("status"),
        QT_TR_NOOP("student"), QT_TR_NOOP("no-KD"),   QT_TR_NOOP("ensemble"), QT_TR_NOOP("best teacher"),
        QT_TR_NOOP("seen"),    QT_TR_NOOP("unseen"),  QT_TR_NOOP("params"),  QT_TR_NOOP("MACs"),
        QT_TR_NOOP("wall time")};
    return tr(names[section]);
}

QHash<int, QByteArray> RunTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(PathRole, "path");
    names.insert(SortRole, "sortValue");
    names.insert(ValueRole, "value");
    names.insert(ReadableRole, "readable");
    names.insert(ErrorRole, "error");
    return names;
}

QString RunTableModel::columnKey(int column)
{
    static const char* const keys[ColumnCount] = {
        "name", "split_percent", "seed", "status", "student_accuracy_percent", "student_nokd_accuracy_percent",
        "ensemble_accuracy_percent", "best_teacher_accuracy_percent", "student_seen_accuracy_percent",
        "student_unseen_accuracy_percent", "student_params", "student_macs", "wall_seconds"};
    return column >= 0 && column < ColumnCount ? QLatin1String(keys[column]) : QString();
}

}  // namespace sb::ui
