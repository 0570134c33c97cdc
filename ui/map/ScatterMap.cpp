#include "ui/map/ScatterMap.h"

#include "ui/main/Theme.h"

#include <QMouseEvent>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace sb::ui {

namespace {

QCPScatterStyle::ScatterShape qcpShape(MapColouring::Shape shape)
{
    switch (shape) {
    case MapColouring::Shape::Disc: return QCPScatterStyle::ssDisc;
    case MapColouring::Shape::Triangle: return QCPScatterStyle::ssTriangle;
    case MapColouring::Shape::Square: return QCPScatterStyle::ssSquare;
    }
    return QCPScatterStyle::ssDisc;
}

constexpr double kClickSlopPixels = 4;  // a press and release closer than this is a click
// Above this many points markers are pre-rendered pixmaps: QPainter draws a small pixmap
// many times faster than an antialiased ellipse, which keeps 30,000 points smooth.
constexpr int kPixmapMarkersAbove = 3000;

QPixmap markerPixmap(MapColouring::Shape shape, const QColor& colour, double size, double dpr)
{
    const int side = int(std::ceil(size * dpr)) + 2;
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(colour);
    const QRectF box(1, 1, side - 2, side - 2);
    switch (shape) {
    case MapColouring::Shape::Disc: painter.drawEllipse(box); break;
    case MapColouring::Shape::Square: painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5)); break;
    case MapColouring::Shape::Triangle:
        painter.drawPolygon(QPolygonF{QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()});
        break;
    }
    painter.end();
    pixmap.setDevicePixelRatio(dpr);
    return pixmap;
}

}  // namespace

ScatterMap::ScatterMap(const QString& title, Theme* theme, QWidget* parent)
    : PlotWidget(title, theme, parent), theme_(theme)
{
    QCustomPlot* cp = plot();
    cp->addLayer(QStringLiteral("highlight"), cp->layer(QStringLiteral("main")), QCustomPlot::limAbove);
    overlay_ = cp->layer(QStringLiteral("highlight"));
    // A layer has its paint buffer only after the first full replot.
    connect(cp, &QCustomPlot::afterReplot, this, [this] { painted_ = true; });
    overlay_->setMode(QCPLayer::lmBuffered);  // highlights and lasso replot without the points
    selectionGraph_ = cp->addGraph();
    currentGraph_ = cp->addGraph();
    lassoCurve_ = new QCPCurve(cp->xAxis, cp->yAxis);
    for (QCPAbstractPlottable* p : {static_cast<QCPAbstractPlottable*>(selectionGraph_),
                                    static_cast<QCPAbstractPlottable*>(currentGraph_),
                                    static_cast<QCPAbstractPlottable*>(lassoCurve_)}) {
        p->setLayer(overlay_);
        p->removeFromLegend();
    }
    selectionGraph_->setName(tr("selection"));
    currentGraph_->setName(tr("current clip"));
    selectionGraph_->setLineStyle(QCPGraph::lsNone);
    currentGraph_->setLineStyle(QCPGraph::lsNone);
    styleHighlights();
    if (theme) connect(theme, &Theme::changed, this, &ScatterMap::styleHighlights);

    setHoverText([this](double key, double value) {
        const QPointF pixel(plot()->xAxis->coordToPixel(key), plot()->yAxis->coordToPixel(value));
        const int i = nearestPoint(pixel);
        return i >= 0 && pointText_ ? pointText_(i) : QString();
    });
    cp->installEventFilter(this);
}

void ScatterMap::styleHighlights()
{
    const QColor ink = theme_ ? theme_->foreground() : QColor(Qt::black);
    selectionGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(ink, 1.2), Qt::NoBrush, markerSize() + 5));
    currentGraph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(ink, 2.5), QBrush(Qt::NoBrush), 16));
    lassoCurve_->setPen(QPen(ink, 1.2, Qt::DashLine));
    replotHighlights();
}

void ScatterMap::replotHighlights()
{
    if (painted_) overlay_->replot();
    else plot()->replot(QCustomPlot::rpQueuedReplot);
}

double ScatterMap::markerSize() const
{
    // Small maps get bigger markers; large ones small discs, so clusters stay readable.
    const int n = pointCount();
    return n <= 2000 ? 6 : n <= 10000 ? 5 : 4;
}

QCPScatterStyle ScatterMap::markerStyle(const MapColouring::Style& style) const
{
    if (pointCount() <= kPixmapMarkersAbove)
        return QCPScatterStyle(qcpShape(style.shape), style.colour, style.colour, markerSize());
    return QCPScatterStyle(markerPixmap(style.shape, style.colour, markerSize(), devicePixelRatioF()));
}

void ScatterMap::setCategories(const QVector<Category>& categories, const QVector<int>& categoryOf)
{
    categories_ = categories;
    categoryOf_ = categoryOf;
    rebuildGraphs();
}

