#pragma once
// File > Open Recent: the last projects opened or saved, newest first, kept in
// QSettings ("recentProjects"). GUI thread only.
#include <QObject>
#include <QString>

class QMenu;

namespace sb::ui {

class RecentProjects : public QObject {
    Q_OBJECT
public:
    static constexpr int kMax = 8;

    // Fills (and keeps filling) menu.
    RecentProjects(QMenu* menu, QObject* parent);

    // folder becomes the newest entry.
    void add(const QString& folder);

signals:
    void chosen(const QString& folder);

private:
    void rebuild();

    QMenu* menu_;
};

}  // namespace sb::ui
