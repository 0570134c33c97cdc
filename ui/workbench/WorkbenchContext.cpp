#include "ui/workbench/WorkbenchContext.h"

#include "core/common/Error.h"
#include "core/data/ClipName.h"
#include "core/data/DemoDataset.h"
#include "core/results/RunRecord.h"
#include "ui/audio/ClipPlayer.h"

#include <QDir>

namespace sb::ui {

WorkbenchContext::WorkbenchContext(JobBridge* jobs, Theme* theme, QObject* parent)
    : QObject(parent), jobs_(jobs), theme_(theme), player_(new ClipPlayer(this))
{
    qRegisterMetaType<sb::ui::ClipRef>();
    connect(player_, &ClipPlayer::failed, this, [this](const QString& why) { showMessage(why, true); });
}

void WorkbenchContext::setProjectFolder(const QString& folder)
{
    if (folder == project_) return;
    project_ = folder;
    emit projectFolderChanged(folder);
}

void WorkbenchContext::setRunDirectory(const QString& directory)
{
    if (directory == run_) return;
    run_ = directory;
    emit runDirectoryChanged(directory);
}

void WorkbenchContext::setClip(const ClipRef& clip)
{
    if (clip == clip_) return;
    clip_ = clip;
    emit clipChanged(clip_);
}

QString WorkbenchContext::datasetRoot(const QString& runDirectory) const
{
    if (runDirectory.isEmpty()) return {};
    // Asked on every clip chosen: read once per run (a run's dataset does not change).
    if (const auto cached = roots_.constFind(runDirectory); cached != roots_.constEnd()) return *cached;
    try {
        const QString root = QString::fromStdString(
            sb::RunRecord::datasetRootOf(runDirectory.toStdString(), sb::demoDatasetFolder()));
        roots_.insert(runDirectory, root);
        return root;
    } catch (const sb::Error&) {
        return {};  // not (yet) a run: asked again next time
    }
}

ClipRef WorkbenchContext::clipFromRun(const QString& filename, const QString& runDirectory) const
{
    ClipRef clip;
    clip.filename = filename;
    if (const auto name = sb::parseClipName(filename.toStdString())) {
        clip.scene = QString::fromStdString(name->scene);
        clip.device = QString::fromStdString(name->device);
        clip.city = QString::fromStdString(name->city);
    }
    const QString root = datasetRoot(runDirectory.isEmpty() ? run_ : runDirectory);
    if (!root.isEmpty()) clip.audioPath = QDir::cleanPath(QDir(root).filePath(filename));
    return clip;
}

void WorkbenchContext::showMessage(const QString& text, bool error) { emit message(text, error); }

}  // namespace sb::ui
