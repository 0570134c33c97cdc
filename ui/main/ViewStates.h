#pragma once
// The views' states that a project saves (which dataset and subset, which run, which
// model a view shows, ...), each behind a pair of functions, and the undo steps that
// edits of them make. MainWindow registers every view once; a view's stateEdited()
// becomes edited(key). GUI thread only.
#include "ui/main/Project.h"

#include <QJsonObject>
#include <QObject>
#include <QVector>

#include <functional>

class QUndoStack;

namespace sb::ui {

class ViewStates : public QObject {
    Q_OBJECT
public:
    using State = std::function<QJsonObject()>;
    using Apply = std::function<void(const QJsonObject&)>;

    ViewStates(QUndoStack* undo, QObject* parent = nullptr);

    void add(const QString& key, State state, Apply apply);
    // The view's state changed by a user action: one undo step (before -> after).
    void edited(const QString& key);
    // True while states are being applied (a project opening, undo): views' own change
    // signals are not user edits then.
    bool applying() const { return applying_; }
    // Runs f with applying() true, then takes every state as the new baseline.
    void whileApplying(const std::function<void()>& f);

    void applyFrom(const Project& project);
    void collectInto(Project& project) const;
    QJsonObject state(const QString& key) const;

private:
    struct Entry {
        QString key;
        State state;
        Apply apply;
        QJsonObject last;  // the state before the next edit
    };
    Entry* find(const QString& key);

    QUndoStack* undo_;
    QVector<Entry> entries_;
    bool applying_ = false;
};

}  // namespace sb::ui
