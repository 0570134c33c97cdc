#include "tests/core/train/WriteWatcher.h"

#include <filesystem>
#include <poll.h>
#include <stdexcept>
#include <sys/inotify.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sb::test {

WriteWatcher::WriteWatcher(std::string folder) : folder_(fs::absolute(folder).lexically_normal().string())
{
    if (!folder_.empty() && folder_.back() == '/') folder_.pop_back();
    fd_ = ::inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    if (fd_ < 0) throw std::runtime_error("inotify_init1 failed");
    parentWatch_ = ::inotify_add_watch(fd_, fs::path(folder_).parent_path().c_str(), IN_CREATE | IN_MOVED_TO);
    if (fs::is_directory(folder_)) watchTree("", {});
}

WriteWatcher::~WriteWatcher() { ::close(fd_); }

void WriteWatcher::watch(const std::string& relative)
{
    const std::string path = relative.empty() ? folder_ : folder_ + "/" + relative;
    const int wd = ::inotify_add_watch(fd_, path.c_str(), IN_CREATE | IN_MOVED_TO);
    if (wd >= 0) watches_[wd] = relative;
}

std::string WriteWatcher::watchTree(const std::string& relative, const std::function<bool(const std::string&)>& match)
{
    watch(relative);
    const std::string path = relative.empty() ? folder_ : folder_ + "/" + relative;
    std::string found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(path, ec)) {
        const std::string name = entry.path().filename().string();
        const std::string below = relative.empty() ? name : relative + "/" + name;
        const std::string inside = entry.is_directory() ? watchTree(below, match) : (match && match(below) ? below : "");
        if (found.empty()) found = inside;
    }
    return found;
}

std::string WriteWatcher::waitForCreated(const std::function<bool(const std::string&)>& match,
                                         std::chrono::milliseconds timeout, const std::function<bool()>& stop)
{
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    alignas(inotify_event) char buffer[64 * 1024];
    while (std::chrono::steady_clock::now() < deadline && !(stop && stop())) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0) continue;
        const ssize_t n = ::read(fd_, buffer, sizeof buffer);
        for (ssize_t at = 0; at < n;) {
            const auto* e = reinterpret_cast<const inotify_event*>(buffer + at);
            at += ssize_t(sizeof(inotify_event) + e->len);
            if (e->len == 0) continue;
            const std::string name = e->name;
            if (e->wd == parentWatch_) {
                if (name != fs::path(folder_).filename().string() || !(e->mask & IN_ISDIR)) continue;
                if (auto found = watchTree("", match); !found.empty()) return found;
                continue;
            }
            const auto folder = watches_.find(e->wd);
            if (folder == watches_.end()) continue;
            const std::string relative = folder->second.empty() ? name : folder->second + "/" + name;
            if (e->mask & IN_ISDIR) {
                if (auto found = watchTree(relative, match); !found.empty()) return found;
            } else if (match(relative)) {
                return relative;
            }
        }
    }
    return {};
}

}  // namespace sb::test
