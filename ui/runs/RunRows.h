#pragma once
// One line of the Runs view per run folder: the folder's RunRecord with the student's
// size (params and MACs of its TF-SepNet, from the run's own config), or, when the
// folder cannot be read, the reason. A sweep's cell is a row too, with or without its
// run folder yet, carrying the cell's state (sb::sweepStatus). loadRunRows is the Runs
// view's background job: it reads every folder (a broken one becomes an error row, never
// an exception) and may run on any thread; the rows are plain values handed to the GUI
// thread.
#include "core/results/RunRecord.h"
#include "core/sweep/SweepStatus.h"
#include "ui/runs/StudentSizes.h"

#include <QString>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sb {
class CancellationToken;
class JobObserver;
}  // namespace sb

namespace sb::ui {

struct RunRow {
    QString path;  // absolute
    QString name;  // the folder's name
    std::optional<sb::RunRecord> record;  // empty when the folder could not be read
    QString error;                        // why, when record is empty
    std::optional<int64_t> params, macs;  // the student's, for a 1-s clip
    QString complexityError;              // why params/macs are missing
    bool held = false;         // a live process runs it now (its sb::RunLock is held)
    bool runningHere = false;  // this window runs it (set on the GUI thread)
    QString failure;           // why this window's last run of it failed; empty: it did not
    QString sweep;             // the sweep folder this run is a cell of; empty: a run of its own
    std::optional<sb::CellStatus> cell;  // set when the view shows a sweep: the cell's state

    bool readable() const { return record.has_value(); }
    // The folder holds a run that could not be read (not: a sweep's cell not started yet).
    bool unreadable() const { return !record && !error.isEmpty(); }
    // Not finished and no one runs it: killed, crashed or stopped, so Resume continues it.
    // A sweep's cell is continued by its sweep (run or submitted again), never alone.
    bool interrupted() const { return readable() && !record->finished && !held && !runningHere && sweep.isEmpty(); }
    // The status column: "finished", "running", "running elsewhere", "failed: <why>",
    // "interrupted", "unreadable: <why>"; a sweep's cell: its state ("pending", "queued",
    // "running", "interrupted", "failed: <why>", "done"), with its attempts when several.
    QString status() const;
    // What the status means for the user (the status column's tooltip).
    QString statusTip() const;
    // A model's scores, or null when the run has none for it.
    const sb::ModelScores* scores(const std::string& model) const;
    // The run's best teacher (highest accuracy; teachers as sb::modelKind names them), or null.
    const sb::ModelScores* bestTeacher() const;
};

// Reads each run folder (RunRecord::load) and whether a process runs it now, and gives
// its student's size from `sizes` (measured when new). A run inside a sweep's folder is
// named "<sweep>/<cell>". Throws only sb::Cancelled.
std::vector<RunRow> loadRunRows(const std::vector<std::string>& folders, StudentSizes& sizes,
                                sb::JobObserver& observer, sb::CancellationToken& token);
// One run folder, as loadRunRows reads it; never throws.
RunRow loadRunRow(const std::string& folder, StudentSizes& sizes);

// "1 h 02 min", "3 min 20 s", "45 s"; "–" when unknown.
QString formatWallTime(std::optional<double> seconds);

}  // namespace sb::ui
