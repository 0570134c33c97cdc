#include "ui/experiment/ExperimentAutosave.h"

#include "ui/experiment/ExperimentDocument.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>

#include <algorithm>

namespace sb::ui {

namespace {

// The lock beside a recovery file. Stale time 0: a lock is stale only when its process is
// gone, never because it is old (an editing session may last days).
std::unique_ptr<QLockFile> lockFor(const QString& recoveryFile)
{
    auto lock = std::make_unique<QLockFile>(recoveryFile + QStringLiteral(".lock"));
    lock->setStaleLockTime(0);
    if (!lock->tryLock(0)) return nullptr;
    return lock;
}

}  // namespace

ExperimentAutosave::ExperimentAutosave(ExperimentDocument* document, std::function<QString()> projectFolder,
                                       QObject* parent)
    : QObject(parent), document_(document), projectFolder_(std::move(projectFolder))
{
    timer_.setSingleShot(true);
    timer_.setInterval(kDefaultDelayMs);
    connect(&timer_, &QTimer::timeout, this, &ExperimentAutosave::writeNow);
    connect(document_, &ExperimentDocument::changed, this, &ExperimentAutosave::documentChanged);
    connect(document_, &ExperimentDocument::pathChanged, this, &ExperimentAutosave::documentChanged);
    connect(document_, &ExperimentDocument::saved, this, &ExperimentAutosave::documentChanged);
}

ExperimentAutosave::~ExperimentAutosave() { removeOwn(); }

void ExperimentAutosave::documentChanged()
{
    const QString file = document_->path();
    const QString project = file.isEmpty() ? projectFolder_() : QString();
    if (!identified_ || file != file_ || project != project_) {
        // Another document: the last one's edits were saved or discarded when it was left.
        removeOwn();
        const bool hadOffers = !offers_.empty();
        offers_.clear();
        identified_ = true;
        file_ = file;
        project_ = project;
        findOffers();
        if (hadOffers || !offers_.empty()) emit offersChanged();
    }
    if (document_->isModified()) {
        timer_.start();  // restarted by every change: written once the user pauses
    } else {
        timer_.stop();
        removeOwn();
    }
}

void ExperimentAutosave::windowClosed()
{
    timer_.stop();
    removeOwn();
    const bool hadOffers = !offers_.empty();
    offers_.clear();
    if (hadOffers) emit offersChanged();
}

bool ExperimentAutosave::recover()
{
    if (offers_.empty()) return false;
    Offer offer = std::move(offers_.front());
    offers_.erase(offers_.begin());
    document_->edit(offer.file.config, QStringLiteral("recovery"), tr("recovered changes"));
    // The recovered state is in this window's own file before the offered one goes, so a
    // crash right now loses nothing; if that write failed the offer's file stays.
    if (!document_->isModified() || writeNow()) QFile::remove(offer.file.path);
    emit offersChanged();
    return true;
}

bool ExperimentAutosave::discardOffer()
{
    if (offers_.empty()) return false;
    QFile::remove(offers_.front().file.path);
    offers_.erase(offers_.begin());
    emit offersChanged();
    return true;
}

bool ExperimentAutosave::writeNow()
{
    timer_.stop();
    if (!document_->isModified()) {
        removeOwn();
        return true;
    }
    if (!ownLock_ && !takeOwnFile()) return false;
    RecoveryFile recovery;
    recovery.path = own_;
    recovery.experimentFile = file_;
    recovery.project = project_;
    recovery.time = QDateTime::currentDateTime();
    recovery.pid = QCoreApplication::applicationPid();
    recovery.config = document_->config();
    const QString error = recovery.write();
    if (!error.isEmpty()) {
        if (error != lastProblem_) emit problem(tr("Cannot autosave the experiment: %1").arg(error));
        lastProblem_ = error;
        return false;
    }
    lastProblem_.clear();
    emit written(own_);
    return true;
}

bool ExperimentAutosave::takeOwnFile()
{
    // A name no other session uses: the document's prefix, this process and a counter
    // (pids are reused after a reboot; the time tells two such sessions apart).
    static int sequence = 0;
    const QString folder = RecoveryFile::folder();
    const QString name = QStringLiteral("%1-%2-%3-%4.json")
                             .arg(RecoveryFile::prefixFor(file_, project_),
                                  QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddHHmmsszzz")))
                             .arg(QCoreApplication::applicationPid())
                             .arg(++sequence);
    const QString path = QDir(folder).filePath(name);
    if (!QDir().mkpath(folder) || !(ownLock_ = lockFor(path))) {
        const QString error = tr("Cannot autosave the experiment: cannot lock %1").arg(QDir::toNativeSeparators(path));
        if (error != lastProblem_) emit problem(error);
        lastProblem_ = error;
        return false;
    }
    own_ = path;
    return true;
}

void ExperimentAutosave::removeOwn()
{
    if (!ownLock_) return;
    QFile::remove(own_);
    ownLock_.reset();  // unlocks and removes the lock file, after the recovery file is gone
    own_.clear();
}

void ExperimentAutosave::findOffers()
{
    const QDir folder(RecoveryFile::folder());
    const QStringList names =
        folder.entryList({RecoveryFile::prefixFor(file_, project_) + QStringLiteral("-*.json")}, QDir::Files, QDir::Name);
    for (const QString& name : names) {
        const QString path = folder.filePath(name);
        std::unique_ptr<QLockFile> lock = lockFor(path);
        if (!lock) continue;  // a live window edits this document (this process's included)
        QString error;
        std::optional<RecoveryFile> found = RecoveryFile::read(path, &error);
        if (!found) {
            if (QFileInfo::exists(path)) setAside(path, error);  // else removed by its writer meanwhile
            continue;
        }
        if (!found->belongsTo(file_, project_)) continue;  // another document whose key hashes alike
        if (ExperimentDocument::sameExperiment(found->config, document_->savedConfig())) {
            QFile::remove(path);  // nothing in it that the file on disk does not hold
            continue;
        }
        offers_.push_back({std::move(*found), std::move(lock)});
    }
    std::stable_sort(offers_.begin(), offers_.end(), [](const Offer& a, const Offer& b) { return a.file.time > b.file.time; });
}

void ExperimentAutosave::setAside(const QString& path, const QString& error)
{
    QString aside = path + QStringLiteral(".unreadable");
    for (int n = 2; QFileInfo::exists(aside); ++n) aside = path + QStringLiteral(".unreadable-%1").arg(n);
    if (QFile::rename(path, aside))
        emit problem(tr("A recovery file could not be read and was kept as %1:\n%2").arg(QDir::toNativeSeparators(aside), error));
    else
        emit problem(tr("A recovery file could not be read (it was left where it is):\n%1").arg(error));
}

}  // namespace sb::ui
