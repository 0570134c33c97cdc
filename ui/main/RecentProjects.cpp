#include "ui/main/RecentProjects.h"

#include <QDir>
#include <QMenu>
#include <QSettings>

namespace sb::ui {

namespace {
const QString kKey = QStringLiteral("recentProjects");
}  // namespace

RecentProjects::RecentProjects(QMenu* menu, QObject* parent) : QObject(parent), menu_(menu) { rebuild(); }

void RecentProjects::add(const QString& folder)
{
    QSettings settings;
    QStringList recent = settings.value(kKey).toStringList();
    recent.removeAll(folder);
    recent.prepend(folder);
    while (recent.size() > kMax) recent.removeLast();
    settings.setValue(kKey, recent);
    rebuild();
}

void RecentProjects::rebuild()
{
    menu_->clear();
    const QStringList recent = QSettings().value(kKey).toStringList();
    for (const QString& folder : recent)
        menu_->addAction(QDir::toNativeSeparators(folder), this, [this, folder] { emit chosen(folder); });
    menu_->setEnabled(!recent.isEmpty());
}

}  // namespace sb::ui
