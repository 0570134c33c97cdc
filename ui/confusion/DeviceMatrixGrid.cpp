#include "ui/confusion/DeviceMatrixGrid.h"

#include "core/common/Dcase.h"
#include "ui/confusion/ConfusionCells.h"
#include "ui/plots/MatrixPlot.h"

#include <QFrame>
#include <QGridLayout>
#include <QVBoxLayout>

#include <algorithm>

namespace sb::ui {

namespace {

// Okabe–Ito vermillion: the unseen devices' mark, distinct from every viridis colour.
QColor unseenColour() { return QColor(0xD5, 0x5E, 0x00); }

long largestCount(const std::vector<long>& counts)
{
    return counts.empty() ? 1 : std::max(1L, *std::max_element(counts.begin(), counts.end()));
}

QString deviceName(size_t i) { return QString::fromLatin1(sb::dcase::kDevices[i].data(), int(sb::dcase::kDevices[i].size())); }

}  // namespace

DeviceMatrixGrid::DeviceMatrixGrid(Theme* theme, QWidget* parent) : QSplitter(Qt::Horizontal, parent)
{
    auto* grid = new QWidget(this);
    auto* gridLayout = new QGridLayout(grid);
    gridLayout->setContentsMargins(0, 0, 0, 0);
    gridLayout->setSpacing(4);
    for (size_t i = 0; i < sb::dcase::kDevices.size(); ++i) {
        const QString device = deviceName(i);
        auto* plot = new MatrixPlot(tr("Confusion %1").arg(device), theme, grid);
        plot->setColorScaleVisible(false);  // one scale for all devices: the overall plot's
        // Small tick labels, the x ones upright: ten abbreviated scenes side by side.
        QFont small = plot->font();
        small.setPixelSize(9);
        plot->plot()->xAxis->setTickLabelFont(small);
        plot->plot()->yAxis->setTickLabelFont(small);
        plot->plot()->xAxis->setTickLabelRotation(90);
        // Nine of them share a row with the overall matrix: a small minimum keeps the
        // view within a 1400-px window beside the side column.
        plot->plot()->setMinimumSize(140, 110);
        QWidget* cell = plot;
        if (sb::dcase::isUnseenDevice(device.toStdString())) {
            // Absent from every training split: another title colour and a dashed frame.
            plot->setTitleText(confusion::deviceTitle(device), unseenColour());
            auto* frame = new QFrame(grid);
            frame->setObjectName(QStringLiteral("unseenFrame"));
            frame->setStyleSheet(QStringLiteral("QFrame#unseenFrame { border: 2px dashed %1; }").arg(unseenColour().name()));
            auto* frameLayout = new QVBoxLayout(frame);
            frameLayout->setContentsMargins(2, 2, 2, 2);
            frameLayout->addWidget(plot);
            cell = frame;
        } else {
            plot->setTitleText(device);
        }
        gridLayout->addWidget(cell, int(i) / 3, int(i) % 3);
        connect(plot, &MatrixPlot::cellClicked, this, [this, device](int r, int c) { emit cellClicked(device, r, c); });
        devices_ << plot;
    }
    overall_ = new MatrixPlot(tr("Confusion all devices"), theme, this);
    overall_->setTitleText(tr("All devices"));
    overall_->setAxisLabels(tr("predicted"), tr("true"));
    overall_->plot()->xAxis->setTickLabelRotation(40);
    connect(overall_, &MatrixPlot::cellClicked, this, [this](int r, int c) { emit cellClicked(QString(), r, c); });
    addWidget(grid);
    addWidget(overall_);
    setStretchFactor(0, 3);
    setStretchFactor(1, 2);
    setSizes({780, 620});  // the overall matrix large enough for full scene names
}

MatrixPlot* DeviceMatrixGrid::plot(const QString& device) const
{
    if (device.isEmpty()) return overall_;
    const int i = sb::dcase::deviceIndex(device.toStdString());
    return i >= 0 ? devices_.value(i) : nullptr;
}

void DeviceMatrixGrid::clear(const QString& text)
{
    for (MatrixPlot* p : devices_) p->clearCells(text);
    overall_->clearCells(text);
}

void DeviceMatrixGrid::setMatrices(const sb::EvaluationResult& e, const QStringList& classes, bool normalised)
{
    long countMax = 1;  // one colour range for all devices, so their colours compare
    for (const auto& [device, matrix] : e.confusionPerDevice) countMax = std::max(countMax, largestCount(matrix.counts));
    for (int i = 0; i < devices_.size(); ++i) {
        const auto it = e.confusionPerDevice.find(std::string(sb::dcase::kDevices[size_t(i)]));
        if (it == e.confusionPerDevice.end()) devices_[i]->clearCells(tr("No clips from this device."));
        else devices_[i]->setCells(confusion::confusionCells(it->second, classes, normalised, double(countMax), true));
    }
    overall_->setCells(confusion::confusionCells(e.confusion, classes, normalised, double(largestCount(e.confusion.counts)), false));
}

}  // namespace sb::ui
