#pragma once
// The test executable running itself again as a child process with a role (an
// environment variable its main() reads before Qt Test starts), for tests that kill a
// real process: lines the child prints are awaited by prefix, and kill() is SIGKILL.
#include <QProcess>
#include <QStringList>

#include <optional>

class ChildProcess {
public:
    static constexpr const char* kRoleVariable = "SB_TEST_CHILD_ROLE";
    // The role this process was started with; empty for the test itself.
    static QString role();
    // Prints a line for the parent (flushed at once).
    static void say(const QString& line);

    // Starts this executable with `role` and `args`, offscreen, with `environment` added.
    ChildProcess(const QString& role, const QStringList& args, const QProcessEnvironment& environment);
    ~ChildProcess();

    // The rest of the first line starting with `prefix` it prints from now on; nothing when
    // it exits or timeoutMs pass first.
    std::optional<QString> waitForLine(const QString& prefix, int timeoutMs);
    // SIGKILL (no handler, no destructor, no flush runs); true when it died of it.
    bool kill();
    bool isRunning() const { return process_.state() != QProcess::NotRunning; }
    qint64 pid() const { return pid_; }
    QString output() const { return output_; }  // everything it printed so far (read)

private:
    QProcess process_;
    qint64 pid_ = 0;
    QString output_;
};
