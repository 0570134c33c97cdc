#include "ui/runs/SweepLauncher.h"

#include "ui/runs/RunLauncher.h"
#include "ui/workbench/ErrorText.h"

#include "core/common/Error.h"
#include "core/sweep/LocalSweep.h"
#include "core/sweep/SweepPlan.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>

namespace sb::ui {

namespace {

// What a sweep job tells the user when it ends.
struct Report {
    QString text;
    bool failed = false;
};

Report describe(const QString& name, const sb::LocalSweepResult& r)
{
    if (r.cancelled) {
        return {SweepLauncher::tr("Sweep %1 stopped after %n cell(s): the interrupted cells resume when it runs again "
                                  "(scenebench-cli sweep run).",
                                  nullptr, r.ran)
                    .arg(name)};
    }
    const QString ran = SweepLauncher::tr("%n cell(s) ran", nullptr, r.ran);
    const QString skipped = SweepLauncher::tr("%n were done already or run elsewhere", nullptr, r.skipped);
    if (r.failed.empty()) return {SweepLauncher::tr("Sweep %1 finished: %2, %3.").arg(name, ran, skipped)};
    QStringList failed;
    for (const std::string& f : r.failed) failed << QString::fromStdString(f);
    return {SweepLauncher::tr("Sweep %1 ended with %n failed cell(s) (each tried twice): %2. %3, %4.", nullptr,
                              int(r.failed.size()))
                .arg(name, failed.join(QStringLiteral("; ")), ran, skipped),
            true};
}

Report describe(const QString& name, const std::optional<sb::SlurmSubmission>& s, const std::string& why)
{
    if (!s) return {SweepLauncher::tr("Nothing of sweep %1 was submitted: %2.").arg(name, QString::fromStdString(why))};
    return {SweepLauncher::tr("Submitted %n cell(s) of sweep %1 to Slurm as job %2 (script %3).", nullptr, int(s->cells.size()))
                .arg(name, QString::fromStdString(s->jobId), QDir::toNativeSeparators(QString::fromStdString(s->script)))};
}

}  // namespace

SweepLauncher::SweepLauncher(JobBridge* bridge, QObject* parent) : QObject(parent), bridge_(bridge), slot_(bridge, this)
{
    connect(bridge_, &JobBridge::jobFinished, this, [this](quint64 id, JobBridge::Outcome outcome, const QString& message) {
        if (id == slot_.jobId()) ended(outcome, message);
    });
}

QString SweepLauncher::plan(const sb::ExperimentConfig& config, const QString& runsFolder, const QString& experimentFile,
                            const QString& experimentFolder, QString* error)
{
    const QString base = RunLauncher::folderName(config.name) + QStringLiteral("-sweep-") +
                         QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString folder = QDir(runsFolder).filePath(base);
    for (int n = 2; QFileInfo::exists(folder); ++n) folder = QDir(runsFolder).filePath(base + QStringLiteral("-%1").arg(n));
    try {
        sb::SweepPlan::create(folder.toStdString(), config, experimentFile.toStdString(), experimentFolder.toStdString());
    } catch (const std::exception& e) {  // sb::Error; a file system error
        *error = errorText(e);
        return {};
    }
    return folder;
}

QString SweepLauncher::cliPath() { return QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("scenebench-cli")); }

QString SweepLauncher::cliProblem()
{
    const QFileInfo cli(cliPath());
    const QString where = QDir::toNativeSeparators(cli.filePath());
    if (!cli.exists())
        return tr("scenebench-cli is not beside this program (%1), and the sweep's cells run in it: build it "
                  "(cmake --build --preset dev --target scenebench-cli) or install SceneBench whole.")
            .arg(where);
    if (!cli.isFile() || !cli.isExecutable()) return tr("%1 cannot be run: it is not an executable file.").arg(where);
    return {};
}

bool SweepLauncher::begin(const QString& sweep, bool submitting, QString* error)
{
    if (isRunning()) {
        *error = tr("A sweep job is going already (%1); stop it first (Esc).").arg(QDir::toNativeSeparators(sweep_));
        return false;
    }
    sweep_ = sweep;
    submitting_ = submitting;
    resultText_.clear();
    resultFailed_ = false;
    return true;
}

bool SweepLauncher::runHere(const QString& sweep, int jobs, QString* error)
{
    *error = cliProblem();
    if (!error->isEmpty() || !begin(sweep, false, error)) return false;
    sb::LocalSweepOptions options;
    options.cli = cliPath().toStdString();
    options.jobs = std::max(1, jobs);
    const QString name = QFileInfo(sweep).fileName();
    slot_.run(
        tr("Sweep %1").arg(name),
        [folder = sweep.toStdString(), options, name](sb::JobObserver& observer, sb::CancellationToken& token) {
            return describe(name, sb::runSweepLocally(sb::SweepPlan::open(folder), options, &observer, token));
        },
        [this](const Report& report) {
            resultText_ = report.text;
            resultFailed_ = report.failed;
        });
    emit started(sweep);
    return true;
}

bool SweepLauncher::submit(const QString& sweep, const sb::SlurmOptions& options, QString* error)
{
    if (!begin(sweep, true, error)) return false;
    sb::SlurmOptions o = options;
    if (o.cli.empty()) o.cli = cliPath().toStdString();
    const QString name = QFileInfo(sweep).fileName();
    slot_.run(
        tr("Submit %1 to Slurm").arg(name),
        [folder = sweep.toStdString(), o, name](sb::JobObserver&, sb::CancellationToken&) {
            std::string why;
            const auto submission = sb::submitToSlurm(sb::SweepPlan::open(folder), o, &why);  // runs sbatch
            return describe(name, submission, why);
        },
        [this](const Report& report) {
            resultText_ = report.text;
            resultFailed_ = report.failed;
        });
    emit started(sweep);
    return true;
}

void SweepLauncher::ended(JobBridge::Outcome outcome, const QString& message)
{
    const QString name = QFileInfo(sweep_).fileName();
    Report report{resultText_, resultFailed_};
    if (outcome == JobBridge::Outcome::Failed) {
        report.text = submitting_ ? tr("Could not submit sweep %1 to Slurm: %2").arg(name, message)
                                  : tr("Sweep %1 failed: %2").arg(name, message);
        report.failed = true;
    } else if (report.text.isEmpty()) {
        report.text = tr("Sweep %1 stopped.").arg(name);
    }
    emit finished(sweep_, report.text, report.failed);
}

}  // namespace sb::ui
