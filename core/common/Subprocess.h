#pragma once
// Other programs, run from the engine: cluster commands whose output is parsed (sbatch,
// squeue, sacct) and child processes that run sweep cells. POSIX only; argv is passed
// as is (no shell), and programs without a '/' are looked up on PATH.
#include <string>
#include <sys/types.h>
#include <vector>

namespace sb {

struct CommandResult {
    bool started = false;  // false: the program was not found or could not be run
    int exitCode = -1;     // 128 + signal when it was killed, -1 when not started or timed out
    bool timedOut = false;
    std::string out, err;
};

// Runs argv, stdin from /dev/null, and waits at most timeoutSeconds (then kills it).
CommandResult runCommand(const std::vector<std::string>& argv, double timeoutSeconds = 60);

// Starts argv in its own process group, with stdout and stderr appended to logFile
// (created with its folder), and returns its pid; throws sb::Error naming the program
// when it cannot start.
pid_t spawnLogged(const std::vector<std::string>& argv, const std::string& logFile);

// Whether the child `pid` (from spawnLogged) has ended, without waiting; then *exitCode
// is its exit code (128 + signal when it was killed). Only that pid is reaped, so other
// children of the process (a GUI's QProcesses) are left alone.
bool childEnded(pid_t pid, int* exitCode);

}  // namespace sb
