#include "app/cli/TerminalProgress.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace sb::cli {
namespace {

std::string duration(double seconds)
{
    if (seconds < 0) return "?";
    const long s = long(seconds + 0.5);
    char text[32];
    if (s >= 3600) std::snprintf(text, sizeof text, "%ldh%02ldm", s / 3600, (s / 60) % 60);
    else if (s >= 60) std::snprintf(text, sizeof text, "%ldm%02lds", s / 60, s % 60);
    else std::snprintf(text, sizeof text, "%lds", s);
    return text;
}

CancellationToken* interruptToken = nullptr;

void onInterrupt(int)
{
    if (interruptToken && !interruptToken->isCancelled()) {
        interruptToken->cancel();
        const char message[] = "\ninterrupted: stopping at the next checkpoint (press Ctrl-C again to quit now)\n";
        (void)!::write(2, message, sizeof message - 1);
        return;
    }
    std::_Exit(130);
}

}  // namespace

TerminalProgress::TerminalProgress() : terminal_(::isatty(2) == 1) {}

void TerminalProgress::endBar()
{
    if (barOpen_) std::fputc('\n', stderr);
    barOpen_ = false;
}

void TerminalProgress::onProgress(const Progress& p)
{
    std::lock_guard<std::mutex> lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    const bool newStage = p.stage != lastStage_;
    const bool finished = p.total > 0 && p.done >= p.total;
    const double fraction = p.total > 0 ? double(p.done) / double(p.total) : 0.0;
    if (terminal_) {
        if (newStage) endBar();
        constexpr int width = 30;
        const int filled = int(fraction * width);
        std::fprintf(stderr, "\r%-28.28s [%s%s] %3d%% %ld/%ld  %s elapsed, ETA %s   ", p.stage.c_str(),
                     std::string(size_t(filled), '#').c_str(), std::string(size_t(width - filled), '.').c_str(),
                     int(fraction * 100), p.done, p.total, duration(p.elapsedSeconds).c_str(),
                     duration(p.etaSeconds).c_str());
        barOpen_ = true;
        if (finished) endBar();
    } else if (newStage || finished || now - lastLine_ > std::chrono::seconds(5)) {
        std::fprintf(stderr, "%s: %ld/%ld (%d%%), %s elapsed, ETA %s\n", p.stage.c_str(), p.done, p.total,
                     int(fraction * 100), duration(p.elapsedSeconds).c_str(), duration(p.etaSeconds).c_str());
        lastLine_ = now;
    }
    lastStage_ = p.stage;
    std::fflush(stderr);
}

void TerminalProgress::onLog(LogLevel level, const std::string& message)
{
    std::lock_guard<std::mutex> lock(mutex_);
    endBar();
    std::fprintf(stderr, "%s%s\n", level == LogLevel::Warning ? "warning: " : level == LogLevel::Error ? "error: " : "",
                 message.c_str());
    std::fflush(stderr);
}

void installCancelOnInterrupt(CancellationToken& token)
{
    interruptToken = &token;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
}

}  // namespace sb::cli
