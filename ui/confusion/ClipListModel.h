#pragma once
// The clips behind a cell of a confusion matrix, one row each: file name, true scene,
// device, and the top-3 probabilities of the run's ensemble and student (from their
// predictions.csv; "–" when the run has no such model or it does not list the clip).
// The Confusion view fills it; a QTableView shows it. GUI thread only.
#include <QAbstractTableModel>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace sb::ui {

class ClipListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { FileColumn, TrueColumn, DeviceColumn, EnsembleColumn, StudentColumn, ColumnCount };
    enum Roles {
        FilenameRole = Qt::UserRole + 1,  // QString, as in predictions.csv
        TrueSceneRole,                    // QString
        DeviceRole,                       // QString
        EnsembleTopRole,                  // QVariantList of {"scene", "probability"} maps; empty when missing
        StudentTopRole,                   // the same for the student
        MisclassifiedRole,                // bool: the matrix's model got the clip wrong
    };

    using Top = std::vector<std::pair<QString, double>>;  // scene, probability; most probable first
    struct Row {
        QString filename;
        QString scene;
        QString device;
        bool misclassified = false;
        std::optional<Top> ensemble;  // nullopt: no ensemble prediction for this clip
        std::optional<Top> student;
    };

    explicit ClipListModel(QObject* parent = nullptr);

    void setRows(std::vector<Row> rows);
    const Row& row(int i) const { return rows_.at(size_t(i)); }
    int find(const QString& filename) const;  // -1 when not listed

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The rows as CSV: file, true_scene, device, ensemble_top3, student_top3.
    QString toCsv() const;

    // "bus 0.61 · tram 0.12 · park 0.08", or "–".
    static QString topText(const std::optional<Top>& top);

private:
    std::vector<Row> rows_;
};

}  // namespace sb::ui
