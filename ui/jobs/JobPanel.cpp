#include "ui/jobs/JobPanel.h"

#include "ui/jobs/JobBridge.h"
#include "ui/jobs/ProgressText.h"

#include <QGridLayout>
#include <QLabel>
#include <QProgressBar>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
// Finished rows stay this long so a quick job's outcome can still be read.
constexpr int kFinishedRowMs = 4000;
}  // namespace

JobPanel::JobPanel(JobBridge* bridge, QWidget* parent) : QWidget(parent), bridge_(bridge)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    rowsLayout_ = new QVBoxLayout(content);
    rowsLayout_->setContentsMargins(0, 0, 0, 0);
    idle_ = new QLabel(tr("No jobs running."), content);
    idle_->setEnabled(false);
    rowsLayout_->addWidget(idle_);
    rowsLayout_->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll);

    connect(bridge, &JobBridge::jobStarted, this, &JobPanel::addRow);
    connect(bridge, &JobBridge::jobProgressed, this, &JobPanel::updateRow);
    connect(bridge, &JobBridge::jobLogged, this, [this](quint64 id, int, const QString& line) {
        auto it = rows_.find(id);
        if (it != rows_.end()) it->widget->setToolTip(line);
    });
    connect(bridge, &JobBridge::jobFinished, this,
            [this](quint64 id, JobBridge::Outcome outcome, const QString& message) { finishRow(id, int(outcome), message); });
}

QToolButton* JobPanel::cancelButton(quint64 id) const
{
    auto it = rows_.find(id);
    return it == rows_.end() || !it->cancel->isEnabled() ? nullptr : it->cancel;
}

void JobPanel::addRow(quint64 id, const QString& title)
{
    auto* widget = new QWidget(this);
    auto* grid = new QGridLayout(widget);
    grid->setContentsMargins(0, 2, 0, 2);
    Row row{widget, new QLabel(title, widget), new QProgressBar(widget), new QLabel(tr("starting…"), widget),
            new QToolButton(widget)};
    row.title->setStyleSheet(QStringLiteral("font-weight: bold"));
    row.bar->setRange(0, 0);  // busy until the first report says how much there is
    row.cancel->setIcon(QIcon(QStringLiteral(":/icons/stop.svg")));
    row.cancel->setToolTip(tr("Cancel %1").arg(title));
    row.cancel->setAutoRaise(true);
    connect(row.cancel, &QToolButton::clicked, this, [this, id] {
        if (bridge_) bridge_->cancel(id);
        auto it = rows_.find(id);
        if (it != rows_.end()) it->detail->setText(tr("cancelling…"));
    });
    // Two lines a job (title and state, then a slim bar), so the dock shows several.
    row.detail->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    row.bar->setMaximumHeight(row.title->fontMetrics().height());
    row.bar->setTextVisible(false);
    grid->addWidget(row.title, 0, 0);
    grid->addWidget(row.detail, 0, 1);
    grid->addWidget(row.cancel, 0, 2, 2, 1);
    grid->addWidget(row.bar, 1, 0, 1, 2);
    grid->setColumnStretch(0, 1);
    rowsLayout_->insertWidget(rowsLayout_->count() - 1, widget);
    rows_.insert(id, row);
    idle_->hide();
}

void JobPanel::updateRow(quint64 id, const JobProgress& progress)
{
    auto it = rows_.find(id);
    if (it == rows_.end()) return;
    if (progress.total > 0) {
        // QProgressBar counts in int; scale large totals into range.
        it->bar->setRange(0, 1000);
        it->bar->setValue(int(1000.0 * double(progress.done) / double(progress.total)));
    }
    it->detail->setText(progressText(progress));
}

void JobPanel::finishRow(quint64 id, int outcome, const QString& message)
{
    auto it = rows_.find(id);
    if (it == rows_.end()) return;
    it->cancel->setEnabled(false);
    it->bar->setRange(0, 1000);
    switch (JobBridge::Outcome(outcome)) {
    case JobBridge::Outcome::Succeeded:
        it->bar->setValue(1000);
        it->detail->setText(tr("done"));
        break;
    case JobBridge::Outcome::Cancelled: it->detail->setText(tr("cancelled")); break;
    case JobBridge::Outcome::Failed: it->detail->setText(tr("failed: %1").arg(message)); break;
    }
    QWidget* widget = it->widget;
    QTimer::singleShot(kFinishedRowMs, widget, [this, id, widget] {
        rows_.remove(id);
        widget->deleteLater();
        if (rows_.isEmpty()) idle_->show();
    });
}

}  // namespace sb::ui
