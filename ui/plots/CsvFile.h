#pragma once
// The CSV every view exports (Export Views, the plots' menus): one way to quote a field,
// one way to write a matrix of counts, one atomic write. Plain functions; any thread.
#include <QString>
#include <QStringList>

#include <vector>

namespace sb::ui::csv {

// The field as is, or quoted ("" for a quote) when it holds a comma, a quote or a line break.
QString field(QString text);
// Header "true\predicted,<classes>", then one row per true class of the row-major counts.
QString matrix(const std::vector<long>& counts, const QStringList& classes);
// Writes text to path atomically (QSaveFile: a failed export leaves the old file); the
// path goes to *written, or "path: why" to *errors.
void write(const QString& path, const QString& text, QStringList* written, QStringList* errors);

}  // namespace sb::ui::csv
