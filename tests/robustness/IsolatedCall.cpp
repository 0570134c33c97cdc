#include "IsolatedCall.h"

#include "core/common/Error.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <stdexcept>
#include <thread>
#include <typeinfo>

#if defined(__SANITIZE_ADDRESS__)
#define SB_ROBUST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SB_ROBUST_ASAN 1
#endif
#endif

namespace sb::robust {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxReport = 64 * 1024;

// A child that asks for a huge allocation should fail (std::bad_alloc, counted) rather
// than take the machine's memory. AddressSanitizer reserves terabytes of address space
// for its shadow, so under it there is no such limit.
void limitChildMemory()
{
#ifndef SB_ROBUST_ASAN
    long pages = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld", &pages) != 1) pages = 0;
        std::fclose(f);
    }
    if (pages <= 0) return;
    const rlim_t limit = rlim_t(pages) * rlim_t(sysconf(_SC_PAGESIZE)) + (rlim_t(3) << 30);
    const rlimit r{limit, limit};
    setrlimit(RLIMIT_AS, &r);
#endif
}

long residentKiB()
{
    long pages = 0, resident = 0;
    if (FILE* f = std::fopen("/proc/self/statm", "r")) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

void writeAll(int fd, const std::string& data)
{
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += size_t(n);
    }
}

[[noreturn]] void childMain(int fd, const std::function<std::string()>& body, const std::function<void()>& setup)
{
    // The test framework's crash handler (stack trace, debugger) belongs to the parent:
    // a crashing child just dies from its signal, which the parent records.
    for (const int sig : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL}) std::signal(sig, SIG_DFL);
    limitChildMemory();
    char kind = 'O';
    std::string text;
    try {
        if (setup) setup();
        text = body();
    } catch (const sb::Error& e) {
        kind = 'E';
        text = e.what();
    } catch (const std::exception& e) {
        kind = 'X';
        text = std::string(typeid(e).name()) + ": " + e.what();
    } catch (...) {
        kind = 'X';
        text = "an exception that is not a std::exception";
    }
    if (text.size() > kMaxReport) text.resize(kMaxReport);
    writeAll(fd, std::string(1, kind) + text);
    ::close(fd);
    _exit(0);  // no destructors, no atexit handlers: they belong to the parent
}

ChildOutcome fromReport(const std::string& report, int status)
{
    ChildOutcome out;
    if (WIFSIGNALED(status)) {
        out.text = "killed by signal " + std::to_string(WTERMSIG(status));
        return out;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || report.empty()) {
        out.text = "exited with code " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) +
                   " without reporting";
        return out;
    }
    out.text = report.substr(1);
    out.kind = report[0] == 'O'   ? ChildOutcome::Kind::Ok
               : report[0] == 'E' ? ChildOutcome::Kind::Error
                                  : ChildOutcome::Kind::OtherException;
    return out;
}

}  // namespace

const char* outcomeName(ChildOutcome::Kind kind)
{
    switch (kind) {
    case ChildOutcome::Kind::Ok: return "accepted";
    case ChildOutcome::Kind::Error: return "sb::Error";
    case ChildOutcome::Kind::OtherException: return "other exception";
    case ChildOutcome::Kind::Crash: return "crash";
    case ChildOutcome::Kind::Hang: return "hang";
    }
    return "?";
}

ChildOutcome runIsolated(const std::function<std::string()>& body, double timeoutSeconds,
                         const std::function<void()>& setup)
{
    const long startKiB = residentKiB();
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        ::close(fds[0]);
        childMain(fds[1], body, setup);
    }
    ::close(fds[1]);
    const auto deadline = Clock::now() + std::chrono::duration<double>(timeoutSeconds);
    auto msLeft = [&] {
        return int(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count());
    };
    std::string report;
    bool eof = false;
    while (!eof && msLeft() > 0) {
        pollfd p{fds[0], POLLIN, 0};
        if (::poll(&p, 1, msLeft()) <= 0) continue;
        char buffer[8192];
        const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n > 0) report.append(buffer, size_t(n));
        else if (n == 0 || errno != EINTR) eof = true;
    }
    ::close(fds[0]);
    int status = 0;
    rusage usage{};
    pid_t done = 0;
    // The pipe closes just before _exit: give the child the rest of its time to end.
    while (eof && (done = ::wait4(pid, &status, WNOHANG, &usage)) == 0 && msLeft() > 0)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    if (done != pid) {
        ::kill(pid, SIGKILL);
        ::wait4(pid, &status, 0, &usage);
        ChildOutcome hang;
        hang.kind = ChildOutcome::Kind::Hang;
        hang.text = "still running after " + std::to_string(timeoutSeconds) + " s; killed";
        hang.peakRssKiB = usage.ru_maxrss;
        hang.startRssKiB = startKiB;
        return hang;
    }
    ChildOutcome out = fromReport(report, status);
    out.peakRssKiB = usage.ru_maxrss;
    out.startRssKiB = startKiB;
    return out;
}

}  // namespace sb::robust
