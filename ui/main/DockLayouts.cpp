#include "ui/main/DockLayouts.h"

#include <QApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QSettings>
#include <QToolBar>

namespace sb::ui {

namespace {
// Teaching: fonts large enough to read from the back of a classroom.
constexpr double kTeachingFontScale = 1.5;
// Default width of the side column (Complexity, Clip inspector) as a share of the window:
// room for its figures while the main views keep legible cells.
constexpr double kSideDockShare = 0.28;
// Default height of the Jobs dock, in text lines (two job rows of two lines each).
constexpr int kJobsDockLines = 5;

QString stateKey(const QString& name) { return QStringLiteral("layouts/%1/state").arg(name); }
}  // namespace

const QString& DockLayouts::research()
{
    static const QString name = QStringLiteral("Research");
    return name;
}

const QString& DockLayouts::teaching()
{
    static const QString name = QStringLiteral("Teaching");
    return name;
}

DockLayouts::DockLayouts(QMainWindow* window) : window_(window), baseFont_(QApplication::font()) {}

QDockWidget* DockLayouts::add(const QString& key, const QString& title, const QString& iconName, QWidget* view,
                              int area, QDockWidget* tabWith)
{
    auto* dock = new QDockWidget(title, window_);
    dock->setObjectName(QStringLiteral("dock-") + key);  // saveState() needs a stable name
    dock->setWidget(view);
    dock->setWindowIcon(QIcon(QStringLiteral(":/icons/%1.svg").arg(iconName)));
    window_->addDockWidget(Qt::DockWidgetArea(area), dock);
    if (tabWith) window_->tabifyDockWidget(tabWith, dock);
    docks_.append(dock);
    return dock;
}

QDockWidget* DockLayouts::dockOf(const QWidget* view) const
{
    for (QDockWidget* dock : docks_)
        if (dock->widget() == view) return dock;
    return nullptr;
}

void DockLayouts::raise(const QWidget* view) const
{
    if (QDockWidget* dock = dockOf(view)) {
        dock->show();
        dock->raise();
    }
}

void DockLayouts::setRoles(QDockWidget* main, QDockWidget* side, QDockWidget* jobs, QToolBar* toolBar)
{
    main_ = main;
    side_ = side;
    jobs_ = jobs;
    toolBar_ = toolBar;
}

void DockLayouts::choose(const QString& name)
{
    const QString chosen = name == teaching() ? teaching() : research();
    if (!name_.isEmpty() && name_ != chosen) remember();
    name_ = chosen;
    QFont font = baseFont_;
    if (name_ == teaching()) font.setPointSizeF(baseFont_.pointSizeF() * kTeachingFontScale);
    QApplication::setFont(font);
    restore(name_);
    QSettings().setValue(QStringLiteral("layout"), name_);
}

void DockLayouts::remember() const
{
    if (!name_.isEmpty()) QSettings().setValue(stateKey(name_), window_->saveState());
}

bool DockLayouts::hasSavedState(const QString& name) const
{
    return !QSettings().value(stateKey(name)).toByteArray().isEmpty();
}

void DockLayouts::restore(const QString& name)
{
    applyDefaults(name);
    const QByteArray state = QSettings().value(stateKey(name)).toByteArray();
    if (!state.isEmpty()) window_->restoreState(state);
}

void DockLayouts::applyDefaults(const QString& name)
{
    const bool teaching = name == DockLayouts::teaching();
    if (toolBar_) toolBar_->setVisible(!teaching);
    if (onTeaching_) onTeaching_(teaching);
    for (QDockWidget* dock : docks_) {
        dock->setFloating(false);
        dock->setVisible(!(teaching && dock == jobs_));
    }
    if (!main_ || !side_) return;
    // No central widget: the tabbed views and the side column share the width, so both are sized.
    const int sideWidth = int(window_->width() * kSideDockShare);
    window_->resizeDocks({main_, side_}, {window_->width() - sideWidth, sideWidth}, Qt::Horizontal);
    // With no central widget the bottom area takes whatever the side areas leave: ask for
    // the views' height explicitly, so the jobs keep kJobsDockLines.
    if (jobs_ && jobs_->isVisible()) {
        const int jobsHeight = jobs_->fontMetrics().height() * kJobsDockLines;
        const int h = window_->height();
        window_->resizeDocks({main_, side_, jobs_}, {h, h, jobsHeight}, Qt::Vertical);
    }
    main_->raise();
}

}  // namespace sb::ui
