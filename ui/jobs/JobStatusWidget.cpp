#include "ui/jobs/JobStatusWidget.h"

#include "ui/jobs/JobBridge.h"
#include "ui/jobs/ProgressText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace sb::ui {

JobStatusWidget::JobStatusWidget(JobBridge* bridge, QWidget* parent)
    : QWidget(parent), bridge_(bridge), label_(new QLabel(this)), bar_(new QProgressBar(this)), cancel_(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
    bar_->setMaximumWidth(160);
    bar_->setMaximumHeight(label_->sizeHint().height());
    bar_->setTextVisible(false);
    cancel_->setIcon(QIcon(QStringLiteral(":/icons/stop.svg")));
    cancel_->setAutoRaise(true);
    cancel_->setToolTip(tr("Cancel this job"));
    connect(cancel_, &QToolButton::clicked, this, [this] {
        if (bridge_ && shown_) bridge_->cancel(shown_);
    });
    connect(bridge, &JobBridge::jobStarted, this, &JobStatusWidget::onStarted);
    connect(bridge, &JobBridge::jobProgressed, this, &JobStatusWidget::onProgress);
    connect(bridge, &JobBridge::runningCountChanged, this, &JobStatusWidget::onCountChanged);
    hide();
}

void JobStatusWidget::onStarted(quint64 id, const QString& title)
{
    shown_ = id;
    title_ = title;
    bar_->setRange(0, 0);
    label_->setText(title);
}

void JobStatusWidget::onProgress(quint64 id, const JobProgress& progress)
{
    if (id != shown_) return;
    if (progress.total > 0) {
        bar_->setRange(0, 1000);
        bar_->setValue(int(1000.0 * double(progress.done) / double(progress.total)));
    }
    const int others = bridge_ ? bridge_->runningCount() - 1 : 0;
    label_->setText(title_ + QStringLiteral(": ") + progressText(progress) +
                    (others > 0 ? tr(" (+%1 more)").arg(others) : QString()));
}

void JobStatusWidget::onCountChanged(int count)
{
    setVisible(count > 0);
    if (count == 0) shown_ = 0;
}

}  // namespace sb::ui
