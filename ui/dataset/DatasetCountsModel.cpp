#include "ui/dataset/DatasetCountsModel.h"

#include "core/common/Dcase.h"

#include <QFont>
#include <QLocale>

#include <cmath>
#include <limits>

namespace sb::ui {

DatasetCountsModel::DatasetCountsModel(QObject* parent) : QAbstractTableModel(parent) {}

void DatasetCountsModel::setCounts(const sb::Counts& selection, const sb::Counts& full)
{
    beginResetModel();
    selection_ = selection;
    full_ = full;
    endResetModel();
}

void DatasetCountsModel::clear()
{
    beginResetModel();
    selection_.reset();
    full_.reset();
    endResetModel();
}

void DatasetCountsModel::setRows(Rows rows)
{
    if (rows == rows_) return;
    beginResetModel();
    rows_ = rows;
    endResetModel();
}

void DatasetCountsModel::setDisplay(Display display)
{
    if (display == display_) return;
    display_ = display;
    if (rowCount() > 0) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1), {Qt::DisplayRole});
}

int DatasetCountsModel::categoryRows() const
{
    if (!selection_) return 0;
    return rows_ == Rows::Scenes ? int(sb::dcase::kScenes.size()) : selection_->cityCount();
}

int DatasetCountsModel::deviceColumns() const { return selection_ ? int(sb::dcase::kDevices.size()) : 0; }

int DatasetCountsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !selection_ ? 0 : categoryRows() + 1;
}

int DatasetCountsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() || !selection_ ? 0 : deviceColumns() + 1;
}

QString DatasetCountsModel::rowLabel(int row) const
{
    if (row >= categoryRows()) return tr("total");
    if (rows_ == Rows::Scenes) return QString::fromLatin1(sb::dcase::kScenes[size_t(row)].data(), int(sb::dcase::kScenes[size_t(row)].size()));
    return QString::fromStdString(selection_->cities()[size_t(row)]);
}

QString DatasetCountsModel::deviceLabel(int column)
{
    if (column >= int(sb::dcase::kDevices.size())) return tr("total");
    const auto device = sb::dcase::kDevices[size_t(column)];
    return QString::fromLatin1(device.data(), int(device.size()));
}

qint64 DatasetCountsModel::cell(const sb::Counts& counts, int row, int column) const
{
    const bool rowTotal = row >= categoryRows(), columnTotal = column >= deviceColumns();
    if (rowTotal && columnTotal) return counts.total();
    if (rowTotal) return counts.perDevice(column);
    if (rows_ == Rows::Scenes) return columnTotal ? counts.perScene(row) : counts.sceneDevice(row, column);
    if (columnTotal) return counts.perCity(row);
    qint64 sum = 0;
    for (int scene = 0; scene < counts.sceneCount(); ++scene) sum += counts.at(scene, column, row);
    return sum;
}

QVariant DatasetCountsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const int r = index.row(), c = index.column();
    const qint64 n = count(r, c), full = fullCount(r, c);
    const double percent = full > 0 ? 100.0 * double(n) / double(full) : std::numeric_limits<double>::quiet_NaN();
    switch (role) {
    case CountRole: return n;
    case FullCountRole: return full;
    case PercentOfFullRole: return percent;
    case RowLabelRole: return rowLabel(r);
    case DeviceRole: return deviceLabel(c);
    case Qt::TextAlignmentRole: return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole:
        return tr("%1 on device %2: %3 of %4 clips in the full set").arg(rowLabel(r), deviceLabel(c)).arg(n).arg(full);
    case Qt::FontRole:
        if (r >= categoryRows() || c >= deviceColumns()) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DisplayRole:
        if (display_ == Display::Counts) return QLocale().toString(n);
        return std::isnan(percent) ? QStringLiteral("–") : QString::number(percent, 'f', 1) + QLatin1Char('%');
    default: return {};
    }
}

QVariant DatasetCountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || section < 0) return {};
    if (orientation == Qt::Horizontal) return section < columnCount() ? QVariant(deviceLabel(section)) : QVariant();
    return section < rowCount() ? QVariant(rowLabel(section)) : QVariant();
}

QHash<int, QByteArray> DatasetCountsModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(CountRole, "count");
    names.insert(FullCountRole, "fullCount");
    names.insert(PercentOfFullRole, "percentOfFull");
    names.insert(RowLabelRole, "rowLabel");
    names.insert(DeviceRole, "device");
    return names;
}

}  // namespace sb::ui
