#pragma once
// The experiment being edited: an sb::ExperimentConfig, the file it belongs to and its
// validation issues (sb::validate, recomputed on every change). Every edit is an
// ExperimentEditCommand on the window's undo stack. Opening a file replaces everything
// or nothing: a file with problems is refused with each problem and where it is.
// GUI thread only.
#include "core/experiment/ExperimentConfig.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

class QUndoStack;

namespace sb::ui {

class ExperimentDocument : public QObject {
    Q_OBJECT
public:
    ExperimentDocument(QUndoStack* undo, QObject* parent = nullptr);

    // The teaching demo (projects/demo.json, compiled in): what a new document holds.
    static sb::ExperimentConfig demoExperiment();
    static bool sameExperiment(const sb::ExperimentConfig& a, const sb::ExperimentConfig& b);

    const sb::ExperimentConfig& config() const { return config_; }
    const std::vector<sb::FieldIssue>& issues() const { return issues_; }
    bool isValid() const { return issues_.empty(); }
    // The messages of the issues whose field is exactly `field`.
    QStringList issuesFor(const QString& field) const;
    QString issuesText() const;  // "field: message" lines

    QString path() const { return path_; }  // empty: not saved yet
    QString displayName() const;
    // Relative paths in the experiment (dataset folder, checkpoints) are relative to this:
    // the file's folder, or `fallback` for a document that has no file yet.
    QString folder(const QString& fallback) const;
    // Differs from the file on disk (or, untitled, from the demo it started as).
    bool isModified() const;
    // The configuration as on disk (untitled: the demo it started as).
    const sb::ExperimentConfig& savedConfig() const { return saved_; }

    // Pushes an undoable edit (quick successive edits of one field merge). `field` is
    // the edited field's path ("student.width"); `what` names it for the Undo menu.
    void edit(const sb::ExperimentConfig& after, const QString& field, const QString& what);
    // Sets the configuration without an undo step; for ExperimentEditCommand.
    void apply(const sb::ExperimentConfig& config);

    // Reads `file`; on any problem returns them (JSON syntax with line and column,
    // unknown fields, wrong types, invalid values, each with its field) and changes
    // nothing. The undo stack is the caller's to clear.
    std::vector<sb::FieldIssue> open(const QString& file);
    // A fresh untitled demo experiment.
    void reset();
    // Writes the experiment atomically. Refuses an invalid one (the problems are in
    // the message). Returns an error message, or empty.
    QString saveAs(const QString& file);

signals:
    void changed();
    void pathChanged(const QString& path);
    void saved(const QString& path);  // saveAs() wrote the file: the document is no longer modified

private:
    void revalidate();

    QUndoStack* undo_;
    sb::ExperimentConfig config_;
    sb::ExperimentConfig saved_;  // as on disk, to tell whether it was modified
    std::vector<sb::FieldIssue> issues_;
    QString path_;
};

}  // namespace sb::ui
