#pragma once
// Who runs a run directory now: an advisory lock on RUN_DIR/.lock (flock), held for as
// long as a runner works in the folder. The kernel drops it when the holder dies, even by
// SIGKILL, so a folder that is unfinished and not held is an interrupted run, and two
// processes (two terminals, a terminal and the GUI, two cells of a sweep) never resume the
// same run at once. Works on local file systems and on NFS (Linux emulates flock there).
#include <string>

namespace sb {

class RunLock {
public:
    // Takes the lock; throws sb::Error naming the folder when another process (or another
    // RunLock object of this process) holds it.
    explicit RunLock(const std::string& runFolder);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

    // Whether a live process, this one included, holds the folder's lock now.
    static bool isHeld(const std::string& runFolder);

    static constexpr const char* kLockFile = ".lock";

private:
    int fd_ = -1;
};

}  // namespace sb
