#include "ui/runs/SweepRows.h"

#include "ui/workbench/ErrorText.h"

#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/experiment/RunDirectory.h"
#include "core/experiment/RunLock.h"
#include "core/sweep/SweepPlan.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QObject>

#include <algorithm>

namespace sb::ui {

namespace {

// How often Slurm's queue is asked again while it holds cells (squeue is cheap, not free).
constexpr qint64 kSlurmSeconds = 30;

// What RunRecord::find counts as a run: a cell's folder is one once the cell has started.
bool holdsRun(const std::string& folder)
{
    const QDir dir(QString::fromStdString(folder));
    return QFileInfo::exists(dir.filePath(QLatin1String(sb::RunDirectory::kExperimentFile))) &&
           QFileInfo::exists(dir.filePath(QLatin1String(sb::RunDirectory::kMetricsFile)));
}

QString stamp(const QString& path)
{
    const QFileInfo info(path);
    return QStringLiteral("|%1:%2").arg(info.size()).arg(info.exists() ? info.lastModified().toMSecsSinceEpoch() : -1);
}

}  // namespace

QString SweepRows::countsText() const
{
    QString text = QObject::tr("%n cell(s)", nullptr, int(rows.size()));
    QStringList parts;
    for (sb::CellState state : {sb::CellState::Done, sb::CellState::Running, sb::CellState::Queued,
                                sb::CellState::Interrupted, sb::CellState::Failed, sb::CellState::Pending}) {
        const auto n = std::count_if(rows.begin(), rows.end(), [state](const RunRow& r) { return r.cell && r.cell->state == state; });
        if (n > 0) parts << QStringLiteral("%1 %2").arg(n).arg(QString::fromLatin1(sb::cellStateName(state)));
    }
    return parts.isEmpty() ? text : text + QStringLiteral(": ") + parts.join(QStringLiteral(", "));
}

QString SweepRows::summary(const QString& folder) const
{
    const QString where = QDir::toNativeSeparators(folder);
    QString text = error.isEmpty() ? QObject::tr("Sweep %1 in %2: %3.").arg(name, where, countsText())
                                   : QObject::tr("Cannot read the sweep %1: %2").arg(where, error);
    if (!slurmError.isEmpty()) text += QLatin1Char(' ') + QObject::tr("Slurm: %1").arg(slurmError);
    return text;
}

std::vector<sb::RunRecord> SweepRows::finishedRecords() const
{
    std::vector<sb::RunRecord> records;
    for (const RunRow& row : rows)
        if (row.record && row.cell && row.cell->state == sb::CellState::Done) records.push_back(*row.record);
    return records;
}

SweepRows loadSweepRows(const QString& folder, bool slurmActive, StudentSizes& sizes, sb::JobObserver& observer,
                        sb::CancellationToken& token)
{
    SweepRows sweep;
    sweep.files.plan = QDir(folder).filePath(QLatin1String(sb::SweepPlan::kPlanFile));
    try {
        const sb::SweepPlan plan = sb::SweepPlan::open(folder.toStdString());
        sweep.name = QString::fromStdString(plan.name());
        sweep.files.slurm = QString::fromStdString(plan.slurmFolder());
        for (const sb::SweepCell& cell : plan.cells()) {
            sweep.files.runs.push_back(QString::fromStdString(plan.runFolder(cell)));
            sweep.files.attempts.push_back(QString::fromStdString(plan.attemptsFile(cell)));
        }
        // The signature first: a cell changing while it is read is read again at the next poll.
        sweep.signature = sweepSignature(sweep.files, slurmActive);
        const sb::SweepStatus status = sb::sweepStatus(plan);
        sweep.slurmError = QString::fromStdString(status.slurmError);
        sweep.slurmActive = QFileInfo(sweep.files.slurm).isDir() &&
                            status.count(sb::CellState::Queued) + status.count(sb::CellState::Running) > 0;
        sb::Progress progress;
        progress.stage = "cells";
        progress.total = long(status.cells.size());
        for (const sb::CellStatus& cell : status.cells) {
            token.checkpoint();
            const std::string run = plan.runFolder(cell.cell);
            RunRow row = holdsRun(run) ? loadRunRow(run, sizes) : RunRow{};
            row.path = QFileInfo(QString::fromStdString(run)).absoluteFilePath();
            row.name = QString::fromStdString(cell.cell.id);
            row.sweep = QFileInfo(folder).absoluteFilePath();
            row.cell = cell;
            sweep.rows.push_back(std::move(row));
            ++progress.done;
            observer.onProgress(progress);
        }
    } catch (const sb::Cancelled&) {
        throw;
    } catch (const std::exception& e) {
        const QString plan = sweep.files.plan;
        sweep = SweepRows{};
        sweep.files.plan = plan;
        sweep.error = errorText(e).simplified();
        sweep.signature = sweepSignature(sweep.files, false);
    }
    return sweep;
}

QString sweepSignature(const SweepFiles& files, bool slurmActive)
{
    QString s = stamp(files.plan);
    for (size_t i = 0; i < files.runs.size(); ++i) {
        const QDir dir(files.runs[i]);
        for (const char* file : {sb::RunDirectory::kExperimentFile, sb::RunDirectory::kSummaryFile, sb::RunDirectory::kMetricsFile})
            s += stamp(dir.filePath(QLatin1String(file)));
        s += stamp(files.attempts[i]);
        // A process that takes up a cell or dies changes no file: its lock tells.
        if (sb::RunLock::isHeld(files.runs[i].toStdString())) s += QStringLiteral("|held");
        s += QLatin1Char('\n');
    }
    s += stamp(files.slurm);
    if (slurmActive) s += QStringLiteral("|slurm %1").arg(QDateTime::currentSecsSinceEpoch() / kSlurmSeconds);
    return s;
}

}  // namespace sb::ui
