#include "ChildProcess.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

QString ChildProcess::role() { return qEnvironmentVariable(kRoleVariable); }

void ChildProcess::say(const QString& line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}

ChildProcess::ChildProcess(const QString& role, const QStringList& args, const QProcessEnvironment& environment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(environment);
    env.insert(QString::fromLatin1(kRoleVariable), role);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process_.setProcessEnvironment(env);
    process_.setProcessChannelMode(QProcess::MergedChannels);
    process_.start(QCoreApplication::applicationFilePath(), args);
    if (process_.waitForStarted()) pid_ = process_.processId();
}

ChildProcess::~ChildProcess()
{
    if (isRunning()) kill();
}

std::optional<QString> ChildProcess::waitForLine(const QString& prefix, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        while (process_.canReadLine()) {
            const QString line = QString::fromLocal8Bit(process_.readLine()).trimmed();
            output_ += line + QLatin1Char('\n');
            if (line.startsWith(prefix)) return line.mid(prefix.size());
        }
        if (!isRunning()) break;
        process_.waitForReadyRead(100);
    }
    output_ += QString::fromLocal8Bit(process_.readAll());
    return std::nullopt;
}

bool ChildProcess::kill()
{
    process_.kill();
    process_.waitForFinished();
    return process_.exitStatus() == QProcess::CrashExit;
}
