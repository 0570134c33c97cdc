#include "ui/main/ViewExporter.h"

#include "ui/jobs/JobBridge.h"
#include "ui/main/DockLayouts.h"
#include "ui/plots/PlotExporter.h"
#include "ui/plots/PlotWidget.h"
#include "ui/workbench/WorkbenchView.h"

#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMainWindow>
#include <QRegularExpression>
#include <QTimer>
#include <qcustomplot.h>

namespace sb::ui {

namespace {
// Long enough for a few redraw ticks (views redraw at ~15 Hz).
constexpr int kSettleMs = 250;
// Generating the demo dataset or a t-SNE map on first use takes a while; give up after this.
constexpr int kJobWaitMs = 10 * 60 * 1000;
// Size of each view alone, a size that reads well in the user guide.
constexpr int kViewWidth = 1200, kViewHeight = 800;

QString slug(const QString& title)
{
    QString s = title.toLower();
    s.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    while (s.endsWith(QLatin1Char('-'))) s.chop(1);
    while (s.startsWith(QLatin1Char('-'))) s.remove(0, 1);
    return s.isEmpty() ? QStringLiteral("plot") : s;
}
}  // namespace

ViewExporter::ViewExporter(QMainWindow* window, DockLayouts* layouts, JobBridge* jobs)
    : window_(window), layouts_(layouts), jobs_(jobs)
{
}

void ViewExporter::settle() const
{
    QEventLoop loop;
    QTimer::singleShot(kSettleMs, &loop, &QEventLoop::quit);
    loop.exec();
}

QStringList ViewExporter::exportAll(const QString& directory, const QList<WorkbenchView*>& views, QStringList* errors)
{
    QStringList written;
    if (!QDir().mkpath(directory)) {
        errors->append(QObject::tr("%1: cannot create the folder").arg(directory));
        return written;
    }
    QElapsedTimer waited;
    waited.start();
    while (jobs_->runningCount() > 0 && waited.elapsed() < kJobWaitMs) settle();
    settle();
    const QString windowPng = QDir(directory).filePath(QStringLiteral("window.png"));
    if (window_->grab().save(windowPng)) written << windowPng;
    else errors->append(QObject::tr("%1: could not write the image").arg(windowPng));
    layouts_->remember();
    for (QDockWidget* dock : layouts_->docks()) {
        exportDock(dock, directory, &written, errors);
        // While floated at full size: plots export at the size they were drawn at.
        for (WorkbenchView* view : views)
            if (dock->widget() == view) {
                exportPlots(view, directory, &written, errors);
                view->exportData(directory, &written, errors);
            }
    }
    layouts_->restore(layouts_->name());
    return written;
}

void ViewExporter::exportDock(QDockWidget* dock, const QString& directory, QStringList* written, QStringList* errors) const
{
    dock->setFloating(true);
    dock->show();
    dock->resize(kViewWidth, kViewHeight);
    settle();
    for (PlotWidget* plot : dock->findChildren<PlotWidget*>()) {
        plot->resetZoom();
        plot->plot()->replot();
    }
    const QString path = QDir(directory).filePath(dock->objectName().mid(int(qstrlen("dock-"))) + QStringLiteral(".png"));
    if (dock->widget()->grab().save(path)) written->append(path);
    else errors->append(QObject::tr("%1: could not write the image").arg(path));
}

void ViewExporter::exportPlots(WorkbenchView* view, const QString& directory, QStringList* written, QStringList* errors) const
{
    QStringList used;
    for (PlotWidget* plot : view->plots()) {
        if (!plot->placeholder().isEmpty()) continue;  // nothing shown, nothing to export
        // "confusion-a", not "confusion-confusion-a": the view's name is said once.
        QString name = slug(plot->title());
        for (const QString& prefix : {view->key() + QLatin1Char('-'), slug(view->title()) + QLatin1Char('-')})
            if (name.startsWith(prefix)) name = name.mid(prefix.size());
        QString base = view->key() + QLatin1Char('-') + name;
        for (int n = 2; used.contains(base); ++n) base = view->key() + QLatin1Char('-') + name + QString::number(n);
        used << base;
        for (const char* suffix : {".svg", ".pdf", ".csv"}) {
            const QString path = QDir(directory).filePath(base + QLatin1String(suffix));
            const QString error = PlotExporter::save(*plot->plot(), path);
            if (error.isEmpty()) written->append(path);
            else errors->append(error);
        }
    }
}

}  // namespace sb::ui
