#include "ui/map/SelectionModel.h"

namespace sb::ui {

SelectionModel::SelectionModel(QObject* parent) : QAbstractTableModel(parent) {}

void SelectionModel::setModels(const QString& left, const QString& right)
{
    if (left == left_ && right == right_) return;
    beginResetModel();
    left_ = left;
    right_ = right;
    endResetModel();
}

void SelectionModel::setSelection(const QStringList& filenames, const MapClips& clips, const MapClips* other)
{
    beginResetModel();
    rows_.clear();
    set_.clear();
    QSet<QString> wanted(filenames.begin(), filenames.end());
    for (const MapClip& clip : clips.clips()) {
        if (!wanted.contains(clip.filename) || set_.contains(clip.filename)) continue;
        Row row{clip, {}};
        if (other) {
            const int i = other->indexOf(clip.filename);
            if (i >= 0) row.otherPredicted = other->at(i).predicted;
        }
        rows_.append(row);
        set_.insert(clip.filename);
    }
    endResetModel();
}

void SelectionModel::clear()
{
    if (rows_.isEmpty()) return;
    beginResetModel();
    rows_.clear();
    set_.clear();
    endResetModel();
}

QStringList SelectionModel::filenames() const
{
    QStringList names;
    names.reserve(rows_.size());
    for (const Row& row : rows_) names << row.clip.filename;
    return names;
}

QString SelectionModel::filenameAt(int row) const
{
    return row >= 0 && row < rows_.size() ? rows_[row].clip.filename : QString();
}

int SelectionModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int SelectionModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid()) return 0;
    return right_.isEmpty() ? OtherPredictedColumn : ColumnCount;
}

QVariant SelectionModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& row = rows_[index.row()];
    switch (role) {
    case FilenameRole: return row.clip.filename;
    case SceneRole: return row.clip.scene;
    case DeviceRole: return row.clip.device;
    case CityRole: return row.clip.city;
    case PredictedRole: return row.clip.predicted;
    case OtherPredictedRole: return row.otherPredicted;
    case CorrectRole: return row.clip.correct();
    case Qt::ToolTipRole: return row.clip.filename;
    case Qt::DisplayRole: break;
    default: return {};
    }
    switch (index.column()) {
    case ClipColumn: return row.clip.filename.section(QLatin1Char('/'), -1);
    case SceneColumn: return row.clip.scene;
    case DeviceColumn: return row.clip.device;
    case CityColumn: return row.clip.city;
    case PredictedColumn: return row.clip.predicted;
    case OtherPredictedColumn: return row.otherPredicted;
    default: return {};
    }
}

QVariant SelectionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ClipColumn: return tr("Clip");
    case SceneColumn: return tr("Scene");
    case DeviceColumn: return tr("Device");
    case CityColumn: return tr("City");
    case PredictedColumn: return left_.isEmpty() ? tr("Predicted") : tr("%1 says").arg(left_);
    case OtherPredictedColumn: return tr("%1 says").arg(right_);
    default: return {};
    }
}

QHash<int, QByteArray> SelectionModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(FilenameRole, "filename");
    names.insert(SceneRole, "scene");
    names.insert(DeviceRole, "device");
    names.insert(CityRole, "city");
    names.insert(PredictedRole, "predicted");
    names.insert(OtherPredictedRole, "otherPredicted");
    names.insert(CorrectRole, "correct");
    return names;
}

}  // namespace sb::ui
