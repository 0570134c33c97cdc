#pragma once
// Clip counts of a dataset selection as a table: one row per scene (or per city), one
// column per device, plus a total row and column. Each cell also knows the count in the
// full set the selection is compared with, so the view can show either the counts or
// the selection as a percentage of the full set (how a subset differs from the whole).
// GUI thread only.
#include "core/data/Counts.h"

#include <QAbstractTableModel>

#include <optional>

namespace sb::ui {

class DatasetCountsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles {
        CountRole = Qt::UserRole + 1,  // qint64: clips in the selection
        FullCountRole,                 // qint64: clips in the full set
        PercentOfFullRole,             // double: 100 * count / full (NaN when full is 0)
        RowLabelRole,                  // QString: scene or city ("total" for the last row)
        DeviceRole,                    // QString: device ("total" for the last column)
    };
    enum class Rows { Scenes, Cities };
    enum class Display { Counts, PercentOfFull };

    explicit DatasetCountsModel(QObject* parent = nullptr);

    // Both must list the same cities (they come from one DatasetIndex).
    void setCounts(const sb::Counts& selection, const sb::Counts& full);
    void clear();
    void setRows(Rows rows);
    void setDisplay(Display display);
    Rows rows() const { return rows_; }
    Display display() const { return display_; }
    bool isEmpty() const { return !selection_.has_value(); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Rows and columns without the totals (for the heatmap).
    int categoryRows() const;
    int deviceColumns() const;
    QString rowLabel(int row) const;
    static QString deviceLabel(int column);

    qint64 count(int row, int column) const { return cell(*selection_, row, column); }
    qint64 fullCount(int row, int column) const { return cell(*full_, row, column); }

private:
    qint64 cell(const sb::Counts& counts, int row, int column) const;

    std::optional<sb::Counts> selection_;
    std::optional<sb::Counts> full_;
    Rows rows_ = Rows::Scenes;
    Display display_ = Display::Counts;
};

}  // namespace sb::ui
