#include "core/sweep/SweepStatus.h"

#include "core/experiment/RunDirectory.h"
#include "core/experiment/RunLock.h"
#include "core/sweep/CellAttempts.h"
#include "core/sweep/SweepPlan.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sb {

const char* cellStateName(CellState state)
{
    switch (state) {
    case CellState::Pending: return "pending";
    case CellState::Queued: return "queued";
    case CellState::Running: return "running";
    case CellState::Interrupted: return "interrupted";
    case CellState::Failed: return "failed";
    case CellState::Done: return "done";
    }
    return "?";
}

CellState classifyCell(const CellFacts& f)
{
    if (f.finished) return CellState::Done;
    if (f.lockHeld) return CellState::Running;
    if (f.slurm && f.slurm->active())
        return f.slurm->state == "PENDING" ? CellState::Queued : CellState::Running;
    // An attempt that ended with an error (not a cancel: 130) is a failure until retried.
    if (f.lastExit && *f.lastExit != 0 && *f.lastExit != 130) return CellState::Failed;
    if (f.runExists || f.attempts > 0) return CellState::Interrupted;
    return CellState::Pending;
}

int SweepStatus::count(CellState state) const
{
    int n = 0;
    for (const auto& c : cells) n += c.state == state;
    return n;
}

SweepStatus sweepStatus(const SweepPlan& plan)
{
    SweepStatus status;
    const auto slurm = querySlurm(plan, &status.slurmError);
    for (const auto& cell : plan.cells()) {
        const std::string run = plan.runFolder(cell);
        const auto attempts = CellAttempts(plan.attemptsFile(cell)).read();
        CellFacts f;
        f.runExists = fs::exists(fs::path(run) / RunDirectory::kExperimentFile);
        f.finished = f.runExists && isRunFinished(run);
        f.lockHeld = f.runExists && !f.finished && RunLock::isHeld(run);
        if (const auto s = slurm.find(cell.index); s != slurm.end()) f.slurm = s->second;
        f.attempts = int(attempts.size());
        if (!attempts.empty()) f.lastExit = attempts.back().exitCode;

        CellStatus c{cell, classifyCell(f), f.attempts, {}};
        if (c.state == CellState::Failed) c.detail = attempts.back().message;
        else if (f.slurm && (c.state == CellState::Queued || c.state == CellState::Running))
            c.detail = "Slurm task " + f.slurm->jobId;
        else if (c.state == CellState::Running && !attempts.empty()) c.detail = "on " + attempts.back().host;
        else if (c.state == CellState::Interrupted && f.slurm) c.detail = "Slurm: " + f.slurm->state;
        status.cells.push_back(c);
    }
    return status;
}

}  // namespace sb
