#include "ui/runs/RunRows.h"

#include "ui/workbench/ErrorText.h"

#include "core/common/CancellationToken.h"
#include "core/common/Error.h"
#include "core/common/JobObserver.h"
#include "core/experiment/RunLock.h"
#include "core/results/LearningCurve.h"
#include "core/sweep/SweepPlan.h"

#include <QFileInfo>
#include <QObject>

#include <cmath>

namespace sb::ui {

namespace {

QString cellStatus(const sb::CellStatus& cell)
{
    QString text = QString::fromLatin1(sb::cellStateName(cell.state));
    if (cell.attempts > 1) text += QStringLiteral(" (%1 attempts)").arg(cell.attempts);
    if (cell.state == sb::CellState::Failed && !cell.detail.empty()) text += QStringLiteral(": ") + QString::fromStdString(cell.detail);
    return text;
}

QString cellStatusTip(const sb::CellStatus& cell)
{
    const QString again = QObject::tr("Running the sweep again (`scenebench-cli sweep run` or `sweep submit`) continues it.");
    QString tip;
    switch (cell.state) {
    case sb::CellState::Pending: tip = QObject::tr("Not started yet."); break;
    case sb::CellState::Queued: tip = QObject::tr("Slurm has its task queued."); break;
    case sb::CellState::Running: tip = QObject::tr("Running now."); break;
    case sb::CellState::Interrupted:
        tip = QObject::tr("Started, not finished, and nothing runs it (stopped, killed, a node lost). %1").arg(again);
        break;
    case sb::CellState::Failed: tip = QObject::tr("Its last attempt failed. %1").arg(again); break;
    case sb::CellState::Done: tip = QObject::tr("Finished: every model was trained and scored."); break;
    }
    if (!cell.detail.empty()) tip += QLatin1Char('\n') + QString::fromStdString(cell.detail);
    return tip + QLatin1Char('\n') + QObject::tr("%n attempt(s).", nullptr, cell.attempts);
}

}  // namespace

QString RunRow::status() const
{
    if (cell && !unreadable()) return cellStatus(*cell);
    if (!record) return QStringLiteral("unreadable: ") + error;
    if (record->finished) return QStringLiteral("finished");
    if (runningHere) return QStringLiteral("running");
    if (held) return QStringLiteral("running elsewhere");
    if (!failure.isEmpty()) return QStringLiteral("failed: ") + failure;
    return QStringLiteral("interrupted");
}

QString RunRow::statusTip() const
{
    if (cell && !unreadable()) return cellStatusTip(*cell);
    if (!record) return error;
    if (record->finished) return QObject::tr("The run finished: every model was trained and scored.");
    if (runningHere) return QObject::tr("This window runs it now (Esc stops it).");
    if (held) {
        return QObject::tr("Another process (a terminal, another window) runs it now: it cannot be resumed here until "
                           "that process stops.");
    }
    const QString resume = QObject::tr("Right-click ▸ Resume (or Shift+F5 when it is the current run) continues it "
                                       "where it stopped.");
    if (!failure.isEmpty()) return QObject::tr("It failed: %1\n%2").arg(failure, resume);
    return QObject::tr("Not finished, and no process runs it (stopped, killed or crashed). %1").arg(resume);
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

RunRow loadRunRow(const std::string& folder, StudentSizes& sizes)
{
    RunRow row;
    row.path = QFileInfo(QString::fromStdString(folder)).absoluteFilePath();
    row.name = QFileInfo(row.path).fileName();
    const QString parent = QFileInfo(row.path).absolutePath();
    if (sb::SweepPlan::isSweep(parent.toStdString())) {
        row.sweep = parent;
        row.name = QFileInfo(parent).fileName() + QLatin1Char('/') + row.name;  // cell ids repeat across sweeps
    }
    row.held = sb::RunLock::isHeld(folder);
    try {
        row.record = sb::RunRecord::load(folder);
    } catch (const std::exception& e) {
        row.error = errorText(e).simplified();
    }
    if (row.record) {
        const sb::StudentConfig& s = row.record->config.student;
        const StudentSizes::Size size = sizes.get(s.width, s.depth, s.mels);
        row.params = size.params;
        row.macs = size.macs;
        row.complexityError = size.error;
    }
    return row;
}

std::vector<RunRow> loadRunRows(const std::vector<std::string>& folders, StudentSizes& sizes,
                                sb::JobObserver& observer, sb::CancellationToken& token)
{
    std::vector<RunRow> rows;
    sb::Progress progress;
    progress.stage = "runs";
    progress.total = long(folders.size());
    for (const std::string& folder : folders) {
        token.checkpoint();
        rows.push_back(loadRunRow(folder, sizes));
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
