#pragma once
// metrics.jsonl of a run: one JSON object per line, appended and flushed as events
// happen so that a viewer (or another machine) can follow the file while it grows.
// Thread-safe. Reopening after a crash drops a partially written last line.
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace sb {

class MetricsLog {
public:
    // Opens (creating or appending to) `path`. `startSeconds` continues the wall clock of
    // a resumed run, so "time" keeps increasing across resumes.
    explicit MetricsLog(const std::string& path, double startSeconds = 0);
    ~MetricsLog();
    MetricsLog(const MetricsLog&) = delete;
    MetricsLog& operator=(const MetricsLog&) = delete;

    // Adds "time" (seconds since the run started) when absent, writes one line, flushes.
    void append(nlohmann::json event);
    double elapsedSeconds() const;

    // Size of the log in bytes, and cutting it back to such a size: a resumed stage drops
    // the events written after its last saved state, so no event appears twice.
    uint64_t bytes();
    void truncate(uint64_t bytes);

private:
    std::FILE* file_ = nullptr;
    std::string path_;
    double startSeconds_;
    std::chrono::steady_clock::time_point opened_;
    std::mutex mutex_;
};

// Every complete line of a metrics.jsonl file (a partial last line is skipped).
std::vector<nlohmann::json> readMetrics(const std::string& path);

}  // namespace sb
