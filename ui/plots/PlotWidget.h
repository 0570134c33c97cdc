#pragma once
// One QCustomPlot with the workbench's conventions: styled by the Theme (and restyled
// when it changes), zoom and pan with the mouse (double-click resets), a hover read-out
// under the plot, and a context menu exporting PNG, PDF, SVG and CSV. Views own one
// per plot and fill plot() directly. GUI thread only.
#include <QPointer>
#include <QWidget>

#include <functional>

#include <optional>
#include <utility>

class QCustomPlot;
class QCPRange;
class QLabel;
class QMouseEvent;

namespace sb::ui {

class Theme;

class PlotWidget : public QWidget {
    Q_OBJECT
public:
    // Text for the read-out at a point in plot coordinates; empty hides it.
    using HoverText = std::function<QString(double key, double value)>;

    PlotWidget(const QString& title, Theme* theme, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    QString title() const { return title_; }

    // Replaces the default read-out (the nearest point of the nearest visible graph).
    void setHoverText(HoverText text) { hoverText_ = std::move(text); }

    // Rescales the axes to the data unless the user has zoomed or panned since the
    // last reset; then queues a replot. Views call this from their redraw timer.
    void refresh();
    void resetZoom();
    // Fixed axis ranges to reset to instead of fitting the data (heatmaps: cells are
    // centred on integers and must show whole). Also stops mouse zoom/pan.
    void setHomeRanges(const QCPRange& x, const QCPRange& y);
    bool userZoomed() const { return userZoomed_; }

    // Asks for a file name and writes the plot in the chosen format.
    void exportInteractively();

    void applyTheme();

    // Shown in place of the axes while the plot has nothing to show (say, before a dataset
    // is open), so an empty plot never shows made-up axis ranges. Empty: the axes again.
    void setPlaceholder(const QString& text);
    QString placeholder() const;

protected:
    void resizeEvent(QResizeEvent* event) override;

signals:
    void exported(const QString& path);
    void exportFailed(const QString& message);

private:
    void showContextMenu(const QPoint& pos);
    void exportAs(const QString& filter, const QString& suffix);
    void updateReadout(QMouseEvent* event);
    QString nearestPointText(QMouseEvent* event) const;

    QString title_;
    QPointer<Theme> theme_;
    QCustomPlot* plot_;
    QLabel* readout_;
    QLabel* placeholder_;
    HoverText hoverText_;
    bool userZoomed_ = false;
    std::optional<std::pair<double, double>> homeX_, homeY_;
};

}  // namespace sb::ui
