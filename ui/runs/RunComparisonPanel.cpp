#include "ui/runs/RunComparisonPanel.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/results/ModelPredictions.h"
#include "ui/plots/CsvFile.h"
#include "ui/plots/MatrixPlot.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace sb::ui {

namespace {

QString percent(double v) { return std::isfinite(v) ? QString::number(100.0 * v, 'f', 1) + QLatin1Char('%') : QStringLiteral("–"); }

QString points(double delta)
{
    if (!std::isfinite(delta)) return QStringLiteral("–");
    const QString text = QString::number(100.0 * delta, 'f', 1);
    if (text == QLatin1String("0.0") || text == QLatin1String("-0.0")) return QStringLiteral("±0.0");
    return (delta > 0 ? QStringLiteral("+") : QString()) + text;
}

QString number(double v) { return std::isfinite(v) ? QString::number(100.0 * v, 'f', 4) : QString(); }

QStringList classNames(const sb::ModelComparison& c)
{
    QStringList names;
    for (const std::string& name : c.classNames) names << QString::fromStdString(name);
    return names;
}

QString name(const QString& path) { return QFileInfo(path).fileName(); }

}  // namespace

struct RunComparisonPanel::Result {
    std::optional<sb::ModelComparison> comparison;
    QString error;
};

RunComparisonPanel::RunComparisonPanel(JobBridge* bridge, Theme* theme, QWidget* parent)
    : QWidget(parent), slot_(bridge, this), summary_(new QLabel(this)), devices_(new QTableWidget(this)),
      matrix_(new MatrixPlot(tr("Difference confusion matrix (B − A)"), theme, this))
{
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    devices_->setColumnCount(4);
    devices_->setHorizontalHeaderLabels({tr("device"), tr("A"), tr("B"), tr("Δ points")});
    devices_->horizontalHeaderItem(3)->setToolTip(tr("B − A, in percentage points"));
    devices_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    devices_->verticalHeader()->setVisible(false);
    devices_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    matrix_->setAxisLabels(tr("predicted scene"), tr("true scene"));
    matrix_->setColorScaleLabel(tr("B − A (clips)"));
    matrix_->plot()->xAxis->setTickLabelRotation(45);  // ten scene names side by side
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(devices_);
    splitter->addWidget(matrix_);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(summary_);
    layout->addWidget(splitter, 1);
    clear();
}

void RunComparisonPanel::clear()
{
    slot_.cancel();
    comparison_.reset();
    runA_.clear();
    runB_.clear();
    model_.clear();
    error_.clear();
    summary_->setText(tr("Select two runs in the table and press Compare (A is the first selected, B the second)."));
    devices_->setRowCount(0);
    matrix_->clearCells(tr("No comparison yet."));
}

void RunComparisonPanel::compare(const QString& runA, const QString& runB, const QString& model)
{
    runA_ = runA;
    runB_ = runB;
    model_ = model;
    error_.clear();
    summary_->setText(tr("Loading the %1 predictions of %2 and %3…").arg(model, name(runA), name(runB)));
    const std::string a = runA.toStdString(), b = runB.toStdString(), m = model.toStdString();
    const quint64 id = slot_.run(
        tr("Compare %1 of %2 and %3").arg(model, name(runA), name(runB)),
        [a, b, m](sb::JobObserver&, sb::CancellationToken& token) {
            Result r;
            try {
                const sb::ModelPredictions pa = sb::ModelPredictions::load(a, m);
                token.checkpoint();
                const sb::ModelPredictions pb = sb::ModelPredictions::load(b, m);
                token.checkpoint();
                r.comparison = sb::compareModels(pa, pb);
            } catch (const sb::Cancelled&) {
                throw;
            } catch (const sb::Error& e) {
                r.error = e.where().empty() ? QString::fromStdString(e.message())
                                            : QStringLiteral("%1 (%2)").arg(QString::fromStdString(e.message()),
                                                                            QString::fromStdString(e.where()));
            } catch (const std::exception& e) {
                r.error = QString::fromUtf8(e.what());
            }
            return r;
        },
        [this](const Result& r) { show(r); });
    if (id == 0) show(Result{std::nullopt, tr("no job runner")});
}

