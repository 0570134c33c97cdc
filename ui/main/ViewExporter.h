#pragma once
// File > Export Views and `scenebench --export-views DIR`: the whole window and every
// view alone as PNG (named after the view's key: dataset.png, confusion.png, ...), and
// for every workbench view each plot as SVG, PDF and CSV ("<key>-<plot>.svg") plus the
// view's own numbers (WorkbenchView::exportData). Waits for running jobs first, since
// views fill in from jobs. GUI thread only.
#include <QList>
#include <QStringList>

class QMainWindow;
class QDockWidget;

namespace sb::ui {

class DockLayouts;
class JobBridge;
class WorkbenchView;

class ViewExporter {
public:
    ViewExporter(QMainWindow* window, DockLayouts* layouts, JobBridge* jobs);

    // Returns the files written; what could not be written goes to errors.
    QStringList exportAll(const QString& directory, const QList<WorkbenchView*>& views, QStringList* errors);

private:
    void settle() const;
    void exportDock(QDockWidget* dock, const QString& directory, QStringList* written, QStringList* errors) const;
    void exportPlots(WorkbenchView* view, const QString& directory, QStringList* written, QStringList* errors) const;

    QMainWindow* window_;
    DockLayouts* layouts_;
    JobBridge* jobs_;
};

}  // namespace sb::ui
