#pragma once
// The attempts at one sweep cell, appended to SWEEP_DIR/attempts/<id>.jsonl: one line
// when an attempt starts (time, host, pid, Slurm job, run or resume) and one when it
// ends (exit code, message). Whole lines are appended with O_APPEND, so cells on several
// nodes of a shared file system never interleave within a line. A start without an end
// is an attempt that was killed (kill -9, scancel after its grace time, a node lost).
#include <optional>
#include <string>
#include <vector>

namespace sb {

struct CellAttempt {
    double started = 0;  // seconds since the epoch
    std::string host;
    long pid = 0;
    std::string slurmJob;  // "JOBID_TASK" under Slurm, else empty
    std::string mode;      // "run" (new run directory) or "resume"
    std::optional<int> exitCode;  // absent while running, or when the attempt was killed
    std::string message;          // the error, for a failed attempt
    double ended = 0;
};

class CellAttempts {
public:
    explicit CellAttempts(std::string file) : file_(std::move(file)) {}

    // Appends a start record for this process and returns its attempt number (1-based).
    int start(const std::string& mode);
    void end(int exitCode, const std::string& message);

    // Every attempt in order; an unreadable line (a torn write on a full disk) is skipped.
    std::vector<CellAttempt> read() const;

private:
    std::string file_;
};

}  // namespace sb
