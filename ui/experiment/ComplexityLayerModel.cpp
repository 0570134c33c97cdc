#include "ui/experiment/ComplexityLayerModel.h"

#include <QLocale>
#include <QStringList>

namespace sb::ui {

ComplexityLayerModel::ComplexityLayerModel(QObject* parent) : QAbstractTableModel(parent) {}

void ComplexityLayerModel::setComplexity(const sb::ModelComplexity& complexity)
{
    beginResetModel();
    complexity_ = complexity;
    endResetModel();
}

int ComplexityLayerModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(complexity_.layers.size());
}

int ComplexityLayerModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ComplexityLayerModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const sb::LayerComplexity& layer = complexity_.layers[size_t(index.row())];
    const double share = complexity_.macs > 0 ? double(layer.macs) / double(complexity_.macs) : 0.0;
    switch (role) {
    case NameRole: return QString::fromStdString(layer.name);
    case TypeRole: return QString::fromStdString(layer.type);
    case ParamsRole: return qint64(layer.params);
    case MacsRole: return qint64(layer.macs);
    case MacsShareRole: return share;
    case Qt::TextAlignmentRole:
        return index.column() >= ParamsColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::DisplayRole: break;
    default: return {};
    }
    const QLocale locale;
    switch (index.column()) {
    case NameColumn: return QString::fromStdString(layer.name);
    case TypeColumn: return QString::fromStdString(layer.type);
    case ShapeColumn: {
        QStringList dims;
        for (int64_t d : layer.outputShape) dims << QString::number(d);
        return dims.join(QStringLiteral(" × "));
    }
    case ParamsColumn: return locale.toString(qint64(layer.params));
    case MacsColumn: return locale.toString(qint64(layer.macs));
    case ShareColumn: return QString::number(100.0 * share, 'f', 1) + QLatin1Char('%');
    default: return {};
    }
}

QVariant ComplexityLayerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    static const QStringList names = {tr("layer"), tr("type"), tr("output"), tr("params"), tr("MACs"), tr("of MACs")};
    return names[section];
}

QHash<int, QByteArray> ComplexityLayerModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(TypeRole, "type");
    names.insert(ParamsRole, "params");
    names.insert(MacsRole, "macs");
    names.insert(MacsShareRole, "macsShare");
    return names;
}

}  // namespace sb::ui
