#pragma once
// The per-layer rows of a complexity measurement (sb::ModelComplexity) as a table:
// layer, type, output shape, parameters, MACs and share of the model's MACs.
// GUI thread only.
#include "core/models/Complexity.h"

#include <QAbstractTableModel>

namespace sb::ui {

class ComplexityLayerModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles {
        NameRole = Qt::UserRole + 1,  // QString state-dict prefix
        TypeRole,                     // QString "Conv2d", "Linear", ...
        ParamsRole,                   // qint64
        MacsRole,                     // qint64
        MacsShareRole,                // double in [0, 1]
    };
    enum Column { NameColumn, TypeColumn, ShapeColumn, ParamsColumn, MacsColumn, ShareColumn, ColumnCount };

    explicit ComplexityLayerModel(QObject* parent = nullptr);

    void setComplexity(const sb::ModelComplexity& complexity);
    const sb::ModelComplexity& complexity() const { return complexity_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    sb::ModelComplexity complexity_;
};

}  // namespace sb::ui
