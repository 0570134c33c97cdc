#pragma once
// The workbench's main window: it assembles the views into docks and owns what they
// share — the WorkbenchContext (project, run, the one current clip, the clip player),
// the job bridge, the theme, undo — plus the menus and shortcuts, the project
// (Open/Save/Save As/Open Recent, the modified * in the title), the experiment being
// edited (its file; F5 runs it into a new run of the project, Esc stops, a stopped run
// resumes), what survives a crash (SessionRecovery: the experiment's autosave, interrupted
// runs) and the named layouts "Research" and "Teaching". It never reaches into a
// view: views talk through the context. Preferences and layouts persist in QSettings.
// GUI thread only.
#include "ui/main/Project.h"

#include <QList>
#include <QMainWindow>

#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QMenu;
class QToolBar;
class QUndoStack;

namespace sb::ui {

class ClipInspector;
class ComplexityMeter;
class ConfusionView;
class CurvesView;
class DatasetExperimentLink;
class DatasetView;
class DockLayouts;
class EmbeddingMapView;
class ExperimentDocument;
class ExperimentEditor;
class ExperimentFiles;
class JobBridge;
class JobPanel;
class RecentProjects;
class RunControl;
class RunLauncher;
class RunsView;
class SessionRecovery;
class Theme;
class ViewStates;
class WorkbenchContext;
class WorkbenchView;

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
    // Makes directory the current run: every view shows it (Curves comes to the front).
    void openRun(const QString& directory);

    // Opens an experiment file into the editor. A file with problems is refused, and
    // they are shown (a dialog unless quiet, and above the editor); returns them as text.
    QString openExperiment(const QString& file, bool quiet = false);
    // Writes the experiment to file (atomically) and makes it the project's experiment.
    QString saveExperimentAs(const QString& file);
    // F5: runs the experiment into a new folder under the project's runs/. Returns the
    // run directory, or empty with the reason in the status bar (and *error).
    QString runExperiment(QString* error = nullptr);
    // Continues the current run where it stopped (or where its process was killed).
    bool resumeRun(QString* error = nullptr);

    void setLayoutName(const QString& name);
    QString layoutName() const;

    // Renders every view (and the whole window) to PNG files in directory, and the
    // inspection views' plots (SVG, PDF, CSV) and numbers (CSV); returns the files
    // written. Used by --export-views and File > Export Views.
    QStringList exportViews(const QString& directory, QStringList* errors);

    JobBridge* jobs() const { return jobs_; }
    Theme* theme() const { return theme_; }
    QUndoStack* undoStack() const { return undo_; }
    WorkbenchContext* context() const { return context_; }
    CurvesView* curvesView() const { return curves_; }
    DatasetView* datasetView() const { return dataset_; }
    ConfusionView* confusionView() const { return confusion_; }
    EmbeddingMapView* mapView() const { return map_; }
    RunsView* runsView() const { return runsView_; }
    ClipInspector* clipInspector() const { return inspector_; }
    ComplexityMeter* complexityMeter() const { return meter_; }
    ExperimentDocument* experiment() const { return experiment_; }
    ExperimentEditor* experimentEditor() const { return editor_; }
    RunLauncher* runLauncher() const { return runs_; }
    JobPanel* jobPanel() const { return jobPanel_; }
    SessionRecovery* recovery() const { return recovery_; }
    QAction* runAction() const;
    QAction* resumeAction() const;
    QAction* stopAction() const;
    const Project& project() const { return project_; }

protected:
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createViews();
    void createExperimentViews();
    void createRunControl();
    void createRecovery();
    void addWorkbenchView(WorkbenchView* view, int area);
    void registerRunState();
    void experimentChanged();
    void raiseView(QWidget* view);
    void updateTitle();
    bool maybeSave();
    void chooseProject();
    void chooseRun();
    void chooseSaveAs();
    void chooseExportDirectory();
    void showError(const QString& title, const QString& message);
    void showStatus(const QString& text, bool error);

    Theme* theme_;
    JobBridge* jobs_;
    QUndoStack* undo_;
    WorkbenchContext* context_;
    ViewStates* states_;
    std::unique_ptr<DockLayouts> layouts_;
    std::unique_ptr<DatasetExperimentLink> link_;
    ExperimentFiles* files_ = nullptr;
    RunControl* runControl_ = nullptr;
    SessionRecovery* recovery_ = nullptr;
    Project project_;
    bool shownOnce_ = false;

    CurvesView* curves_ = nullptr;
    DatasetView* dataset_ = nullptr;
    ConfusionView* confusion_ = nullptr;
    EmbeddingMapView* map_ = nullptr;
    RunsView* runsView_ = nullptr;
    ClipInspector* inspector_ = nullptr;
    ComplexityMeter* meter_ = nullptr;
    ExperimentDocument* experiment_ = nullptr;
    ExperimentEditor* editor_ = nullptr;
    RunLauncher* runs_ = nullptr;
    JobPanel* jobPanel_ = nullptr;
    QList<WorkbenchView*> views_;
    QLabel* statusMessage_ = nullptr;

    QAction* openProjectAction_ = nullptr;
    QAction* openRunAction_ = nullptr;
    QAction* saveAction_ = nullptr;
    QAction* saveAsAction_ = nullptr;
    QAction* exportViewsAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QActionGroup* layoutGroup_ = nullptr;
    RecentProjects* recent_ = nullptr;
    QMenu* runsMenu_ = nullptr;
    QToolBar* toolBar_ = nullptr;
};

}  // namespace sb::ui
