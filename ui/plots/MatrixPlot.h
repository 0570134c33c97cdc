#pragma once
// A heatmap of a small grid (a confusion matrix, a difference matrix, device x scene
// accuracy) on a PlotWidget: a QCPColorMap without interpolation, cell centres on
// integer coordinates (row 0 at the top), the value of each cell written in it, axis
// labels from QCPAxisTickerText, an optional colour scale, and a click on a cell
// reported as (row, column). GUI thread only.
#include "ui/plots/PlotWidget.h"

#include <QColor>
#include <QStringList>

#include <qcustomplot.h>

#include <vector>

namespace sb::ui {

class MatrixPlot : public PlotWidget {
    Q_OBJECT
public:
    struct Cells {
        int rows = 0;
        int columns = 0;
        std::vector<double> values;           // rows x columns, row-major; NaN: no data
        QStringList texts;                    // written in the cells (same order); may be empty
        QStringList rowLabels, columnLabels;  // tick labels (may be abbreviated)
        QStringList rowNames, columnNames;    // full names for the read-out; empty: the labels
        QCPRange range{0, 1};                 // the colour range
        QCPColorGradient gradient;
        QString hoverTemplate;                // %1 row name, %2 column name, %3 text
    };

    MatrixPlot(const QString& title, Theme* theme, QWidget* parent = nullptr);

    void setCells(Cells cells);
    // Clears the map and shows text in its place ("Loading…", an error).
    void clearCells(const QString& placeholder);
    const Cells& cells() const { return cells_; }

    void setAxisLabels(const QString& x, const QString& y);
    void setColorScaleVisible(bool visible);
    // Retitles the plot; a valid colour marks it (unseen devices) and survives theme changes.
    void setTitleText(const QString& text, const QColor& colour = {});
    QString titleText() const;

    // Centre of a cell in plot() widget coordinates (replots first, so the layout is current).
    QPoint cellCenter(int row, int column) const;

    // The cells of a difference matrix (B - A counts, classes x classes, row-major) on
    // the diverging map, symmetric around 0, each count written with its sign.
    static Cells differenceCells(const std::vector<long>& difference, const QStringList& classes);

    QCPColorMap* colorMap() const { return map_; }
    void setColorScaleLabel(const QString& label);

signals:
    void cellClicked(int row, int column);

private:
    void rebuildTexts();
    void fitTexts();
    void restyleTitle();
    QCPTextElement* titleElement() const;

    Cells cells_;
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QList<QCPItemText*> texts_;
    QColor titleColour_;
};

}  // namespace sb::ui
