#pragma once
// Every running job as a row: title, progress bar, stage and ETA, and a Cancel button.
// Watches the JobBridge; shows the last outcome of each finished job until the next
// one starts. GUI thread only.
#include <QHash>
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;
class QVBoxLayout;

namespace sb::ui {

class JobBridge;
struct JobProgress;

class JobPanel : public QWidget {
    Q_OBJECT
public:
    explicit JobPanel(JobBridge* bridge, QWidget* parent = nullptr);

    int rowCount() const { return int(rows_.size()); }
    // The Cancel button of a running job's row (nullptr if none), for tests and shortcuts.
    QToolButton* cancelButton(quint64 id) const;

private:
    struct Row {
        QWidget* widget;
        QLabel* title;
        QProgressBar* bar;
        QLabel* detail;
        QToolButton* cancel;
    };
    void addRow(quint64 id, const QString& title);
    void updateRow(quint64 id, const JobProgress& progress);
    void finishRow(quint64 id, int outcome, const QString& message);

    QPointer<JobBridge> bridge_;
    QVBoxLayout* rowsLayout_;
    QLabel* idle_;
    QHash<quint64, Row> rows_;
};

}  // namespace sb::ui
