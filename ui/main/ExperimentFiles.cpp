#include "ui/main/ExperimentFiles.h"

#include "ui/experiment/ExperimentDocument.h"
#include "ui/experiment/ExperimentEditor.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QUndoStack>

namespace sb::ui {

ExperimentFiles::ExperimentFiles(ExperimentDocument* document, ExperimentEditor* editor, QUndoStack* undo,
                                 QWidget* dialogParent, Hooks hooks)
    : QObject(dialogParent), document_(document), editor_(editor), undo_(undo), dialogParent_(dialogParent),
      hooks_(std::move(hooks))
{
    new_ = new QAction(tr("&New Experiment"), this);
    new_->setShortcut(QKeySequence::New);
    new_->setStatusTip(tr("Start a new experiment from the teaching demo's recipe"));
    connect(new_, &QAction::triggered, this, &ExperimentFiles::chooseNew);

    open_ = new QAction(QIcon(QStringLiteral(":/icons/open.svg")), tr("Open &Experiment…"), this);
    open_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    open_->setStatusTip(tr("Open an experiment file into the Experiment view"));
    connect(open_, &QAction::triggered, this, &ExperimentFiles::chooseOpen);

    saveAs_ = new QAction(QIcon(QStringLiteral(":/icons/save-as.svg")), tr("Save Experiment &As…"), this);
    saveAs_->setShortcut(QKeySequence::SaveAs);
    connect(saveAs_, &QAction::triggered, this, &ExperimentFiles::chooseSaveAs);
}

QString ExperimentFiles::load(const QString& file, bool quiet)
{
    const std::vector<sb::FieldIssue> issues = document_->open(file);
    if (issues.empty()) return {};
    QStringList lines;
    for (const sb::FieldIssue& issue : issues)
        lines << QString::fromStdString(issue.field) + QStringLiteral(": ") + QString::fromStdString(issue.message);
    const QString text = tr("%1: not opened, nothing of it was loaded:\n%2")
                             .arg(QDir::toNativeSeparators(file), lines.join(QLatin1Char('\n')));
    editor_->showOpenProblems(file, issues);
    hooks_.raiseEditor();
    if (!quiet) hooks_.showError(tr("Cannot open the experiment"), text);
    return text;
}

QString ExperimentFiles::open(const QString& file, bool quiet)
{
    const QString error = load(file, quiet);
    if (!error.isEmpty()) return error;
    // Another experiment is a change of the project (which file it holds) until saved.
    undo_->clear();
    undo_->resetClean();
    hooks_.showStatus(tr("Opened %1").arg(QDir::toNativeSeparators(file)));
    return {};
}

QString ExperimentFiles::saveAs(const QString& file)
{
    const QString error = document_->saveAs(file);
    if (!error.isEmpty()) {
        hooks_.showError(tr("Cannot save the experiment"), error);
        return error;
    }
    hooks_.showStatus(tr("Saved %1").arg(QDir::toNativeSeparators(file)));
    // The project now holds this file: save it too, so the two agree on disk.
    if (hooks_.projectFolder().isEmpty()) return {};
    const QString projectError = hooks_.saveProject();
    if (!projectError.isEmpty()) hooks_.showError(tr("Cannot save the project"), projectError);
    return projectError;
}

QString ExperimentFiles::defaultFile(const QString& folder) const
{
    QString name = QString::fromStdString(document_->config().name);
    if (name.isEmpty()) name = QStringLiteral("experiment");
    QString file = QDir(folder).filePath(name + QStringLiteral(".json"));
    for (int n = 2; QFileInfo::exists(file); ++n) file = QDir(folder).filePath(QStringLiteral("%1-%2.json").arg(name).arg(n));
    return file;
}

bool ExperimentFiles::saveIfModified(bool headless)
{
    if (!document_->isModified()) return true;
    QString file = document_->path();
    if (file.isEmpty()) {
        // First save of a new experiment: into the project, under its name.
        file = defaultFile(hooks_.projectFolder());
        if (!headless)
            file = QFileDialog::getSaveFileName(dialogParent_, tr("Save Experiment"), file, tr("Experiment files (*.json)"));
        if (file.isEmpty()) return false;
    }
    const QString error = document_->saveAs(file);
    if (!error.isEmpty()) hooks_.showError(tr("Cannot save the experiment"), error);
    return error.isEmpty();
}

void ExperimentFiles::chooseNew()
{
    if (!hooks_.maybeSave()) return;
    document_->reset();
    undo_->clear();
    undo_->resetClean();
    hooks_.raiseEditor();
}

void ExperimentFiles::chooseOpen()
{
    if (!hooks_.maybeSave()) return;
    const QString project = hooks_.projectFolder();
    const QString start = document_->folder(project.isEmpty() ? QDir::homePath() : project);
    const QString file = QFileDialog::getOpenFileName(dialogParent_, tr("Open Experiment"), start,
                                                      tr("Experiment files (*.json);;All files (*)"));
    if (!file.isEmpty()) open(file, false);
}

void ExperimentFiles::chooseSaveAs()
{
    const QString project = hooks_.projectFolder();
    const QString start =
        document_->path().isEmpty() ? defaultFile(project.isEmpty() ? QDir::homePath() : project) : document_->path();
    const QString file = QFileDialog::getSaveFileName(dialogParent_, tr("Save Experiment As"), start, tr("Experiment files (*.json)"));
    if (!file.isEmpty()) saveAs(file);
}

}  // namespace sb::ui
