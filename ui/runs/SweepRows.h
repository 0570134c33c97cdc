#pragma once
// A sweep as the Runs view shows it: one row per cell of the plan (sweep.json), in the
// plan's order, whether or not the cell has a run folder yet, each with its state from
// sb::sweepStatus (its run, its lock, its attempts, Slurm's queue). loadSweepRows is the
// view's background job (it may run squeue); sweepSignature is cheap enough for the
// view's 2-s poll on the GUI thread: it stats the files the last load listed (a sweep's
// plan never changes) and asks no one.
#include "ui/runs/RunRows.h"

#include <QString>

#include <vector>

namespace sb {
class CancellationToken;
class JobObserver;
}  // namespace sb

namespace sb::ui {

// The files a sweep's cells are read from: a change of any means reload.
struct SweepFiles {
    QString plan;                   // sweep.json: read again when it changes (an unreadable one)
    std::vector<QString> runs;      // each cell's run folder (its experiment, summary, metrics and lock)
    std::vector<QString> attempts;  // each cell's attempts file
    QString slurm;                  // the Slurm folder: a submission adds its script
};

struct SweepRows {
    QString name;  // the sweep's experiment
    std::vector<RunRow> rows;
    QString slurmError;        // why Slurm could not be asked, when the sweep was submitted
    bool slurmActive = false;  // Slurm queues or runs some of its cells: its queue changes no file here
    QString error;             // the sweep could not be read (rows is empty)
    SweepFiles files;
    QString signature;  // of `files`, taken before the cells were read

    // "8 cell(s): 3 done, 1 running, 4 pending" (the states present, finished first).
    QString countsText() const;
    // The Runs view's status line for the sweep in `folder`: its name, place and counts,
    // or why it cannot be read; and why Slurm could not be asked.
    QString summary(const QString& folder) const;
    // The readable runs of the finished cells: what the learning curve shows.
    std::vector<sb::RunRecord> finishedRecords() const;
};

// Reads the sweep in `folder`; `slurmActive` as the last load found it (for the
// signature). Throws only sb::Cancelled; a folder that is not a readable sweep gives `error`.
SweepRows loadSweepRows(const QString& folder, bool slurmActive, StudentSizes& sizes, sb::JobObserver& observer,
                        sb::CancellationToken& token);

// Sizes and modification times of `files` and whether each run's lock is held. With
// `slurmActive`, it also changes every 30 s, so Slurm's queue is asked again while it
// holds the sweep's cells (its queue changes no file here).
QString sweepSignature(const SweepFiles& files, bool slurmActive);

}  // namespace sb::ui
