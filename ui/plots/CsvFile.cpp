#include "ui/plots/CsvFile.h"

#include <QDir>
#include <QSaveFile>

namespace sb::ui::csv {

QString field(QString text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')))
        return text;
    return QLatin1Char('"') + text.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"');
}

QString matrix(const std::vector<long>& counts, const QStringList& classes)
{
    QString csv = QStringLiteral("true\\predicted");
    for (const QString& c : classes) csv += QLatin1Char(',') + field(c);
    csv += QLatin1Char('\n');
    const size_t n = size_t(classes.size());
    for (size_t t = 0; t < n && (t + 1) * n <= counts.size(); ++t) {
        csv += field(classes[int(t)]);
        for (size_t p = 0; p < n; ++p) csv += QLatin1Char(',') + QString::number(counts[t * n + p]);
        csv += QLatin1Char('\n');
    }
    return csv;
}

void write(const QString& path, const QString& text, QStringList* written, QStringList* errors)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit()) {
        if (written) written->append(path);
    } else if (errors) {
        errors->append(QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
    }
}

}  // namespace sb::ui::csv
