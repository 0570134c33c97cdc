#include "ui/plots/PlotExporter.h"

#include "ui/plots/CsvFile.h"

#include <QFileInfo>
#include <QSaveFile>
#include <QSvgGenerator>
#include <qcustomplot.h>

namespace sb::ui {

namespace {

QString number(double v) { return QString::number(v, 'g', 10); }

// Exports must show every point: adaptive sampling thins dense graphs on screen.
class FullResolution {
public:
    explicit FullResolution(QCustomPlot& plot) : plot_(plot)
    {
        for (int i = 0; i < plot_.graphCount(); ++i) {
            saved_.append(plot_.graph(i)->adaptiveSampling());
            plot_.graph(i)->setAdaptiveSampling(false);
        }
    }
    ~FullResolution()
    {
        for (int i = 0; i < plot_.graphCount() && i < saved_.size(); ++i)
            plot_.graph(i)->setAdaptiveSampling(saved_[i]);
    }
    FullResolution(const FullResolution&) = delete;
    FullResolution& operator=(const FullResolution&) = delete;

private:
    QCustomPlot& plot_;
    QVector<bool> saved_;
};

}  // namespace

bool PlotExporter::formatFromPath(const QString& path, Format* format)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("png")) *format = Format::Png;
    else if (suffix == QLatin1String("pdf")) *format = Format::Pdf;
    else if (suffix == QLatin1String("svg")) *format = Format::Svg;
    else if (suffix == QLatin1String("csv")) *format = Format::Csv;
    else return false;
    return true;
}

QString PlotExporter::save(QCustomPlot& plot, const QString& path, int width, int height)
{
    Format format;
    if (!formatFromPath(path, &format))
        return QStringLiteral("%1: unknown export format (use .png, .pdf, .svg or .csv)").arg(path);
    if (format == Format::Csv) return saveCsv(plot, path);
    const int w = width > 0 ? width : plot.width();
    const int h = height > 0 ? height : plot.height();
    FullResolution fullResolution(plot);
    bool ok = false;
    if (format == Format::Png) ok = plot.savePng(path, w, h, 1.0, -1, 96);
    else if (format == Format::Pdf) ok = plot.savePdf(path, w, h, QCP::epNoCosmetic, QStringLiteral("SceneBench"));
    else return saveSvg(plot, path, w, h);
    if (!ok || QFileInfo(path).size() == 0) return QStringLiteral("%1: could not write the file").arg(path);
    return {};
}

QString PlotExporter::saveSvg(QCustomPlot& plot, const QString& path, int width, int height)
{
    // QCustomPlot has no saveSvg: paint it through a QCPPainter onto a QSvgGenerator.
    QSvgGenerator generator;
    generator.setFileName(path);
    generator.setSize(QSize(width, height));
    generator.setViewBox(QRect(0, 0, width, height));
    generator.setTitle(QStringLiteral("SceneBench plot"));
    generator.setDescription(QStringLiteral("Exported by SceneBench"));
    {
        QCPPainter painter;
        if (!painter.begin(&generator)) return QStringLiteral("%1: could not open the file for writing").arg(path);
        plot.toPainter(&painter, width, height);
        painter.end();
    }
    if (QFileInfo(path).size() == 0) return QStringLiteral("%1: could not write the file").arg(path);
    return {};
}

QString PlotExporter::toCsv(QCustomPlot& plot)
{
    const bool hasMaps = [&] {
        for (int i = 0; i < plot.plottableCount(); ++i)
            if (qobject_cast<QCPColorMap*>(plot.plottable(i))) return true;
        return false;
    }();
    QString out = hasMaps ? QStringLiteral("series,x,y,value\n") : QStringLiteral("series,x,y\n");
    for (int i = 0; i < plot.plottableCount(); ++i) {
        QCPAbstractPlottable* plottable = plot.plottable(i);
        const QString name = csv::field(plottable->name());
        if (auto* graph = qobject_cast<QCPGraph*>(plottable)) {
            for (const QCPGraphData& d : *graph->data())
                out += name + QLatin1Char(',') + number(d.key) + QLatin1Char(',') + number(d.value) +
                       (hasMaps ? QStringLiteral(",\n") : QStringLiteral("\n"));
        } else if (auto* map = qobject_cast<QCPColorMap*>(plottable)) {
            QCPColorMapData* data = map->data();
            for (int y = 0; y < data->valueSize(); ++y)
                for (int x = 0; x < data->keySize(); ++x) {
                    double key, value;
                    data->cellToCoord(x, y, &key, &value);
                    out += name + QLatin1Char(',') + number(key) + QLatin1Char(',') + number(value) +
                           QLatin1Char(',') + number(data->cell(x, y)) + QLatin1Char('\n');
                }
        }
    }
    return out;
}

QString PlotExporter::saveCsv(QCustomPlot& plot, const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("%1: %2").arg(path, file.errorString());
    file.write(toCsv(plot).toUtf8());
    if (!file.commit()) return QStringLiteral("%1: %2").arg(path, file.errorString());
    return {};
}

}  // namespace sb::ui
