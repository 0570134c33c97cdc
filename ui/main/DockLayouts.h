#pragma once
// The docks of the main window and its two named layouts: "Research" (every view, the
// toolbar and the jobs) and "Teaching" (the big views only, large fonts). Each layout's
// dock arrangement is remembered in QSettings and restored when the layout is chosen
// again. GUI thread only.
#include <QFont>
#include <QString>
#include <QVector>

#include <functional>

class QDockWidget;
class QMainWindow;
class QToolBar;
class QWidget;

namespace sb::ui {

class DockLayouts {
public:
    static const QString& research();
    static const QString& teaching();

    explicit DockLayouts(QMainWindow* window);

    // A dock named "dock-<key>" holding view, tabbed with tabWith when given.
    QDockWidget* add(const QString& key, const QString& title, const QString& iconName, QWidget* view,
                     int area, QDockWidget* tabWith = nullptr);
    const QVector<QDockWidget*>& docks() const { return docks_; }
    QDockWidget* dockOf(const QWidget* view) const;
    void raise(const QWidget* view) const;

    // The docks the defaults size: the main (tabbed) views, the side column beside them,
    // and the jobs below (hidden in Teaching, as is the toolbar).
    void setRoles(QDockWidget* main, QDockWidget* side, QDockWidget* jobs, QToolBar* toolBar);
    // Called with true when Teaching is chosen, false for Research (views adapt).
    void setOnTeaching(std::function<void(bool)> f) { onTeaching_ = std::move(f); }

    QString name() const { return name_; }
    // Remembers the current layout, switches fonts and docks to `name`.
    void choose(const QString& name);
    void remember() const;
    void restore(const QString& name);
    void applyDefaults(const QString& name);
    bool hasSavedState(const QString& name) const;

private:
    QMainWindow* window_;
    QVector<QDockWidget*> docks_;
    QDockWidget* main_ = nullptr;
    QDockWidget* side_ = nullptr;
    QDockWidget* jobs_ = nullptr;
    QToolBar* toolBar_ = nullptr;
    std::function<void(bool)> onTeaching_;
    QString name_;
    QFont baseFont_;
};

}  // namespace sb::ui
