#include "ui/plots/PlotWidget.h"

#include "ui/main/Theme.h"
#include "ui/plots/PlotExporter.h"

#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QMenu>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <limits>

namespace sb::ui {

namespace {
QString safeFileName(QString title)
{
    title.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]+")), QStringLiteral("-"));
    return title.toLower();
}
}  // namespace

PlotWidget::PlotWidget(const QString& title, Theme* theme, QWidget* parent)
    : QWidget(parent), title_(title), theme_(theme), plot_(new QCustomPlot(this)), readout_(new QLabel(this)),
      placeholder_(new QLabel(plot_))
{
    setObjectName(QStringLiteral("plot-") + safeFileName(title));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(plot_, 1);
    layout->addWidget(readout_);
    readout_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    readout_->setMinimumHeight(readout_->fontMetrics().height());
    plot_->setMinimumSize(220, 110);  // small enough for two stacked plots on a 900-px screen

    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->setNoAntialiasingOnDrag(true);
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, title, QFont(font().family(), font().pointSize() + 1, QFont::Bold)));
    // The legend sits in its own row under the axes, so it never hides data.
    auto* legendRow = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(2, 0, legendRow);
    plot_->plotLayout()->setRowStretchFactor(2, 0.001);
    legendRow->setMargins(QMargins(0, 0, 0, 0));
    legendRow->addElement(0, 0, plot_->legend);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setWrap(3);
    plot_->legend->setRowSpacing(0);
    plot_->legend->setColumnSpacing(8);
    plot_->legend->setIconSize(18, 8);
    plot_->legend->setFont(QFont(font().family(), qMax(7, font().pointSize() - 1)));
    plot_->legend->setVisible(true);
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot_, &QWidget::customContextMenuRequested, this, &PlotWidget::showContextMenu);
    connect(plot_, &QCustomPlot::mouseMove, this, &PlotWidget::updateReadout);
    connect(plot_, &QCustomPlot::mouseWheel, this, [this] { userZoomed_ = true; });
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        if (e->buttons() & Qt::LeftButton) userZoomed_ = true;
    });
    connect(plot_, &QCustomPlot::mouseDoubleClick, this, [this] { resetZoom(); });
    placeholder_->setAlignment(Qt::AlignCenter);
    placeholder_->setWordWrap(true);
    placeholder_->hide();
    if (theme_) connect(theme_, &Theme::changed, this, &PlotWidget::applyTheme);
    applyTheme();
}