void RunComparisonPanel::show(const Result& r)
{
    comparison_ = r.comparison;
    error_ = r.error;
    fillDevices();
    drawMatrix();
    if (!comparison_) {
        summary_->setText(tr("Cannot compare %1 of %2 and %3: %4").arg(model_, name(runA_), name(runB_), error_.toHtmlEscaped()));
        emit comparisonShown();
        return;
    }
    summary_->setText(summaryText());
    emit comparisonShown();
}

QString RunComparisonPanel::summaryText() const
{
    if (!comparison_) return error_;
    const sb::ModelComparison& c = *comparison_;
    return tr("<b>%1</b>: A = %2, B = %3, %4 common clips.<br>"
              "Accuracy %5 → %6 (%7 points); seen devices %8 → %9 (%10); unseen devices %11 → %12 (%13). "
              "Both predict the same class for %14 of the clips.")
        .arg(model_.toHtmlEscaped(), name(runA_).toHtmlEscaped(), name(runB_).toHtmlEscaped())
        .arg(c.commonClips)
        .arg(percent(c.accuracyA), percent(c.accuracyB), points(c.accuracyB - c.accuracyA))
        .arg(percent(c.seenA), percent(c.seenB), points(c.seenB - c.seenA))
        .arg(percent(c.unseenA), percent(c.unseenB), points(c.unseenB - c.unseenA))
        .arg(percent(c.agreement));
}

void RunComparisonPanel::fillDevices()
{
    devices_->setRowCount(0);
    if (!comparison_) return;
    const sb::ModelComparison& c = *comparison_;
    for (const auto& [device, a] : c.perDeviceA) {
        const auto found = c.perDeviceB.find(device);
        const double b = found == c.perDeviceB.end() ? std::nan("") : found->second;
        const int row = devices_->rowCount();
        devices_->insertRow(row);
        const QString label = QString::fromStdString(device) + (sb::dcase::isUnseenDevice(device) ? tr(" (unseen)") : QString());
        const QStringList cells = {label, percent(a), percent(b), points(b - a)};
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            item->setData(Qt::UserRole, column == 0 ? QVariant(QString::fromStdString(device))
                                                    : QVariant(column == 1 ? a : column == 2 ? b : b - a));
            if (column > 0) item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            devices_->setItem(row, column, item);
        }
    }
}

QCPColorMap* RunComparisonPanel::colorMap() const { return comparison_ ? matrix_->colorMap() : nullptr; }

void RunComparisonPanel::drawMatrix()
{
    if (!comparison_) {
        matrix_->clearCells(error_.isEmpty() ? tr("No comparison yet.") : tr("No comparison: %1").arg(error_));
        return;
    }
    matrix_->setCells(MatrixPlot::differenceCells(comparison_->difference, classNames(*comparison_)));
}

QString RunComparisonPanel::csv() const
{
    if (!comparison_) return {};
    const sb::ModelComparison& c = *comparison_;
    // Accuracies and the agreement in %; the first rows say what was compared.
    QString out = QStringLiteral("measure,a,b,delta\nrun,%1,%2,\nmodel,%3,%3,\n").arg(csv::field(runA_), csv::field(runB_), csv::field(model_));
    for (const auto& [device, a] : c.perDeviceA) {
        const auto found = c.perDeviceB.find(device);
        const double b = found == c.perDeviceB.end() ? std::nan("") : found->second;
        out += QStringLiteral("device %1,%2,%3,%4\n").arg(QString::fromStdString(device), number(a), number(b), number(b - a));
    }
    out += QStringLiteral("all devices,%1,%2,%3\n").arg(number(c.accuracyA), number(c.accuracyB), number(c.accuracyB - c.accuracyA));
    out += QStringLiteral("seen devices,%1,%2,%3\n").arg(number(c.seenA), number(c.seenB), number(c.seenB - c.seenA));
    out += QStringLiteral("unseen devices,%1,%2,%3\n").arg(number(c.unseenA), number(c.unseenB), number(c.unseenB - c.unseenA));
    out += QStringLiteral("agreement,%1,,\n").arg(number(c.agreement));
    out += QStringLiteral("common clips,%1,,\n").arg(c.commonClips);
    return out;
}

QString RunComparisonPanel::matrixCsv() const
{
    if (!comparison_) return {};
    return csv::matrix(comparison_->difference, classNames(*comparison_));
}

}  // namespace sb::ui
