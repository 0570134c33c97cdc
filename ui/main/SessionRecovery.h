#pragma once
// What the window recovers after a crash or a kill. The experiment being edited is
// autosaved (ExperimentAutosave); a recovery file left by a dead window is offered in a
// message bar above the editor: "Recover the unsaved changes to <name> from <time>?"
// Recover / Discard. A project's interrupted runs (not finished, no live process runs
// them) are shown in the Runs view, which resumes any of them; when a project opens
// holding some, a bar in the status bar says so once, with Resume for the latest.
// GUI thread only.
#include <QObject>
#include <QStringList>

#include <functional>

class QStatusBar;

namespace sb::ui {

class ExperimentAutosave;
class ExperimentDocument;
class ExperimentEditor;
class MessageBar;
class RunLauncher;
class RunsView;
class WorkbenchContext;

class SessionRecovery : public QObject {
    Q_OBJECT
public:
    struct Parts {
        ExperimentDocument* document;
        ExperimentEditor* editor;  // the offer is shown above it
        RunLauncher* launcher;
        RunsView* runs;
        WorkbenchContext* context;  // its project is the one whose runs are looked at
        QStatusBar* statusBar;      // the interrupted runs' bar goes in it
    };
    struct Hooks {
        std::function<bool(const QString&)> resumeRun;  // resumes a run directory; false: could not (said why)
        std::function<void()> raiseEditor;
        std::function<void(const QString&, const QString&)> showError;  // title, message
    };

    SessionRecovery(const Parts& parts, Hooks hooks, QObject* parent);

    ExperimentAutosave* autosave() const { return autosave_; }
    MessageBar* recoveryBar() const { return recoveryBar_; }
    MessageBar* runsBar() const { return runsBar_; }
    // The open project's interrupted runs as found when it opened, the last written first,
    // less those resumed since.
    const QStringList& interruptedRuns() const { return interrupted_; }

    // The window closed with its changes saved or discarded.
    void windowClosed();

private:
    void showOffer();
    void projectOpened(const QString& folder);
    void showInterrupted();

    ExperimentAutosave* autosave_;
    MessageBar* recoveryBar_;
    MessageBar* runsBar_;
    Hooks hooks_;
    QStringList interrupted_;
};

}  // namespace sb::ui
