#pragma once
// How a core job reports while it runs. Implementations must be thread-safe: calls
// come from the job's thread (never the GUI thread); ui/ turns them into queued signals.
#include <nlohmann/json.hpp>

#include <string>

namespace sb {

struct Progress {
    std::string stage;       // e.g. "features", "teacher 1/3", "student", "t-SNE"
    long done = 0;           // units finished (clips, steps, iterations)
    long total = 0;          // 0 when unknown
    double elapsedSeconds = 0;
    double etaSeconds = -1;  // < 0 when unknown
};

enum class LogLevel { Info, Warning, Error };

class JobObserver {
public:
    virtual ~JobObserver() = default;
    virtual void onProgress(const Progress&) {}
    // One metrics event, as written to metrics.jsonl (stage, epoch, step, losses, ...).
    virtual void onMetric(const nlohmann::json&) {}
    virtual void onLog(LogLevel, const std::string&) {}
};

}  // namespace sb
