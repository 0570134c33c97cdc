#pragma once
// Sees files being created under a folder as it happens (Linux inotify, watching every
// subfolder as it appears), so a test can SIGKILL a writer the moment it starts writing
// a given file: a kill "during a checkpoint write" on purpose rather than by luck.
#include <chrono>
#include <functional>
#include <map>
#include <string>

namespace sb::test {

class WriteWatcher {
public:
    // `folder` need not exist yet: it is watched from when it appears in its parent.
    explicit WriteWatcher(std::string folder);
    ~WriteWatcher();
    WriteWatcher(const WriteWatcher&) = delete;
    WriteWatcher& operator=(const WriteWatcher&) = delete;

    // Blocks until a file whose path relative to the folder satisfies `match` is created,
    // or `timeout` passes, or `stop()` says to give up (polled every 50 ms). Returns the
    // relative path, or empty.
    std::string waitForCreated(const std::function<bool(const std::string&)>& match,
                               std::chrono::milliseconds timeout, const std::function<bool()>& stop);

private:
    void watch(const std::string& relative);  // relative "" is the folder itself
    // Watches a folder and everything below it; returns a file already there that
    // matches (a folder made just before a file was written in it), else empty.
    std::string watchTree(const std::string& relative, const std::function<bool(const std::string&)>& match);

    std::string folder_;
    int fd_ = -1;
    int parentWatch_ = -1;
    std::map<int, std::string> watches_;  // watch descriptor -> relative folder
};

}  // namespace sb::test
