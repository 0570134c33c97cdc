#pragma once
// The clips selected on the embedding maps (by lasso), one row each, shared by both maps
// of a side-by-side comparison: columns clip, scene, device, city and each map's
// prediction. Rows are kept in the order of the left map. GUI thread only.
#include "ui/map/MapClips.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QStringList>

namespace sb::ui {

class SelectionModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles {
        FilenameRole = Qt::UserRole + 1,
        SceneRole,
        DeviceRole,
        CityRole,
        PredictedRole,       // the left map's model
        OtherPredictedRole,  // the right map's model ("" without one)
        CorrectRole,         // bool: the left model got it right
    };
    enum Column { ClipColumn, SceneColumn, DeviceColumn, CityColumn, PredictedColumn, OtherPredictedColumn, ColumnCount };

    explicit SelectionModel(QObject* parent = nullptr);

    // The models whose predictions the last two columns show ("" right: one column only).
    void setModels(const QString& left, const QString& right);
    // Replaces the rows: the given file names that are in `clips` (the left map), with
    // the right map's predictions from `other` when given.
    void setSelection(const QStringList& filenames, const MapClips& clips, const MapClips* other = nullptr);
    void clear();

    QStringList filenames() const;
    QSet<QString> filenameSet() const { return set_; }
    QString filenameAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row {
        MapClip clip;
        QString otherPredicted;
    };
    QVector<Row> rows_;
    QSet<QString> set_;
    QString left_, right_;
};

}  // namespace sb::ui
