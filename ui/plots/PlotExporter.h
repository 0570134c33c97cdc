#pragma once
// Writes a QCustomPlot to PNG, PDF or SVG (with its legend and axes) and its numbers
// to CSV. The format follows the file suffix. GUI thread only (it paints the plot).
#include <QString>

class QCustomPlot;

namespace sb::ui {

class PlotExporter {
public:
    enum class Format { Png, Pdf, Svg, Csv };

    // Format from the suffix (png, pdf, svg, csv); false if the suffix is none of them.
    static bool formatFromPath(const QString& path, Format* format);

    // Size in pixels (PNG, SVG) or points (PDF); 0 uses the widget's current size.
    // Returns an empty string on success, otherwise what went wrong (naming the file).
    static QString save(QCustomPlot& plot, const QString& path, int width = 0, int height = 0);

    // The numbers behind the plot: one row per point of every graph
    // ("series,x,y") and per cell of every colour map ("series,x,y,value").
    static QString toCsv(QCustomPlot& plot);

private:
    static QString saveSvg(QCustomPlot& plot, const QString& path, int width, int height);
    static QString saveCsv(QCustomPlot& plot, const QString& path);
};

}  // namespace sb::ui
