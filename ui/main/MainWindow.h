#pragma once
// The workbench's main window: the docked views, menus and shortcuts, the project
// (Open/Save/Save As/Open Recent, undo, the modified * in the title), the experiment
// being edited (its file, F5 runs it into a new run of the project, Esc stops, a
// stopped run resumes), the named layouts "Research" and "Teaching", light/dark theme,
// and the job bridge every view runs its long work on. The Dataset view and the
// Complexity meter show, and edit, the experiment's dataset and student. Preferences
// and layouts persist in QSettings. GUI thread only.
#include "ui/main/Project.h"

#include <QJsonObject>
#include <QMainWindow>

#include <functional>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QUndoStack;

namespace sb::ui {

class ComplexityMeter;
class CurvesView;
class DatasetView;
class ExperimentDocument;
class ExperimentEditor;
class JobBridge;
class JobPanel;
class RunLauncher;
class Theme;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    static const QString& researchLayout();
    static const QString& teachingLayout();

    // Opens a project folder (creating nothing until Save). Errors go to a dialog
    // unless quiet; returns the error or empty.
    QString openProject(const QString& folder, bool quiet = false);
    bool saveProject();
    bool saveProjectAs(const QString& folder);
    void openRun(const QString& directory);

    // Opens an experiment file into the editor. A file with problems is refused, and
    // they are shown (a dialog unless quiet, and above the editor); returns them as text.
    QString openExperiment(const QString& file, bool quiet = false);
    // Writes the experiment to file (atomically) and makes it the project's experiment.
    QString saveExperimentAs(const QString& file);
    // F5: runs the experiment into a new folder under the project's runs/. Returns the
    // run directory, or empty with the reason in the status bar (and *error).
    QString runExperiment(QString* error = nullptr);
    // Continues the run shown in the Curves view where it stopped.
    bool resumeRun(QString* error = nullptr);

    void setLayoutName(const QString& name);
    QString layoutName() const { return layout_; }

    // Renders every view (and the whole window) to PNG files in directory; returns the
    // files written. Used by --export-views and File > Export Views.
    QStringList exportViews(const QString& directory, QStringList* errors);

    JobBridge* jobs() const { return jobs_; }
    Theme* theme() const { return theme_; }
    QUndoStack* undoStack() const { return undo_; }
    CurvesView* curvesView() const { return curves_; }
    DatasetView* datasetView() const { return dataset_; }
    ComplexityMeter* complexityMeter() const { return meter_; }
    ExperimentDocument* experiment() const { return experiment_; }
    ExperimentEditor* experimentEditor() const { return editor_; }
    RunLauncher* runLauncher() const { return runs_; }
    JobPanel* jobPanel() const { return jobPanel_; }
    QAction* runAction() const { return runAction_; }
    QAction* resumeAction() const { return resumeAction_; }
    QAction* stopAction() const { return stopAction_; }
    const Project& project() const { return project_; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    struct ViewState {
        QString key;
        std::function<QJsonObject()> state;
        std::function<void(const QJsonObject&)> apply;
        QJsonObject last;  // the state before the next edit
    };
    void createActions();
    void createMenus();
    void createDocks();
    void createExperimentDock(QDockWidget* tabWith);
    void datasetEdited();
    void experimentChanged();
    void runFinished(const QString& directory, int outcome, const QString& message, const QString& summary);
    QString openExperimentFile(const QString& file, bool quiet);
    QString defaultExperimentFile(const QString& folder) const;
    bool saveExperimentIfModified();
    void raiseView(QWidget* view);
    void chooseExperiment();
    void chooseExperimentSaveAs();
    void newExperiment();
    QDockWidget* addView(const QString& key, const QString& title, const QString& icon, QWidget* view,
                         Qt::DockWidgetArea area);
    void registerState(const QString& key, std::function<QJsonObject()> state,
                       std::function<void(const QJsonObject&)> apply);
    void stateEdited(const QString& key);
    void applyProjectToViews();
    void collectViewStates();
    void updateTitle();
    void updateRunActions();
    void updateRecentMenu();
    void addRecent(const QString& folder);
    void rememberLayout();
    void restoreLayout(const QString& name);
    void applyLayoutDefaults(const QString& name);
    bool maybeSave();
    void chooseProject();
    void chooseRun();
    void chooseSaveAs();
    void chooseExportDirectory();
    void showError(const QString& title, const QString& message);
    void settle();

    Theme* theme_;
    JobBridge* jobs_;
    QUndoStack* undo_;
    Project project_;
    QString layout_;
    QFont baseFont_;
    bool applyingState_ = false;
    bool shownOnce_ = false;
    QVector<ViewState> states_;

    CurvesView* curves_ = nullptr;
    DatasetView* dataset_ = nullptr;
    ComplexityMeter* meter_ = nullptr;
    ExperimentDocument* experiment_ = nullptr;
    ExperimentEditor* editor_ = nullptr;
    RunLauncher* runs_ = nullptr;
    JobPanel* jobPanel_ = nullptr;
    QVector<QDockWidget*> docks_;
    QLabel* statusMessage_ = nullptr;

    QAction* openProjectAction_ = nullptr;
    QAction* openRunAction_ = nullptr;
    QAction* saveAction_ = nullptr;
    QAction* saveAsAction_ = nullptr;
    QAction* newExperimentAction_ = nullptr;
    QAction* openExperimentAction_ = nullptr;
    QAction* saveExperimentAsAction_ = nullptr;
    QAction* exportViewsAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QAction* runAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    QAction* resumeAction_ = nullptr;
    QActionGroup* layoutGroup_ = nullptr;
    QActionGroup* themeGroup_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* runsMenu_ = nullptr;
    QToolBar* toolBar_ = nullptr;
};

}  // namespace sb::ui
