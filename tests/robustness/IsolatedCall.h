#pragma once
// Runs a function in a fork()ed child so that a crash or a hang of the code under test is
// counted instead of ending the test: the child reports through a pipe and _exit()s, the
// parent waits with a timeout (then SIGKILL) and records signals, exit codes and the
// child's peak memory. The parent must not have torch's thread pools running (OpenMP
// pools do not survive fork): call torch::set_num_threads(1) first and do no parallel work.
#include <functional>
#include <string>

namespace sb::robust {

struct ChildOutcome {
    enum class Kind {
        Ok,              // the function returned normally
        Error,           // it threw sb::Error
        OtherException,  // it threw anything else (std::bad_alloc, nlohmann's, ...)
        Crash,           // the child died from a signal or exited without reporting
        Hang,            // it ran past the timeout and was killed
    };
    Kind kind = Kind::Crash;
    std::string text;          // what the function reported, or how the child ended
    long peakRssKiB = 0;   // the child's maximum resident set size
    long startRssKiB = 0;  // the forking process's resident size when it forked (the child's start)
};

// `body` runs in the child and returns the text to report (Kind::Ok); exceptions are
// classified there. `setup` runs in the child first (chdir, environment).
ChildOutcome runIsolated(const std::function<std::string()>& body, double timeoutSeconds,
                         const std::function<void()>& setup = {});

const char* outcomeName(ChildOutcome::Kind kind);

}  // namespace sb::robust
