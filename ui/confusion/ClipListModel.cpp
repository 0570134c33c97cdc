#include "ui/confusion/ClipListModel.h"

#include "ui/plots/CsvFile.h"

#include "ui/confusion/ConfusionCells.h"

#include <QFileInfo>

namespace sb::ui {

namespace {

QVariant topVariant(const std::optional<ClipListModel::Top>& top)
{
    QVariantList list;
    if (!top) return list;
    for (const auto& [scene, p] : *top)
        list << QVariantMap{{QStringLiteral("scene"), scene}, {QStringLiteral("probability"), p}};
    return list;
}

}  // namespace

ClipListModel::ClipListModel(QObject* parent) : QAbstractTableModel(parent) {}

void ClipListModel::setRows(std::vector<Row> rows)
{
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

int ClipListModel::find(const QString& filename) const
{
    for (size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].filename == filename) return int(i);
    return -1;
}

int ClipListModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int ClipListModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString ClipListModel::topText(const std::optional<Top>& top)
{
    if (!top) return QStringLiteral("–");
    QStringList parts;
    for (const auto& [scene, p] : *top) parts << QStringLiteral("%1 %2").arg(scene).arg(p, 0, 'f', 2);
    return parts.join(QStringLiteral(" · "));
}

QString ClipListModel::toCsv() const
{
    QString csv = QStringLiteral("file,true_scene,device,ensemble_top3,student_top3\n");
    for (const Row& r : rows_)
        csv += QStringList{csv::field(r.filename), csv::field(r.scene), csv::field(r.device), csv::field(topText(r.ensemble)),
                           csv::field(topText(r.student))}
                   .join(QLatin1Char(','))
             + QLatin1Char('\n');
    return csv;
}

QVariant ClipListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Row& r = rows_[size_t(index.row())];
    switch (role) {
    case FilenameRole: return r.filename;
    case TrueSceneRole: return r.scene;
    case DeviceRole: return r.device;
    case EnsembleTopRole: return topVariant(r.ensemble);
    case StudentTopRole: return topVariant(r.student);
    case MisclassifiedRole: return r.misclassified;
    case Qt::ToolTipRole: return r.filename;
    case Qt::DisplayRole:
        switch (index.column()) {
        case FileColumn: return QFileInfo(r.filename).fileName();
        case TrueColumn: return r.scene;
        case DeviceColumn: return r.device;
        case EnsembleColumn: return topText(r.ensemble);
        case StudentColumn: return topText(r.student);
        default: return {};
        }
    default: return {};
    }
}

QVariant ClipListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FileColumn: return tr("File");
    case TrueColumn: return tr("True scene");
    case DeviceColumn: return tr("Device");
    case EnsembleColumn: return tr("Ensemble top-3");
    case StudentColumn: return tr("Student top-3");
    default: return {};
    }
}

QHash<int, QByteArray> ClipListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names[FilenameRole] = "filename";
    names[TrueSceneRole] = "trueScene";
    names[DeviceRole] = "device";
    names[EnsembleTopRole] = "ensembleTop";
    names[StudentTopRole] = "studentTop";
    names[MisclassifiedRole] = "misclassified";
    return names;
}

}  // namespace sb::ui
