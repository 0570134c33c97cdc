#include "ui/plots/MatrixPlot.h"

#include "ui/plots/ColorMaps.h"

#include "ui/main/Theme.h"

#include <cmath>

namespace sb::ui {

namespace {

QSharedPointer<QCPAxisTickerText> textTicker(const QStringList& labels)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < labels.size(); ++i) ticker->addTick(i, labels[i]);
    return ticker;
}

// Black or white, whichever reads better on the cell's colour.
QColor textColourOn(QRgb cell)
{
    const double luminance = 0.2126 * qRed(cell) + 0.7152 * qGreen(cell) + 0.0722 * qBlue(cell);
    return luminance > 140 ? QColor(Qt::black) : QColor(Qt::white);
}

}  // namespace

MatrixPlot::MatrixPlot(const QString& title, Theme* theme, QWidget* parent)
    : PlotWidget(title, theme, parent), map_(new QCPColorMap(plot()->xAxis, plot()->yAxis)),
      scale_(new QCPColorScale(plot()))
{
    QCustomPlot* p = plot();
    p->legend->setVisible(false);
    // No legend in a heatmap: drop PlotWidget's legend row, the space goes to the cells.
    if (QCPLayoutElement* legendRow = p->plotLayout()->element(2, 0)) {
        p->plotLayout()->take(legendRow);
        p->plotLayout()->simplify();
    }
    map_->setInterpolate(false);  // the default blurs cells into each other
    map_->setTightBoundary(false);
    p->plotLayout()->addElement(1, 1, scale_);  // beside the axis rect
    scale_->setBarWidth(10);
    map_->setColorScale(scale_);
    p->yAxis->setRangeReversed(true);  // row 0 (the first class) at the top, as tables read
    for (QCPAxis* axis : {p->xAxis, p->yAxis}) {
        axis->grid()->setVisible(false);
        axis->setSubTicks(false);
        axis->setTickLength(0, 3);
    }
    // Font sizes follow the cell size: decided after the layout, before drawing.
    connect(p, &QCustomPlot::afterLayout, this, &MatrixPlot::fitTexts);
    connect(p, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        const QCustomPlot* cp = plot();
        if (event->button() != Qt::LeftButton || cells_.rows == 0) return;
        if (!cp->axisRect()->rect().contains(event->pos())) return;
        const int column = int(std::lround(cp->xAxis->pixelToCoord(event->pos().x())));
        const int row = int(std::lround(cp->yAxis->pixelToCoord(event->pos().y())));
        if (row >= 0 && row < cells_.rows && column >= 0 && column < cells_.columns) emit cellClicked(row, column);
    });
    setHoverText([this](double key, double value) -> QString {
        const int column = int(std::lround(key)), row = int(std::lround(value));
        if (row < 0 || row >= cells_.rows || column < 0 || column >= cells_.columns) return {};
        const QStringList& rn = cells_.rowNames.isEmpty() ? cells_.rowLabels : cells_.rowNames;
        const QStringList& cn = cells_.columnNames.isEmpty() ? cells_.columnLabels : cells_.columnNames;
        const int i = row * cells_.columns + column;
        return cells_.hoverTemplate.arg(rn.value(row), cn.value(column), cells_.texts.value(i));
    });
    if (theme) connect(theme, &Theme::changed, this, &MatrixPlot::restyleTitle);
    clearCells({});
}

MatrixPlot::Cells MatrixPlot::differenceCells(const std::vector<long>& difference, const QStringList& classes)
{
    Cells cells;
    cells.rows = cells.columns = int(classes.size());
    long largest = 1;
    for (long d : difference) largest = qMax(largest, std::labs(d));
    for (long d : difference) {
        cells.values.push_back(double(d));
        cells.texts << (d > 0 ? QStringLiteral("+%1").arg(d) : QString::number(d));
    }
    cells.rowLabels = cells.columnLabels = cells.rowNames = cells.columnNames = classes;
    cells.range = QCPRange(-double(largest), double(largest));  // symmetric: white is "no change"
    cells.gradient = ColorMaps::diverging();
    cells.hoverTemplate = QObject::tr("true %1, predicted %2: %3 clips (B − A)");
    return cells;
}

void MatrixPlot::setColorScaleLabel(const QString& label) { scale_->setLabel(label); }

