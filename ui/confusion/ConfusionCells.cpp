#include "ui/confusion/ConfusionCells.h"

#include "core/common/Dcase.h"
#include "ui/plots/ColorMaps.h"
#include "ui/plots/CsvFile.h"

#include <cmath>
#include <limits>

namespace sb::ui::confusion {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Per-class accuracy of class c in m, NaN when m has no clip of c.
double classAccuracy(const sb::ConfusionMatrix& m, int c)
{
    const long total = c < m.classes ? m.rowTotal(c) : 0;
    return total ? double(m.at(c, c)) / double(total) : kNaN;
}

}  // namespace

QString abbreviate(const QString& scene)
{
    const QStringList parts = scene.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    if (parts.size() < 2) return scene.left(3);
    return parts[0].left(1) + parts[1].left(2);
}

QStringList abbreviate(const QStringList& scenes)
{
    QStringList out;
    for (const QString& s : scenes) out << abbreviate(s);
    return out;
}

QString deviceTitle(const QString& device)
{
    return sb::dcase::isUnseenDevice(device.toStdString()) ? QObject::tr("%1 (unseen)").arg(device) : device;
}

MatrixPlot::Cells confusionCells(const sb::ConfusionMatrix& m, const QStringList& classes, bool normalised,
                                 double countMax, bool small)
{
    MatrixPlot::Cells cells;
    cells.rows = cells.columns = m.classes;
    for (int t = 0; t < m.classes; ++t) {
        const long total = m.rowTotal(t);
        for (int p = 0; p < m.classes; ++p) {
            const long n = m.at(t, p);
            const double percent = total ? 100.0 * double(n) / double(total) : kNaN;
            cells.values.push_back(normalised ? percent : double(n));
            cells.texts << (!normalised ? QString::number(n)
                            : std::isnan(percent) ? QStringLiteral("–")
                                                  : QString::number(percent, 'f', small ? 0 : 1));
        }
    }
    cells.columnNames = cells.rowNames = classes;
    cells.rowLabels = cells.columnLabels = small ? abbreviate(classes) : classes;
    cells.range = QCPRange(0, normalised ? 100.0 : qMax(1.0, countMax));
    cells.gradient = ColorMaps::viridis();
    cells.hoverTemplate = normalised ? QObject::tr("true %1, predicted %2: %3 % of the true class")
                                     : QObject::tr("true %1, predicted %2: %3 clips");
    return cells;
}

MatrixPlot::Cells accuracyCells(const sb::EvaluationResult& evaluation, const QStringList& classes)
{
    MatrixPlot::Cells cells;
    cells.rows = int(sb::dcase::kDevices.size());
    cells.columns = int(classes.size());
    for (const auto& device : sb::dcase::kDevices) {
        const auto it = evaluation.confusionPerDevice.find(std::string(device));
        for (int c = 0; c < cells.columns; ++c) {
            const double a = it == evaluation.confusionPerDevice.end() ? kNaN : classAccuracy(it->second, c);
            cells.values.push_back(std::isnan(a) ? kNaN : 100.0 * a);
            cells.texts << (std::isnan(a) ? QStringLiteral("–") : QString::number(100.0 * a, 'f', 0));
        }
        const QString name = QString::fromLatin1(device.data(), int(device.size()));
        cells.rowLabels << deviceTitle(name);
        cells.rowNames << name;
    }
    cells.columnLabels = cells.columnNames = classes;
    cells.range = QCPRange(0, 100);
    cells.gradient = ColorMaps::viridis();
    cells.hoverTemplate = QObject::tr("device %1, %2: %3 % right");
    return cells;
}

QString accuracyCsv(const sb::EvaluationResult& evaluation, const QStringList& classes)
{
    QString csv = QStringLiteral("device");
    for (const QString& c : classes) csv += QLatin1Char(',') + csv::field(c);
    csv += QStringLiteral(",macro\n");
    for (const auto& [device, m] : evaluation.confusionPerDevice) {
        csv += csv::field(QString::fromStdString(device));
        for (int c = 0; c < classes.size(); ++c) {
            const double a = classAccuracy(m, c);
            csv += QLatin1Char(',') + (std::isnan(a) ? QString() : QString::number(a, 'f', 4));
        }
        csv += QLatin1Char(',') + QString::number(m.macroAccuracy(), 'f', 4) + QLatin1Char('\n');
    }
    return csv;
}

}  // namespace sb::ui::confusion