void ScatterMap::rebuildGraphs()
{
    for (QCPGraph* g : std::as_const(graphs_)) plot()->removeGraph(g);
    graphs_.clear();
    for (const Category& c : std::as_const(categories_)) {
        QCPGraph* g = plot()->addGraph();
        g->setName(c.name);
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(markerStyle(c.style));
        g->setPen(QPen(c.style.colour));
        g->setAdaptiveSampling(true);  // merges points that share a pixel; off in exports of the numbers (CSV)
        graphs_.append(g);
    }
    if (!xy_.empty()) setPositions(std::vector<float>(xy_));
}

void ScatterMap::setPositions(const std::vector<float>& xy)
{
    const bool sizeChanged = xy.size() != xy_.size();
    xy_ = xy;
    gridDirty_ = true;
    QVector<QVector<QCPGraphData>> perCategory(graphs_.size());
    const int n = pointCount();
    for (int i = 0; i < n && i < categoryOf_.size(); ++i) {
        const int c = categoryOf_[i];
        if (c >= 0 && c < perCategory.size()) perCategory[c].append(QCPGraphData(xy_[size_t(2 * i)], xy_[size_t(2 * i + 1)]));
    }
    for (int c = 0; c < graphs_.size(); ++c) {
        std::sort(perCategory[c].begin(), perCategory[c].end(), [](const QCPGraphData& a, const QCPGraphData& b) { return a.key < b.key; });
        graphs_[c]->data()->set(perCategory[c], true);
        if (sizeChanged) graphs_[c]->setScatterStyle(markerStyle(categories_[c].style));
    }
    if (sizeChanged) styleHighlights();
    updateHighlightData();
}

void ScatterMap::clearPoints()
{
    xy_.clear();
    categoryOf_.clear();
    categories_.clear();
    current_ = -1;
    selected_.clear();
    rebuildGraphs();
    updateHighlightData();
    plot()->replot(QCustomPlot::rpQueuedReplot);
}

QPointF ScatterMap::pixelOf(int i) const
{
    return {plot()->xAxis->coordToPixel(xy_[size_t(2 * i)]), plot()->yAxis->coordToPixel(xy_[size_t(2 * i + 1)])};
}

void ScatterMap::buildGrid() const
{
    gridDirty_ = false;
    const int n = pointCount();
    grid_ = Grid{};
    if (n == 0) return;
    double x0 = xy_[0], x1 = x0, y0 = xy_[1], y1 = y0;
    for (int i = 1; i < n; ++i) {
        x0 = std::min<double>(x0, xy_[size_t(2 * i)]);
        x1 = std::max<double>(x1, xy_[size_t(2 * i)]);
        y0 = std::min<double>(y0, xy_[size_t(2 * i + 1)]);
        y1 = std::max<double>(y1, xy_[size_t(2 * i + 1)]);
    }
    // About four points per cell: a lookup reads a handful of cells of a few points each.
    const int side = std::clamp(int(std::ceil(std::sqrt(n / 4.0))), 1, 1024);
    grid_.columns = grid_.rows = side;
    grid_.x0 = x0;
    grid_.y0 = y0;
    grid_.cellWidth = x1 > x0 ? (x1 - x0) / side : 1;
    grid_.cellHeight = y1 > y0 ? (y1 - y0) / side : 1;
    std::vector<int> cellOf(size_t(n), 0);
    grid_.start.assign(size_t(side * side + 1), 0);
    for (int i = 0; i < n; ++i) {
        cellOf[size_t(i)] = cellColumn(xy_[size_t(2 * i)]) + side * cellRow(xy_[size_t(2 * i + 1)]);
        ++grid_.start[size_t(cellOf[size_t(i)] + 1)];
    }
    for (size_t c = 1; c < grid_.start.size(); ++c) grid_.start[c] += grid_.start[c - 1];
    grid_.items.assign(size_t(n), 0);
    std::vector<int> fill(grid_.start.begin(), grid_.start.end() - 1);
    for (int i = 0; i < n; ++i) grid_.items[size_t(fill[size_t(cellOf[size_t(i)])]++)] = i;
}

int ScatterMap::cellColumn(double x) const
{
    return std::clamp(int(std::floor((x - grid_.x0) / grid_.cellWidth)), 0, grid_.columns - 1);
}

int ScatterMap::cellRow(double y) const
{
    return std::clamp(int(std::floor((y - grid_.y0) / grid_.cellHeight)), 0, grid_.rows - 1);
}

