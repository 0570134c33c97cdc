#include "core/common/FileLock.h"

#include "core/common/Error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/file.h>
#include <unistd.h>

namespace sb {

FileLock::FileLock(const std::string& path)
{
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error(std::string("cannot create the lock file: ") + std::strerror(errno), path);
    int rc;
    while ((rc = ::flock(fd_, LOCK_EX)) != 0 && errno == EINTR) {
    }
    if (rc != 0) {
        const int error = errno;
        ::close(fd_);
        throw Error(std::string("cannot lock: ") + std::strerror(error), path);
    }
}

FileLock::~FileLock()
{
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace sb
