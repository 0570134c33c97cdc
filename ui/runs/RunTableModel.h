#pragma once
// Every run of the project as a table: name, split, seed, status, each model kind's
// accuracy (student, student-nokd, ensemble, best teacher), the student's seen/unseen
// accuracy, its params and MACs, and the wall time. Display text is formatted; SortRole
// holds the raw number so a QSortFilterProxyModel sorts numerically. A folder that
// could not be read is a row whose status says why. GUI thread only.
#include "ui/runs/RunRows.h"

#include <QAbstractTableModel>

#include <vector>

namespace sb::ui {

class RunTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        SplitColumn,
        SeedColumn,
        StatusColumn,
        StudentColumn,
        StudentNoKdColumn,
        EnsembleColumn,
        TeacherColumn,  // the best teacher of the run
        SeenColumn,     // the student's
        UnseenColumn,
        ParamsColumn,
        MacsColumn,
        WallTimeColumn,
        ColumnCount
    };
    enum Roles {
        PathRole = Qt::UserRole + 1,  // QString: the run folder, absolute
        SortRole,                     // the column's raw value (double, qint64 or QString); invalid when none
        ValueRole,                    // accuracy columns: the summary.json value in [0, 1]; invalid when none
        ReadableRole,                 // bool: the folder loaded
        ErrorRole,                    // QString: why it did not
    };

    explicit RunTableModel(QObject* parent = nullptr);

    void setRows(std::vector<RunRow> rows);
    const std::vector<RunRow>& rows() const { return rows_; }
    const RunRow* rowAt(int row) const;
    int rowOf(const QString& path) const;  // -1 if not listed

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Short machine-friendly column names (the CSV header).
    static QString columnKey(int column);
    // The raw value of a cell (what SortRole returns).
    QVariant value(int row, int column) const;

private:
    static QVariant valueOf(const RunRow& row, int column);
    static QString display(const RunRow& row, int column);

    std::vector<RunRow> rows_;
};

}  // namespace sb::ui
