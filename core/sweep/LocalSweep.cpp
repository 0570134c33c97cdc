#include "core/sweep/LocalSweep.h"

#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/common/Subprocess.h"
#include "core/sweep/SweepPlan.h"
#include "core/sweep/SweepStatus.h"

#include <chrono>
#include <csignal>
#include <deque>
#include <map>
#include <thread>

namespace sb {
namespace {

struct Child {
    SweepCell cell;
    int attempt = 1;  // 1 = first try, 2 = the retry
};

class LocalSweepRun {
public:
    LocalSweepRun(const SweepPlan& plan, const LocalSweepOptions& options, JobObserver* observer)
        : plan_(plan), options_(options), observer_(observer)
    {
        const int jobs = std::max(1, options.jobs);
        // The command line's, else the experiment's, else the cores shared among the jobs.
        threads_ = options.threads > 0         ? options.threads
                   : plan.config().threads > 0 ? plan.config().threads
                                               : std::max(1, defaultThreadCount() / jobs);
    }

    LocalSweepResult run(CancellationToken& token)
    {
        queueCells();
        total_ = long(queue_.size());
        report();
        while (!queue_.empty() || !children_.empty()) {
            if (token.isCancelled()) return cancel();
            while (!queue_.empty() && int(children_.size()) < std::max(1, options_.jobs)) {
                start(queue_.front());
                queue_.pop_front();
            }
            reap();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return result_;
    }

private:
    void queueCells()
    {
        for (const auto& c : sweepStatus(plan_).cells) {
            // Another process runs it (a second `sweep run`, a Slurm task): leave it be.
            const bool elsewhere = c.state == CellState::Running || c.state == CellState::Queued;
            if (c.state == CellState::Done || elsewhere) ++result_.skipped;
            else queue_.push_back({c.cell, 1});
        }
    }

    void start(const Child& child)
    {
        std::vector<std::string> argv = {options_.cli, "sweep", "cell", plan_.path(), "--id", child.cell.id,
                                         "--threads", std::to_string(threads_)};
        if (!options_.device.empty()) argv.insert(argv.end(), {"--device", options_.device});
        info("cell " + child.cell.id + (child.attempt > 1 ? ": retrying" : ": starting"));
        children_[spawnLogged(argv, plan_.logFile(child.cell))] = child;
    }

    void reap()
    {
        for (auto it = children_.begin(); it != children_.end();) {
            int code = 0;
            if (!childEnded(it->first, &code)) {
                ++it;
                continue;
            }
            finished(it->second, code);
            it = children_.erase(it);
        }
    }

    void finished(const Child& child, int code)
    {
        if (code == 0) {
            ++result_.ran;
            ++done_;
            info("cell " + child.cell.id + ": done");
        } else if (code == 130) {  // interrupted from outside (Ctrl-C reaches the children too)
            info("cell " + child.cell.id + ": interrupted");
        } else if (child.attempt == 1) {
            queue_.push_back({child.cell, 2});
        } else {
            ++done_;
            result_.failed.push_back(child.cell.id + ": exit code " + std::to_string(code) + ", see " +
                                     plan_.logFile(child.cell));
            info("cell " + child.cell.id + ": failed twice (exit code " + std::to_string(code) + ")");
        }
        report();
    }

    LocalSweepResult cancel()
    {
        for (const auto& [pid, child] : children_) ::kill(pid, SIGINT);  // each stops at its next batch
        for (const auto& [pid, child] : children_) {
            int code = 0;
            while (!childEnded(pid, &code)) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        children_.clear();
        result_.cancelled = true;
        return result_;
    }

    void info(const std::string& text) const
    {
        if (observer_) observer_->onLog(LogLevel::Info, text);
    }
    void report() const
    {
        if (!observer_) return;
        Progress p;
        p.stage = "sweep " + plan_.name() + ": " + std::to_string(children_.size()) + " running";
        p.done = done_;
        p.total = total_;
        p.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
        observer_->onProgress(p);
    }

    const SweepPlan& plan_;
    LocalSweepOptions options_;
    JobObserver* observer_;
    int threads_ = 1;
    std::deque<Child> queue_;
    std::map<pid_t, Child> children_;
    LocalSweepResult result_;
    long done_ = 0, total_ = 0;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace

LocalSweepResult runSweepLocally(const SweepPlan& plan, const LocalSweepOptions& options, JobObserver* observer,
                                 CancellationToken& token)
{
    if (options.cli.empty()) throw Error("the path of scenebench-cli is not known", "sweep run");
    return LocalSweepRun(plan, options, observer).run(token);
}

}  // namespace sb
