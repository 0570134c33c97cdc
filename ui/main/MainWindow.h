#pragma once
// The workbench's main window: the docked views, menus and shortcuts, the project
// (Open/Save/Save As/Open Recent, undo, the modified * in the title), the named layouts
// "Research" and "Teaching", light/dark theme, and the job bridge every view runs its
// long work on. Preferences and layouts persist in QSettings. GUI thread only.
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
class JobBridge;
class JobPanel;
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
    const Project& project() const { return project_; }

protected:
    void closeEvent(QCloseEvent* event) override;

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
    QVector<ViewState> states_;

    CurvesView* curves_ = nullptr;
    DatasetView* dataset_ = nullptr;
    ComplexityMeter* meter_ = nullptr;
    JobPanel* jobPanel_ = nullptr;
    QVector<QDockWidget*> docks_;
    QLabel* statusMessage_ = nullptr;

    QAction* openProjectAction_ = nullptr;
    QAction* openRunAction_ = nullptr;
    QAction* saveAction_ = nullptr;
    QAction* saveAsAction_ = nullptr;
    QAction* exportViewsAction_ = nullptr;
    QAction* quitAction_ = nullptr;
    QAction* undoAction_ = nullptr;
    QAction* redoAction_ = nullptr;
    QAction* runAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    QActionGroup* layoutGroup_ = nullptr;
    QActionGroup* themeGroup_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* runsMenu_ = nullptr;
    QToolBar* toolBar_ = nullptr;
};

}  // namespace sb::ui