void PlotWidget::setPlaceholder(const QString& text)
{
    placeholder_->setText(text);
    placeholder_->setVisible(!text.isEmpty());
    plot_->axisRect()->setVisible(text.isEmpty());
    placeholder_->setGeometry(plot_->rect().adjusted(12, 40, -12, -12));
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString PlotWidget::placeholder() const { return placeholder_->isHidden() ? QString() : placeholder_->text(); }

void PlotWidget::refresh()
{
    if (!userZoomed_ && !homeX_) plot_->rescaleAxes(true);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PlotWidget::resetZoom()
{
    userZoomed_ = false;
    if (homeX_ && homeY_) {
        plot_->xAxis->setRange(homeX_->first, homeX_->second);
        plot_->yAxis->setRange(homeY_->first, homeY_->second);
    } else {
        plot_->rescaleAxes(true);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PlotWidget::setHomeRanges(const QCPRange& x, const QCPRange& y)
{
    homeX_ = std::make_pair(x.lower, x.upper);
    homeY_ = std::make_pair(y.lower, y.upper);
    plot_->setInteractions(QCP::Interactions());
    resetZoom();
}

void PlotWidget::resizeEvent(QResizeEvent* event)
{
    // As many legend columns as fit: long series names stay readable in narrow plots.
    // The new width: the plot inside is resized by the layout only after this event.
    constexpr int kLegendColumnPixels = 160;
    plot_->legend->setWrap(qBound(1, event->size().width() / kLegendColumnPixels, 6));
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst, true);
    // About one value label per 45 pixels of height: short plots would stack them.
    constexpr int kPixelsPerTick = 45;
    plot_->yAxis->ticker()->setTickCount(qBound(3, plot_->axisRect()->height() / kPixelsPerTick, 6));
    QWidget::resizeEvent(event);
    placeholder_->setGeometry(plot_->rect().adjusted(12, 40, -12, -12));  // below the title
}

void PlotWidget::applyTheme()
{
    if (!theme_) return;
    const QColor fg = theme_->foreground(), bg = theme_->background();
    plot_->setBackground(bg);
    QList<QCPAxis*> axes = plot_->axisRect()->axes();
    for (QCPLayoutElement* element : plot_->plotLayout()->elements(true)) {
        if (auto* text = qobject_cast<QCPTextElement*>(element)) text->setTextColor(fg);
        if (auto* scale = qobject_cast<QCPColorScale*>(element)) axes << scale->axis();
    }
    for (QCPAxis* axis : axes) {
        axis->setBasePen(QPen(fg));
        axis->setTickPen(QPen(fg));
        axis->setSubTickPen(QPen(fg));
        axis->setTickLabelColor(fg);
        axis->setLabelColor(fg);
        axis->grid()->setPen(QPen(theme_->grid(), 0, Qt::DotLine));
        axis->grid()->setSubGridPen(QPen(theme_->subGrid(), 0, Qt::DotLine));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    plot_->legend->setBrush(QBrush(bg));
    plot_->legend->setBorderPen(Qt::NoPen);
    plot_->legend->setTextColor(fg);
    QPalette palette = placeholder_->palette();
    QColor muted = fg;
    muted.setAlpha(150);
    palette.setColor(QPalette::WindowText, muted);
    placeholder_->setPalette(palette);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PlotWidget::showContextMenu(const QPoint& pos)
{
    QMenu menu(this);
    menu.addAction(tr("Export PNG…"), this, [this] { exportAs(tr("PNG image (*.png)"), QStringLiteral("png")); });
    menu.addAction(tr("Export PDF…"), this, [this] { exportAs(tr("PDF document (*.pdf)"), QStringLiteral("pdf")); });
    menu.addAction(tr("Export SVG…"), this, [this] { exportAs(tr("SVG image (*.svg)"), QStringLiteral("svg")); });
    menu.addAction(tr("Export data as CSV…"), this, [this] { exportAs(tr("CSV table (*.csv)"), QStringLiteral("csv")); });
    menu.addSeparator();
    menu.addAction(tr("Reset zoom"), this, &PlotWidget::resetZoom);
    menu.exec(plot_->mapToGlobal(pos));
}

void PlotWidget::exportInteractively()
{
    exportAs(tr("PNG image (*.png);;PDF document (*.pdf);;SVG image (*.svg);;CSV table (*.csv)"), QStringLiteral("png"));
}

void PlotWidget::exportAs(const QString& filter, const QString& suffix)
{
    const QString suggested = QDir::home().filePath(safeFileName(title_) + QLatin1Char('.') + suffix);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(title_), suggested, filter);
    if (path.isEmpty()) return;
    const QString error = PlotExporter::save(*plot_, path);
    if (error.isEmpty()) emit exported(path);
    else emit exportFailed(error);
}

void PlotWidget::updateReadout(QMouseEvent* event)
{
    const double key = plot_->xAxis->pixelToCoord(event->pos().x());
    const double value = plot_->yAxis->pixelToCoord(event->pos().y());
    readout_->setText(hoverText_ ? hoverText_(key, value) : nearestPointText(event));
}

QString PlotWidget::nearestPointText(QMouseEvent* event) const
{
    // The nearest point of any visible graph within a few pixels of the cursor.
    double best = std::numeric_limits<double>::max();
    QString text;
    for (int i = 0; i < plot_->graphCount(); ++i) {
        QCPGraph* graph = plot_->graph(i);
        if (!graph->visible() || graph->data()->isEmpty()) continue;
        QVariant details;
        const double distance = graph->selectTest(event->pos(), false, &details);
        if (distance < 0 || distance >= best) continue;
        const QCPDataSelection selection = details.value<QCPDataSelection>();
        if (selection.isEmpty()) continue;
        const auto point = graph->data()->at(selection.dataRange().begin());
        best = distance;
        text = QStringLiteral("%1: x = %2, y = %3").arg(graph->name(), QString::number(point->key, 'g', 7),
                                                       QString::number(point->value, 'g', 5));
    }
    return best <= 12 ? text : QString();
}

}  // namespace sb::ui