int ScatterMap::nearestPoint(const QPointF& pixel, double maxPixels) const
{
    if (pointCount() == 0) return -1;
    if (gridDirty_) buildGrid();
    const QCPAxis* x = plot()->xAxis;
    const QCPAxis* y = plot()->yAxis;
    const double kx = x->pixelToCoord(pixel.x()), vy = y->pixelToCoord(pixel.y());
    const double dx = std::abs(x->pixelToCoord(pixel.x() + maxPixels) - kx);
    const double dy = std::abs(y->pixelToCoord(pixel.y() + maxPixels) - vy);
    if (!std::isfinite(dx) || !std::isfinite(dy)) return -1;
    double best = maxPixels * maxPixels;
    int found = -1;
    for (int r = cellRow(vy - dy); r <= cellRow(vy + dy); ++r)
        for (int c = cellColumn(kx - dx); c <= cellColumn(kx + dx); ++c) {
            const int cell = c + grid_.columns * r;
            for (int k = grid_.start[size_t(cell)]; k < grid_.start[size_t(cell + 1)]; ++k) {
                const int i = grid_.items[size_t(k)];
                const QPointF d = pixelOf(i) - pixel;
                const double d2 = d.x() * d.x() + d.y() * d.y();
                if (d2 < best || (d2 == best && found < 0)) {
                    best = d2;
                    found = i;
                }
            }
        }
    return found;
}

QVector<int> ScatterMap::pointsInside(const QPolygonF& pixels) const
{
    QVector<int> inside;
    if (pixels.size() < 3) return inside;
    const QRectF bounds = pixels.boundingRect();
    for (int i = 0; i < pointCount(); ++i) {
        const QPointF p = pixelOf(i);
        if (bounds.contains(p) && pixels.containsPoint(p, Qt::OddEvenFill)) inside.append(i);
    }
    return inside;
}

void ScatterMap::setHighlight(int current, const QVector<int>& selected)
{
    current_ = current;
    selected_ = selected;
    updateHighlightData();
}

void ScatterMap::updateHighlightData()
{
    const int n = pointCount();
    QVector<QCPGraphData> sel;
    sel.reserve(selected_.size());
    for (int i : std::as_const(selected_))
        if (i >= 0 && i < n) sel.append(QCPGraphData(xy_[size_t(2 * i)], xy_[size_t(2 * i + 1)]));
    std::sort(sel.begin(), sel.end(), [](const QCPGraphData& a, const QCPGraphData& b) { return a.key < b.key; });
    selectionGraph_->data()->set(sel, true);
    currentGraph_->data()->clear();
    if (current_ >= 0 && current_ < n) currentGraph_->addData(xy_[size_t(2 * current_)], xy_[size_t(2 * current_ + 1)]);
    replotHighlights();
}

bool ScatterMap::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == plot() && handleMouse(event)) return true;
    return PlotWidget::eventFilter(watched, event);
}

bool ScatterMap::handleMouse(QEvent* event)
{
    const QEvent::Type type = event->type();
    if (type != QEvent::MouseButtonPress && type != QEvent::MouseMove && type != QEvent::MouseButtonRelease) return false;
    auto* mouse = static_cast<QMouseEvent*>(event);
    const QPointF pos = mouse->position();
    if (type == QEvent::MouseButtonPress && mouse->button() == Qt::LeftButton) {
        if (lassoMode_ || (mouse->modifiers() & Qt::ShiftModifier)) {
            lassoing_ = true;  // consumed: QCustomPlot must not start a pan
            lassoExtends_ = mouse->modifiers() & Qt::ControlModifier;
            lasso_.clear();
            lassoCurve_->data()->clear();
            extendLasso(pos);
            return true;
        }
        pressed_ = true;
        pressPixel_ = pos;
        return false;
    }
    if (type == QEvent::MouseMove) {
        if (!lassoing_) return false;
        extendLasso(pos);
        return true;
    }
    if (type == QEvent::MouseButtonRelease && mouse->button() == Qt::LeftButton) {
        if (lassoing_) {
            finishLasso(pos);
            return true;
        }
        const QPointF moved = pos - pressPixel_;
        const bool click = pressed_ && std::abs(moved.x()) + std::abs(moved.y()) < kClickSlopPixels;
        pressed_ = false;
        if (click) {
            const int i = nearestPoint(pos);
            if (i >= 0) emit pointClicked(i);
        }
    }
    return false;
}

void ScatterMap::extendLasso(const QPointF& pixel)
{
    if (!lasso_.isEmpty() && QLineF(lasso_.last(), pixel).length() < 1) return;
    lasso_.append(pixel);
    lassoCurve_->addData(plot()->xAxis->pixelToCoord(pixel.x()), plot()->yAxis->pixelToCoord(pixel.y()));
    replotHighlights();
}

void ScatterMap::finishLasso(const QPointF& pixel)
{
    extendLasso(pixel);
    lassoing_ = false;
    const QVector<int> inside = pointsInside(lasso_);
    lasso_.clear();
    lassoCurve_->data()->clear();
    replotHighlights();
    emit lassoFinished(inside, lassoExtends_);
}

}  // namespace sb::ui
