#include "ui/runs/RunRows.h"

#include "ui/workbench/ErrorText.h"

#include "core/common/CancellationToken.h"
#include "core/common/Error.h"
#include "core/common/JobObserver.h"
#include "core/features/CpMel.h"
#include "core/models/Complexity.h"
#include "core/results/LearningCurve.h"

#include <QFileInfo>

#include <cmath>
#include <map>
#include <tuple>

namespace sb::ui {

namespace {

struct Size {
    std::optional<int64_t> params, macs;
    QString error;
};

}  // namespace

QString RunRow::status() const
{
    if (!record) return QStringLiteral("unreadable: ") + error;
    return record->finished ? QStringLiteral("finished") : QStringLiteral("running or stopped");
}

const sb::ModelScores* RunRow::scores(const std::string& model) const
{
    if (!record) return nullptr;
    const auto it = record->models.find(model);
    return it == record->models.end() ? nullptr : &it->second;
}

const sb::ModelScores* RunRow::bestTeacher() const
{
    if (!record) return nullptr;
    const sb::ModelScores* best = nullptr;
    for (const auto& [model, s] : record->models)
        if (sb::modelKind(*record, model) == "teacher" && std::isfinite(s.accuracy) && (!best || s.accuracy > best->accuracy))
            best = &s;
    return best;
}

std::vector<RunRow> loadRunRows(const std::vector<std::string>& folders, sb::JobObserver& observer,
                                sb::CancellationToken& token)
{
    std::vector<RunRow> rows;
    // Runs of a sweep usually share the student: measure each size once.
    std::map<std::tuple<int, int, int>, Size> sizes;
    sb::Progress progress;
    progress.stage = "runs";
    progress.total = long(folders.size());
    for (const std::string& folder : folders) {
        token.checkpoint();
        RunRow row;
        row.path = QFileInfo(QString::fromStdString(folder)).absoluteFilePath();
        row.name = QFileInfo(row.path).fileName();
        try {
            row.record = sb::RunRecord::load(folder);
        } catch (const std::exception& e) {
            row.error = errorText(e).simplified();
        }
        if (row.record) {
            const sb::StudentConfig& s = row.record->config.student;
            const auto key = std::make_tuple(s.width, s.depth, s.mels);
            auto found = sizes.find(key);
            if (found == sizes.end()) {
                Size size;
                try {
                    const sb::ModelComplexity c = sb::measureTfSepNet(s.width, s.depth, s.mels, sb::CpMel::framesPerSecond());
                    size.params = c.params;
                    size.macs = c.macs;
                } catch (const std::exception& e) {
                    size.error = errorText(e).simplified();
                }
                found = sizes.emplace(key, size).first;
            }
            row.params = found->second.params;
            row.macs = found->second.macs;
            row.complexityError = found->second.error;
        }
        rows.push_back(std::move(row));
        ++progress.done;
        observer.onProgress(progress);
    }
    return rows;
}

QString formatWallTime(std::optional<double> seconds)
{
    if (!seconds || !std::isfinite(*seconds) || *seconds < 0) return QStringLiteral("–");
    const qint64 total = qint64(std::llround(*seconds));
    const qint64 h = total / 3600, m = (total % 3600) / 60, s = total % 60;
    if (h > 0) return QStringLiteral("%1 h %2 min").arg(h).arg(m, 2, 10, QLatin1Char('0'));
    if (m > 0) return QStringLiteral("%1 min %2 s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1 s").arg(s);
}

}  // namespace sb::ui
