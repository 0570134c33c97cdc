#include "ui/confusion/ConfusionCells.h"

#include "core/common/Dcase.h"
#include "ui/plots/ColorMaps.h"

#include <QDir>
#include <QFile>

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

QString csvField(QString s)
{
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"'))) return s;
    return QLatin1Char('"') + s.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
}

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

MatrixPlot::Cells differenceCells(const std::vector<long>& difference, const QStringList& classes)
{
    MatrixPlot::Cells cells;
    cells.rows = cells.columns = int(classes.size());
    long largest = 1;
    for (long d : difference) largest = qMax(largest, std::labs(d));
    for (long d : difference) {
        cells.values.push_back(double(d));
        cells.texts << (d > 0 ? QStringLiteral("+%1").arg(d) : QString::number(d));
    }
    cells.rowLabels = cells.columnLabels = cells.rowNames = cells.columnNames = classes;
    cells.range = QCPRange(-double(largest), double(largest));  // symmetric: white is "no change"
    cells.gradient = MatrixPlot::diverging();
    cells.hoverTemplate = QObject::tr("true %1, predicted %2: %3 clips (B − A)");
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

QString matrixCsv(const std::vector<long>& counts, const QStringList& classes)
{
    QString csv = QStringLiteral("true\\predicted");
    for (const QString& c : classes) csv += QLatin1Char(',') + csvField(c);
    csv += QLatin1Char('\n');
    const size_t n = size_t(classes.size());
    for (size_t t = 0; t < n && (t + 1) * n <= counts.size(); ++t) {
        csv += csvField(classes[int(t)]);
        for (size_t p = 0; p < n; ++p) csv += QLatin1Char(',') + QString::number(counts[t * n + p]);
        csv += QLatin1Char('\n');
    }
    return csv;
}

QString accuracyCsv(const sb::EvaluationResult& evaluation, const QStringList& classes)
{
    QString csv = QStringLiteral("device");
    for (const QString& c : classes) csv += QLatin1Char(',') + csvField(c);
    csv += QStringLiteral(",macro\n");
    for (const auto& [device, m] : evaluation.confusionPerDevice) {
        csv += csvField(QString::fromStdString(device));
        for (int c = 0; c < classes.size(); ++c) {
            const double a = classAccuracy(m, c);
            csv += QLatin1Char(',') + (std::isnan(a) ? QString() : QString::number(a, 'f', 4));
        }
        csv += QLatin1Char(',') + QString::number(m.macroAccuracy(), 'f', 4) + QLatin1Char('\n');
    }
    return csv;
}

void writeText(const QString& directory, const QString& name, const QString& text, QStringList* written,
               QStringList* errors)
{
    const QString path = QDir(directory).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(text.toUtf8()) < 0) {
        if (errors) errors->append(QObject::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return;
    }
    if (written) written->append(path);
}

}  // namespace sb::ui::confusion