void MatrixPlot::setCells(Cells cells)
{
    cells_ = std::move(cells);
    cells_.gradient.setNanHandling(QCPColorGradient::nhTransparent);
    QCustomPlot* p = plot();
    map_->data()->setSize(cells_.columns, cells_.rows);
    map_->data()->setRange(QCPRange(0, qMax(1, cells_.columns - 1)), QCPRange(0, qMax(1, cells_.rows - 1)));
    for (int r = 0; r < cells_.rows; ++r)
        for (int c = 0; c < cells_.columns; ++c)
            map_->data()->setCell(c, r, cells_.values[size_t(r * cells_.columns + c)]);
    map_->setGradient(cells_.gradient);
    map_->setDataRange(cells_.range);
    p->xAxis->setTicker(textTicker(cells_.columnLabels));
    p->yAxis->setTicker(textTicker(cells_.rowLabels));
    rebuildTexts();
    setPlaceholder({});
    setHomeRanges(QCPRange(-0.5, cells_.columns - 0.5), QCPRange(-0.5, cells_.rows - 0.5));
}

void MatrixPlot::clearCells(const QString& placeholder)
{
    cells_ = Cells{};
    map_->data()->clear();
    rebuildTexts();
    setPlaceholder(placeholder);
}

void MatrixPlot::rebuildTexts()
{
    QCustomPlot* p = plot();
    for (QCPItemText* t : std::as_const(texts_)) p->removeItem(t);
    texts_.clear();
    for (int i = 0; i < cells_.texts.size() && i < cells_.rows * cells_.columns; ++i) {
        auto* t = new QCPItemText(p);
        t->setClipToAxisRect(true);
        t->position->setCoords(i % cells_.columns, i / cells_.columns);
        t->setText(cells_.texts[i]);
        const double v = cells_.values[size_t(i)];
        t->setColor(std::isnan(v) ? QColor(Qt::gray) : textColourOn(cells_.gradient.color(v, cells_.range)));
        texts_ << t;
    }
    fitTexts();
}

void MatrixPlot::fitTexts()
{
    if (cells_.rows == 0 || texts_.isEmpty()) return;
    const QRect area = plot()->axisRect()->rect();
    const double cellW = double(area.width()) / cells_.columns, cellH = double(area.height()) / cells_.rows;
    int longest = 1;
    for (const QString& s : std::as_const(cells_.texts)) longest = qMax(longest, int(s.size()));
    // About 0.6 em per character; at least 7 px or the numbers are noise, then hide them.
    const int pixels = int(qMin(cellH * 0.6, cellW / (0.62 * longest + 0.4)));
    QFont font = this->font();
    font.setPixelSize(qBound(7, pixels, 15));
    for (QCPItemText* t : std::as_const(texts_)) {
        t->setFont(font);
        t->setVisible(pixels >= 7);
    }
}

void MatrixPlot::setAxisLabels(const QString& x, const QString& y)
{
    plot()->xAxis->setLabel(x);
    plot()->yAxis->setLabel(y);
}

void MatrixPlot::setColorScaleVisible(bool visible)
{
    QCPLayoutGrid* layout = plot()->plotLayout();
    const bool shown = layout->hasElement(1, 1);
    if (visible == shown) return;
    if (visible) {
        layout->addElement(1, 1, scale_);
    } else {
        layout->take(scale_);
        layout->simplify();
    }
    scale_->setVisible(visible);
}

QCPTextElement* MatrixPlot::titleElement() const
{
    return qobject_cast<QCPTextElement*>(plot()->plotLayout()->element(0, 0));
}

void MatrixPlot::setTitleText(const QString& text, const QColor& colour)
{
    titleColour_ = colour;
    if (QCPTextElement* title = titleElement()) title->setText(text);
    restyleTitle();
}

QString MatrixPlot::titleText() const
{
    const QCPTextElement* title = titleElement();
    return title ? title->text() : QString();
}

void MatrixPlot::restyleTitle()
{
    QCPTextElement* title = titleElement();
    if (!title) return;
    if (titleColour_.isValid()) title->setTextColor(titleColour_);
    else applyTheme();
    plot()->replot(QCustomPlot::rpQueuedReplot);
}

QPoint MatrixPlot::cellCenter(int row, int column) const
{
    plot()->replot();
    return QPoint(int(std::lround(plot()->xAxis->coordToPixel(column))),
                  int(std::lround(plot()->yAxis->coordToPixel(row))));
}

}  // namespace sb::ui
