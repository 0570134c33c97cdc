#pragma once
// Every model's prediction for one clip, one row per model of the current run (pipeline
// order: teachers, ensemble, student, student-nokd): the predicted scene, its
// probability, whether it is right, and the three most probable scenes. Rows come from
// the run's predictions.csv files (InspectedRun). GUI thread only.
#include <QAbstractTableModel>
#include <QList>
#include <QPair>
#include <QString>

namespace sb::ui {

struct PredictionRow {
    QString model;
    QString predicted;
    double probability = 0;      // of the predicted scene
    bool correct = false;
    QList<QPair<QString, double>> top;  // most probable first
};

class PredictionTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { ModelColumn, PredictedColumn, ProbabilityColumn, CorrectColumn, TopColumn, ColumnCount };
    enum Roles {
        ModelRole = Qt::UserRole + 1,  // QString
        PredictedRole,                 // QString
        ProbabilityRole,               // double in [0, 1]
        CorrectRole,                   // bool
        TopRole,                       // QString "scene p, scene p, scene p"
        SortRole,                      // the column's value as a sortable QVariant
    };
    Q_ENUM(Roles)

    explicit PredictionTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    void setRows(const QList<PredictionRow>& rows);
    void clear() { setRows({}); }
    const QList<PredictionRow>& rows() const { return rows_; }

    // "scene 0.61, scene 0.20, ..." (the Top-3 column's text).
    static QString topText(const PredictionRow& row);
    // The table as CSV text (header + one line per row), for Export Views.
    QString toCsv() const;

private:
    QList<PredictionRow> rows_;
};

}  // namespace sb::ui
