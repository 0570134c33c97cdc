#pragma once
// The experiment file behind the Experiment view: New, Open (a file with problems is
// refused and its problems shown above the editor), Save As, and the first save of a
// new experiment into the project. MainWindow supplies the project side through Hooks.
// GUI thread only.
#include "core/experiment/ExperimentFile.h"

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QUndoStack;
class QWidget;

namespace sb::ui {

class ExperimentDocument;
class ExperimentEditor;

class ExperimentFiles : public QObject {
    Q_OBJECT
public:
    struct Hooks {
        std::function<QString()> projectFolder;         // empty when no project is open
        std::function<bool()> maybeSave;                 // asks to save unsaved changes; false: cancelled
        std::function<QString()> saveProject;            // after Save As: the project holds the file; error or empty
        std::function<void(const QString&, const QString&)> showError;  // title, message
        std::function<void(const QString&)> showStatus;
        std::function<void()> raiseEditor;
    };

    ExperimentFiles(ExperimentDocument* document, ExperimentEditor* editor, QUndoStack* undo, QWidget* dialogParent,
                    Hooks hooks);

    QAction* newAction() const { return new_; }
    QAction* openAction() const { return open_; }
    QAction* saveAsAction() const { return saveAs_; }

    // Loads file into the document; the problems as text (empty when it opened).
    QString load(const QString& file, bool quiet);
    // load() and makes the new file a change of the project (undo cleared, not clean).
    QString open(const QString& file, bool quiet);
    QString saveAs(const QString& file);
    // Saves a modified experiment (asking for a name the first time); false if not saved.
    bool saveIfModified(bool headless);
    // "<name>.json" in folder, numbered when taken.
    QString defaultFile(const QString& folder) const;

private:
    void chooseNew();
    void chooseOpen();
    void chooseSaveAs();

    ExperimentDocument* document_;
    ExperimentEditor* editor_;
    QUndoStack* undo_;
    QWidget* dialogParent_;
    Hooks hooks_;
    QAction* new_;
    QAction* open_;
    QAction* saveAs_;
};

}  // namespace sb::ui
