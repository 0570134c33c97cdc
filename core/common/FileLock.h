#pragma once
// An exclusive advisory lock on a file (flock), waited for: for work that several
// processes may start at once and only one should do, e.g. generating the demo dataset,
// pre-training its encoder, or training a teacher that sweep cells share. The kernel
// drops it when the holder dies, even by SIGKILL. (RunLock, which refuses instead of
// waiting, guards run folders.)
#include <string>

namespace sb {

class FileLock {
public:
    // Creates `path` (and its folder) if needed and waits until the lock is ours. Throws
    // sb::Error naming the file when it cannot be created or locked.
    explicit FileLock(const std::string& path);
    ~FileLock();
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace sb
