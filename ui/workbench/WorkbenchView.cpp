#include "ui/workbench/WorkbenchView.h"

#include "ui/plots/PlotWidget.h"
#include "ui/workbench/WorkbenchContext.h"

namespace sb::ui {

WorkbenchView::WorkbenchView(WorkbenchContext* context, QWidget* parent) : QWidget(parent), context_(context)
{
    // Direct connections: a view sees a change before the setter returns. MainWindow
    // creates every view before the first project or run, so no view misses one.
    connect(context, &WorkbenchContext::projectFolderChanged, this, [this](const QString& f) { projectChanged(f); });
    connect(context, &WorkbenchContext::runDirectoryChanged, this, [this](const QString& d) { runChanged(d); });
    connect(context, &WorkbenchContext::clipChanged, this, [this](const ClipRef& c) { clipChanged(c); });
}

void WorkbenchView::exportData(const QString& directory, QStringList* written, QStringList* errors) const
{
    Q_UNUSED(directory)
    Q_UNUSED(written)
    Q_UNUSED(errors)
}

QList<PlotWidget*> WorkbenchView::plots() const { return findChildren<PlotWidget*>(); }

}  // namespace sb::ui
