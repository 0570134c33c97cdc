#include "core/experiment/RunLock.h"

#include "core/common/Error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>

namespace sb {

namespace {

std::string lockPath(const std::string& runFolder)
{
    return (std::filesystem::path(runFolder) / RunLock::kLockFile).string();
}

// The lock file's descriptor with an exclusive lock on it, or -1 when someone holds it.
// Each open() is its own open file description, so a second lock in this process
// conflicts with the first, like one in another process.
int tryLock(const std::string& path, int flags)
{
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
    if (fd < 0) return -2;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
    const int error = errno;
    ::close(fd);
    errno = error;
    return -1;
}

}  // namespace

RunLock::RunLock(const std::string& runFolder)
{
    const std::string path = lockPath(runFolder);
    // isHeld() takes the lock for an instant to test it (the GUI polls): a few retries
    // keep such a test from refusing a run that nobody is running.
    for (int attempt = 0; attempt < 20; ++attempt) {
        fd_ = tryLock(path, O_RDWR | O_CREAT);
        if (fd_ != -1 || errno != EWOULDBLOCK) break;
        ::usleep(10 * 1000);
    }
    if (fd_ == -2) throw Error(std::string("cannot create the run's lock file: ") + std::strerror(errno), path);
    if (fd_ == -1) {
        if (errno == EWOULDBLOCK)
            throw Error("another process is running this run now (its lock file " + std::string(kLockFile) +
                            " is held); wait for it to finish or stop it first",
                        runFolder);
        throw Error(std::string("cannot lock the run: ") + std::strerror(errno), path);
    }
}

RunLock::~RunLock()
{
    if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the lock
}

bool RunLock::isHeld(const std::string& runFolder)
{
    const int fd = tryLock(lockPath(runFolder), O_RDONLY);
    if (fd >= 0) {
        ::close(fd);
        return false;
    }
    return fd == -1 && errno == EWOULDBLOCK;  // no lock file (-2): never run, or run by an older version
}

}  // namespace sb
