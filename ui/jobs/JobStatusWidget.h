#pragma once
// The status bar's view of the jobs: the latest running job's progress bar and ETA,
// "+N more" when several run, and a Cancel button for that job. Hidden when idle.
// GUI thread only.
#include <QPointer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace sb::ui {

class JobBridge;
struct JobProgress;

class JobStatusWidget : public QWidget {
    Q_OBJECT
public:
    explicit JobStatusWidget(JobBridge* bridge, QWidget* parent = nullptr);

private:
    void onStarted(quint64 id, const QString& title);
    void onProgress(quint64 id, const JobProgress& progress);
    void onCountChanged(int count);

    QPointer<JobBridge> bridge_;
    quint64 shown_ = 0;
    QString title_;
    QLabel* label_;
    QProgressBar* bar_;
    QToolButton* cancel_;
};

}  // namespace sb::ui
