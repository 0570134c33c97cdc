#include "core/common/AtomicFile.h"

#include "core/common/Error.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <regex>
#include <unistd.h>
#include <vector>

namespace sb {

static std::string tempNameFor(const std::string& path)
{
    static std::atomic<unsigned> counter{0};
    return path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(counter++);
}

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)), tempPath_(tempNameFor(path_))
{
    const auto parent = std::filesystem::path(path_).parent_path();
    if (!parent.empty() && !std::filesystem::is_directory(parent))
        throw Error("folder does not exist", parent.string());
    fd_ = ::open(tempPath_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd_ < 0) throw Error(std::string("cannot create file: ") + std::strerror(errno), tempPath_);
}

AtomicFileWriter::~AtomicFileWriter()
{
    if (fd_ >= 0) {
        ::close(fd_);
        ::unlink(tempPath_.c_str());
    }
}

void AtomicFileWriter::write(const char* data, size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd_, data, size);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Error(std::string("write failed: ") + std::strerror(errno), path_);
        }
        data += n;
        size -= static_cast<size_t>(n);
    }
}

void AtomicFileWriter::commit()
{
    if (::fsync(fd_) != 0) throw Error(std::string("fsync failed: ") + std::strerror(errno), path_);
    ::close(fd_);
    fd_ = -1;
    if (std::rename(tempPath_.c_str(), path_.c_str()) != 0) {
        const std::string reason = std::strerror(errno);
        ::unlink(tempPath_.c_str());
        throw Error("cannot replace file: " + reason, path_);
    }
}

bool isAtomicTemporary(const std::string& fileName)
{
    static const std::regex pattern(R"(.+\.tmp\.[0-9]+\.[0-9]+)");
    return std::regex_match(fileName, pattern);
}

int removeAtomicTemporaries(const std::string& folder)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> found;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file() && isAtomicTemporary(it->path().filename().string())) found.push_back(it->path());
    int removed = 0;
    for (const auto& path : found) removed += fs::remove(path, ec) ? 1 : 0;
    return removed;
}

void writeFileAtomic(const std::string& path, const std::string& contents)
{
    AtomicFileWriter w(path);
    w.write(contents);
    w.commit();
}

void appendLine(const std::string& path, const std::string& line)
{
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) throw Error(std::string("cannot open for appending: ") + std::strerror(errno), path);
    const std::string text = line + "\n";
    // One write() of a whole line: O_APPEND makes it land after every other writer's line.
    const ssize_t written = ::write(fd, text.data(), text.size());
    const int error = errno;
    ::close(fd);
    if (written != ssize_t(text.size()))
        throw Error(std::string("write failed: ") + (written < 0 ? std::strerror(error) : "short write"), path);
}

}  // namespace sb
