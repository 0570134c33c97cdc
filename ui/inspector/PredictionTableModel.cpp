#include "ui/inspector/PredictionTableModel.h"

#include <QStringList>

namespace sb::ui {

namespace {
QString probabilityText(double p) { return QString::number(p, 'f', 3); }
}  // namespace

PredictionTableModel::PredictionTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int PredictionTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int PredictionTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PredictionTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const PredictionRow& row = rows_.at(index.row());
    switch (role) {
    case ModelRole: return row.model;
    case PredictedRole: return row.predicted;
    case ProbabilityRole: return row.probability;
    case CorrectRole: return row.correct;
    case TopRole: return topText(row);
    case Qt::DisplayRole:
        switch (index.column()) {
        case ModelColumn: return row.model;
        case PredictedColumn: return row.predicted;
        case ProbabilityColumn: return probabilityText(row.probability);
        case CorrectColumn: return row.correct ? tr("yes") : tr("no");
        case TopColumn: return topText(row);
        default: return {};
        }
    case SortRole:
        switch (index.column()) {
        case ProbabilityColumn: return row.probability;
        case CorrectColumn: return row.correct;
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::TextAlignmentRole:
        if (index.column() == ProbabilityColumn) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        return tr("%1 predicts %2 with p = %3 (%4)")
            .arg(row.model, row.predicted, probabilityText(row.probability), row.correct ? tr("right") : tr("wrong"));
    default: return {};
    }
}

QVariant PredictionTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ModelColumn: return tr("Model");
    case PredictedColumn: return tr("Predicted");
    case ProbabilityColumn: return tr("Probability");
    case CorrectColumn: return tr("Correct");
    case TopColumn: return tr("Top 3");
    default: return {};
    }
}

QHash<int, QByteArray> PredictionTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ModelRole, "model");
    names.insert(PredictedRole, "predicted");
    names.insert(ProbabilityRole, "probability");
    names.insert(CorrectRole, "correct");
    names.insert(TopRole, "top");
    names.insert(SortRole, "sort");
    return names;
}

void PredictionTableModel::setRows(const QList<PredictionRow>& rows)
{
    beginResetModel();
    rows_ = rows;
    endResetModel();
}

QString PredictionTableModel::topText(const PredictionRow& row)
{
    QStringList parts;
    for (const auto& [scene, p] : row.top) parts << scene + QLatin1Char(' ') + probabilityText(p);
    return parts.join(QStringLiteral(", "));
}

QString PredictionTableModel::toCsv() const
{
    QString csv = QStringLiteral("model,predicted,probability,correct,top3\n");
    for (const PredictionRow& row : rows_) {
        // The top-3 list holds commas: quoted as one field.
        csv += QStringLiteral("%1,%2,%3,%4,\"%5\"\n")
                   .arg(row.model, row.predicted, QString::number(row.probability, 'g', 8),
                        row.correct ? QStringLiteral("1") : QStringLiteral("0"), topText(row));
    }
    return csv;
}

}  // namespace sb::ui
