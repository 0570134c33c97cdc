#include "ui/runs/RunLauncher.h"

#include "core/common/Error.h"
#include "core/experiment/RunDirectory.h"
#include "core/experiment/RunLock.h"
#include "core/results/RunRecord.h"
#include "core/sweep/SweepPlan.h"
#include "core/train/ExperimentRunner.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>
#include <fstream>

namespace sb::ui {

namespace {
// What scenebench-cli writes too: resume needs the folder relative paths came from.
constexpr const char* kOptionsFile = "run-options.json";
}  // namespace

RunLauncher::RunLauncher(JobBridge* bridge, QObject* parent) : QObject(parent), bridge_(bridge), slot_(bridge, this)
{
    connect(bridge_, &JobBridge::jobFinished, this, [this](quint64 id, JobBridge::Outcome outcome, const QString& message) {
        if (id != slot_.jobId()) return;
        if (outcome == JobBridge::Outcome::Failed) failures_.insert(normalized(directory_), message);
        const QString summary = outcome == JobBridge::Outcome::Succeeded ? summary_ : QString();
        emit finished(directory_, outcome, message, summary);
    });
}

QString RunLauncher::start(const sb::ExperimentConfig& config, const QString& runsFolder,
                           const QString& experimentFolder, QString* error)
{
    if (isRunning()) {
        *error = tr("A run is going already (%1); stop it first (Esc).").arg(directory_);
        return {};
    }
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString folder = QDir(runsFolder).filePath(folderName(config.name) + QLatin1Char('-') + stamp);
    for (int n = 2; QFileInfo::exists(folder); ++n)
        folder = QDir(runsFolder).filePath(QStringLiteral("%1-%2-%3").arg(folderName(config.name), stamp).arg(n));
    try {
        const sb::RunDirectory run = sb::RunDirectory::create(folder.toStdString(), config);
        run.writeJson(kOptionsFile, {{"experiment_folder", experimentFolder.toStdString()}});
    } catch (const sb::Error& e) {
        *error = QString::fromStdString(e.what());
        return {};
    }
    launch(tr("Run %1").arg(QString::fromStdString(config.name)), folder, experimentFolder);
    return folder;
}

bool RunLauncher::resume(const QString& directory, QString* error)
{
    if (isRunning()) {
        *error = tr("A run is going already (%1); stop it first (Esc).").arg(directory_);
        return false;
    }
    const QString name = QDir::toNativeSeparators(directory);
    if (isHeld(directory)) {
        *error = tr("%1 is running in another process now (a terminal, another window); it can be resumed here once "
                    "that process has stopped.")
                     .arg(name);
        return false;
    }
    if (isFinished(directory)) {
        *error = tr("%1 has finished; there is nothing to resume.").arg(name);
        return false;
    }
    if (isSweepCell(directory)) {
        *error = tr("%1 is a cell of a sweep: running the sweep again (scenebench-cli sweep run or sweep submit) "
                    "continues it with the sweep's teachers and attempts.")
                     .arg(name);
        return false;
    }
    QString experimentFolder;
    try {
        const sb::RunDirectory run = sb::RunDirectory::open(directory.toStdString());
        std::ifstream saved(run.file(kOptionsFile));
        if (saved) experimentFolder = QString::fromStdString(nlohmann::json::parse(saved).value("experiment_folder", ""));
    } catch (const std::exception& e) {  // sb::Error, or a broken run-options.json
        *error = QString::fromLocal8Bit(e.what());
        return false;
    }
    launch(tr("Resume %1").arg(QFileInfo(directory).fileName()), directory, experimentFolder);
    return true;
}

void RunLauncher::launch(const QString& title, const QString& directory, const QString& experimentFolder)
{
    directory_ = directory;
    summary_.clear();
    failures_.remove(normalized(directory));
    sb::RunOptions options;
    options.experimentFolder = experimentFolder.toStdString();
    const std::string folder = directory.toStdString();
    slot_.run(
        title,
        [folder, options](sb::JobObserver& observer, sb::CancellationToken& token) {
            sb::ExperimentRunner runner(sb::RunDirectory::open(folder), options, &observer, token);
            return QString::fromStdString(sb::summaryTable(runner.run()));
        },
        [this](const QString& summary) { summary_ = summary; });
    emit started(directory);
}

void RunLauncher::cancel()
{
    if (slot_.jobId()) bridge_->cancel(slot_.jobId());
}

bool RunLauncher::isFinished(const QString& directory) { return sb::isRunFinished(directory.toStdString()); }

bool RunLauncher::runs(const QString& directory) const
{
    return isRunning() && normalized(directory) == normalized(directory_);
}

bool RunLauncher::isHeld(const QString& directory)
{
    return !directory.isEmpty() && sb::RunLock::isHeld(directory.toStdString());
}

bool RunLauncher::canResume(const QString& directory)
{
    return !directory.isEmpty() &&
           QFileInfo::exists(QDir(directory).filePath(QString::fromLatin1(sb::RunDirectory::kExperimentFile))) &&
           !isFinished(directory) && !isHeld(directory) && !isSweepCell(directory);
}

bool RunLauncher::isSweepCell(const QString& directory)
{
    return sb::SweepPlan::isSweep(QFileInfo(QDir::cleanPath(directory)).absolutePath().toStdString());
}

QString RunLauncher::folderName(const std::string& name)
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
    const QString cleaned = QString::fromStdString(name).replace(unsafe, QStringLiteral("-"));
    return cleaned.isEmpty() ? QStringLiteral("run") : cleaned;
}

QStringList RunLauncher::interruptedRuns(const QString& project)
{
    if (project.isEmpty()) return {};
    QList<QFileInfo> logs;
    for (const std::string& run : sb::RunRecord::find(project.toStdString())) {
        const QString directory = QString::fromStdString(run);
        if (canResume(directory)) logs << QFileInfo(QDir(directory).filePath(QString::fromLatin1(sb::RunDirectory::kMetricsFile)));
    }
    std::sort(logs.begin(), logs.end(),
              [](const QFileInfo& a, const QFileInfo& b) { return a.lastModified() > b.lastModified(); });
    QStringList runs;
    for (const QFileInfo& log : logs) runs << log.absolutePath();
    return runs;
}

QString RunLauncher::normalized(const QString& directory)
{
    return directory.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(directory).absoluteFilePath());
}

}  // namespace sb::ui
