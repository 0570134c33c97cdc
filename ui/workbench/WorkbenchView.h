#pragma once
// The one small interface every dock of the workbench implements. A view is told about
// the current project, run and clip through its WorkbenchContext (the protected hooks
// below run when they change), keeps its own state for the project file, and names the
// plots and tables File > Export Views and `scenebench --export-views` write. MainWindow
// only assembles views: it never reaches into one. GUI thread only.
#include "ui/workbench/ClipRef.h"

#include <QJsonObject>
#include <QList>
#include <QWidget>

namespace sb::ui {

class PlotWidget;
class WorkbenchContext;

class WorkbenchView : public QWidget {
    Q_OBJECT
public:
    explicit WorkbenchView(WorkbenchContext* context, QWidget* parent = nullptr);

    // Stable key ("confusion"): the dock's object name, the project file's entry, the
    // prefix of exported file names.
    virtual QString key() const = 0;
    virtual QString title() const = 0;
    virtual QString iconName() const { return key(); }

    // The view's part of the project file (which model, colouring, ...). Paths inside
    // are stored as given; apply must accept {} (a new project).
    virtual QJsonObject state() const { return {}; }
    virtual void applyState(const QJsonObject& state) { Q_UNUSED(state) }

    // Writes the view's numbers as CSV files into directory, named "<key>-<what>.csv";
    // appends the paths written (and errors) to the lists. Plots export themselves.
    virtual void exportData(const QString& directory, QStringList* written, QStringList* errors) const;
    // The view's plots, for Export Views (default: every PlotWidget child).
    virtual QList<PlotWidget*> plots() const;

    WorkbenchContext* context() const { return context_; }

signals:
    // The view's state() changed by a user action (MainWindow makes it an undo step).
    void stateEdited();

protected:
    virtual void projectChanged(const QString& folder) { Q_UNUSED(folder) }
    virtual void runChanged(const QString& directory) { Q_UNUSED(directory) }
    virtual void clipChanged(const ClipRef& clip) { Q_UNUSED(clip) }

private:
    WorkbenchContext* context_;
};

}  // namespace sb::ui
