#pragma once
// How job progress reads in the GUI: "features 120/800 · 0:42 left".
#include "ui/jobs/JobBridge.h"

#include <QString>

namespace sb::ui {

inline QString formatDuration(double seconds)
{
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600) return QStringLiteral("%1:%2:%3").arg(s / 3600).arg((s / 60) % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

inline QString progressText(const JobProgress& p)
{
    QString text = p.stage;
    if (p.total > 0) text += QStringLiteral(" %1/%2").arg(p.done).arg(p.total);
    else if (p.done > 0) text += QStringLiteral(" %1").arg(p.done);
    if (p.etaSeconds >= 0) text += QStringLiteral(" · %1 left").arg(formatDuration(p.etaSeconds));
    else text += QStringLiteral(" · %1 elapsed").arg(formatDuration(p.elapsedSeconds));
    return text;
}

}  // namespace sb::ui
