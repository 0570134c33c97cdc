#include "ui/workbench/ErrorText.h"

#include "core/common/Error.h"

namespace sb::ui {

QString errorText(const std::exception& error)
{
    const auto* e = dynamic_cast<const sb::Error*>(&error);
    if (!e) return QString::fromLocal8Bit(error.what());
    if (e->where().empty()) return QString::fromStdString(e->message());
    return QStringLiteral("%1 (%2)").arg(QString::fromStdString(e->message()), QString::fromStdString(e->where()));
}

}  // namespace sb::ui
