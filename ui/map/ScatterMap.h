#pragma once
// One embedding map as a plot: one QCPGraph per colour category (no lines, small
// markers), a uniform grid over the points so hover and click find the nearest point
// fast with 30,000 of them, a freehand lasso (Shift+drag, or any drag in lasso mode;
// Ctrl adds to the selection), and the current clip and the selection highlighted on a
// buffered layer, so changing them never redraws the points. Points are numbered in the
// order given (row i of the map); graphs sort by key, so the map keeps its own index.
// GUI thread only.
#include "ui/map/MapColouring.h"
#include "ui/plots/PlotWidget.h"

#include <QPointer>
#include <QPolygonF>
#include <QVector>

#include <functional>
#include <vector>

class QCPCurve;
class QCPScatterStyle;
class QCPGraph;
class QCPLayer;

namespace sb::ui {

class ScatterMap : public PlotWidget {
    Q_OBJECT
public:
    struct Category {
        QString name;
        MapColouring::Style style;
    };
    // How close (in pixels) the pointer must be to a point for hover and click.
    static constexpr double kPickPixels = 8;

    ScatterMap(const QString& title, Theme* theme, QWidget* parent = nullptr);

    // One graph (and legend entry) per category; categoryOf[i] is point i's (-1: not drawn).
    void setCategories(const QVector<Category>& categories, const QVector<int>& categoryOf);
    // The positions, x0 y0 x1 y1 ... (N×2, N as categoryOf). Redraws from the timer that calls it.
    void setPositions(const std::vector<float>& xy);
    void clearPoints();

    int pointCount() const { return int(xy_.size() / 2); }
    QPointF point(int i) const { return {xy_[size_t(2 * i)], xy_[size_t(2 * i + 1)]}; }
    // Where point i is, in pixels of plot() (valid after a replot laid out the axes).
    QPointF pixelOf(int i) const;
    // The point nearest to a pixel of plot(), if within maxPixels; else -1.
    int nearestPoint(const QPointF& pixel, double maxPixels = kPickPixels) const;
    // The points inside a closed polygon in pixels of plot() (odd-even rule).
    QVector<int> pointsInside(const QPolygonF& pixels) const;

    // The hover read-out of point i.
    void setPointText(std::function<QString(int)> text) { pointText_ = std::move(text); }
    // -1: no current point.
    void setHighlight(int current, const QVector<int>& selected);
    int highlightedCurrent() const { return current_; }
    int highlightedSelectionSize() const { return int(selected_.size()); }

    // In lasso mode a plain drag draws a lasso instead of panning.
    void setLassoMode(bool on) { lassoMode_ = on; }
    bool lassoMode() const { return lassoMode_; }

signals:
    void pointClicked(int index);
    // extend: add to the selection (Ctrl held) rather than replace it.
    void lassoFinished(const QVector<int>& indices, bool extend);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Grid {
        double x0 = 0, y0 = 0, cellWidth = 1, cellHeight = 1;
        int columns = 0, rows = 0;
        std::vector<int> start;  // CSR: points of cell c are items[start[c] .. start[c+1])
        std::vector<int> items;
    };
    void rebuildGraphs();
    void buildGrid() const;
    int cellColumn(double x) const;
    int cellRow(double y) const;
    void updateHighlightData();
    void styleHighlights();
    void replotHighlights();
    bool handleMouse(QEvent* event);
    void extendLasso(const QPointF& pixel);
    void finishLasso(const QPointF& pixel);
    double markerSize() const;
    QCPScatterStyle markerStyle(const MapColouring::Style& style) const;

    QPointer<Theme> theme_;
    std::vector<float> xy_;
    QVector<int> categoryOf_;
    QVector<Category> categories_;
    QVector<QCPGraph*> graphs_;
    mutable Grid grid_;
    mutable bool gridDirty_ = true;
    std::function<QString(int)> pointText_;
    QCPLayer* overlay_ = nullptr;
    QCPGraph* selectionGraph_ = nullptr;
    QCPGraph* currentGraph_ = nullptr;
    QCPCurve* lassoCurve_ = nullptr;
    int current_ = -1;
    QVector<int> selected_;
    bool painted_ = false;
    bool lassoMode_ = false;
    bool lassoing_ = false;
    bool lassoExtends_ = false;
    QPolygonF lasso_;
    bool pressed_ = false;
    QPointF pressPixel_;
};

}  // namespace sb::ui
