#include "ui/confusion/ComparePanel.h"

#include "core/common/Error.h"
#include "ui/confusion/ConfusionCells.h"
#include "ui/plots/MatrixPlot.h"
#include "ui/workbench/ErrorText.h"

#include <QGridLayout>
#include <QLabel>

#include <algorithm>

namespace sb::ui {

namespace {

double largestCount(const std::vector<long>& counts)
{
    return counts.empty() ? 1.0 : double(std::max(1L, *std::max_element(counts.begin(), counts.end())));
}

QStringList classNames(const sb::ModelPredictions& p)
{
    QStringList names;
    for (const std::string& c : p.classNames) names << QString::fromStdString(c);
    return names;
}

}  // namespace

ComparePanel::ComparePanel(JobBridge* jobs, Theme* theme, QWidget* parent)
    : QWidget(parent), slot_(jobs, this), agreement_(new QLabel(this))
{
    plots_[PlotA] = new MatrixPlot(tr("Confusion model A"), theme, this);
    plots_[PlotB] = new MatrixPlot(tr("Confusion model B"), theme, this);
    plots_[PlotDifference] = new MatrixPlot(tr("Confusion difference B - A"), theme, this);
    plots_[PlotA]->setColorScaleVisible(false);  // A and B share one scale, shown with B
    agreement_->setWordWrap(true);
    agreement_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QGridLayout(this);
    layout->addWidget(agreement_, 0, 0, 1, 3);
    for (int i = 0; i < 3; ++i) {
        plots_[i]->setAxisLabels(tr("predicted"), tr("true"));
        plots_[i]->plot()->xAxis->setTickLabelRotation(40);
        layout->addWidget(plots_[i], 1, i);
        connect(plots_[i], &MatrixPlot::cellClicked, this,
                [this, i](int row, int column) { emit cellClicked(Plot(i), row, column); });
    }
    layout->setRowStretch(1, 1);
    clear(tr("Choose a second model to compare with."));
}

MatrixPlot* ComparePanel::plot(Plot which) const { return plots_[which]; }

QString ComparePanel::agreementText() const { return agreement_->text(); }

void ComparePanel::clear(const QString& text)
{
    slot_.cancel();
    a_ = b_ = nullptr;
    comparison_.reset();
    error_.clear();
    agreement_->setText(text);
    for (MatrixPlot* p : plots_) p->clearCells(text);
}

void ComparePanel::setModels(const RunPredictions::Model* a, const RunPredictions::Model* b, bool normalised)
{
    normalised_ = normalised;
    if (a == a_ && b == b_ && (comparison_ || !error_.isEmpty())) {
        draw();  // only the display changed
        return;
    }
    clear(tr("Comparing…"));
    a_ = a;
    b_ = b;
    if (!a || !b || !a->ok() || !b->ok()) {
        error_ = !a || !b ? tr("choose two models") : !a->ok() ? a->error : b->error;
        draw();
        emit compared();
        return;
    }
    auto pa = a->predictions, pb = b->predictions;
    slot_.run(
        tr("Compare %1 and %2").arg(a->name, b->name),
        [pa, pb](sb::JobObserver&, sb::CancellationToken&) {
            std::pair<std::shared_ptr<const sb::ModelComparison>, QString> result;
            try {
                result.first = std::make_shared<const sb::ModelComparison>(sb::compareModels(*pa, *pb));
            } catch (const sb::Error& e) {
                result.second = errorText(e);
            }
            return result;
        },
        [this](const std::pair<std::shared_ptr<const sb::ModelComparison>, QString>& result) {
            comparison_ = result.first;
            error_ = result.second;
            draw();
            emit compared();
        });
}

void ComparePanel::draw()
{
    if (!comparison_ || !a_ || !b_) {
        const QString text = tr("Cannot compare: %1").arg(error_);
        agreement_->setText(text);
        for (MatrixPlot* p : plots_) p->clearCells(text);
        return;
    }
    const QStringList classes = classNames(*a_->predictions);
    const sb::ConfusionMatrix& ma = a_->evaluation.confusion;
    const sb::ConfusionMatrix& mb = b_->evaluation.confusion;
    const double top = std::max(largestCount(ma.counts), largestCount(mb.counts));
    plots_[PlotA]->setTitleText(tr("A: %1").arg(a_->name));
    plots_[PlotB]->setTitleText(tr("B: %1").arg(b_->name));
    plots_[PlotDifference]->setTitleText(tr("B − A: %1 − %2 (clips)").arg(b_->name, a_->name));
    plots_[PlotA]->setCells(confusion::confusionCells(ma, classes, normalised_, top, false));
    plots_[PlotB]->setCells(confusion::confusionCells(mb, classes, normalised_, top, false));
    plots_[PlotDifference]->setCells(MatrixPlot::differenceCells(comparison_->difference, classes));
    const sb::ModelComparison& c = *comparison_;
    agreement_->setText(tr("%1 and %2 predict the same scene for %3 % of the %4 clips both predicted · "
                           "accuracy %5 % → %6 % (%7 points) · unseen devices %8 % → %9 %")
                            .arg(a_->name, b_->name)
                            .arg(100 * c.agreement, 0, 'f', 1)
                            .arg(c.commonClips)
                            .arg(100 * c.accuracyA, 0, 'f', 1)
                            .arg(100 * c.accuracyB, 0, 'f', 1)
                            .arg(100 * (c.accuracyB - c.accuracyA), 0, 'f', 1)
                            .arg(100 * c.unseenA, 0, 'f', 1)
                            .arg(100 * c.unseenB, 0, 'f', 1));
}

}  // namespace sb::ui
