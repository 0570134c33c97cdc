#include "ui/main/ViewStates.h"

#include "ui/main/ViewStateCommand.h"

#include <QUndoStack>

namespace sb::ui {

ViewStates::ViewStates(QUndoStack* undo, QObject* parent) : QObject(parent), undo_(undo) {}

void ViewStates::add(const QString& key, State state, Apply apply)
{
    Entry entry{key, std::move(state), std::move(apply), {}};
    entry.last = entry.state();
    entries_.append(entry);
}

ViewStates::Entry* ViewStates::find(const QString& key)
{
    for (Entry& entry : entries_)
        if (entry.key == key) return &entry;
    return nullptr;
}

void ViewStates::edited(const QString& key)
{
    Entry* entry = find(key);
    if (applying_ || !entry) return;
    const QJsonObject after = entry->state();
    if (after == entry->last) return;
    const QJsonObject before = entry->last;
    entry->last = after;
    auto apply = [this, key](const QJsonObject& state) {
        whileApplying([this, key, &state] {
            if (Entry* e = find(key)) e->apply(state);
        });
    };
    undo_->push(new ViewStateCommand(key, before, after, apply));
}

void ViewStates::whileApplying(const std::function<void()>& f)
{
    const bool was = applying_;
    applying_ = true;
    f();
    applying_ = was;
    for (Entry& entry : entries_) entry.last = entry.state();
}

void ViewStates::applyFrom(const Project& project)
{
    whileApplying([this, &project] {
        for (Entry& entry : entries_) entry.apply(project.viewState(entry.key));
    });
}

void ViewStates::collectInto(Project& project) const
{
    for (const Entry& entry : entries_) project.setViewState(entry.key, entry.state());
}

QJsonObject ViewStates::state(const QString& key) const
{
    for (const Entry& entry : entries_)
        if (entry.key == key) return entry.state();
    return {};
}

}  // namespace sb::ui
