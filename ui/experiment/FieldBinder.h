#pragma once
// Binds form widgets to fields of the experiment being edited. An edit becomes an
// undoable document edit as it is typed; a document change (an edit, undo, redo, a file
// opened) refreshes every widget and the message under each field, which lists that
// field's validation issues. Fields of the teacher selected in the editor are written
// "teachers[].x" and resolve to "teachers[N].x". GUI thread only.
#include "core/experiment/ExperimentConfig.h"

#include <QObject>
#include <QPair>
#include <QString>
#include <QVector>

#include <functional>
#include <string>

class QLabel;
class QWidget;

namespace sb::ui {

class ExperimentDocument;

class FieldBinder : public QObject {
    Q_OBJECT
public:
    using Config = sb::ExperimentConfig;
    template <class T>
    using Access = std::function<T&(Config&)>;
    using Change = std::function<void(Config&)>;
    using Items = QVector<QPair<QString, QString>>;  // (value in the file, what the user sees)

    FieldBinder(ExperimentDocument* document, QObject* parent = nullptr);

    void setSelectedTeacher(int index);  // -1: none
    int selectedTeacher() const { return teacher_; }
    QString resolve(const QString& field) const;

    // Each makes an editor for one field and returns the widget for its form row: the
    // editor above a message line that shows the field's problems.
    QWidget* integer(const QString& field, const QString& what, Access<int> access, int min, int max, int step = 1);
    // Real numbers are typed as text, so 1e-5 works and a typo can be shown as such.
    QWidget* number(const QString& field, const QString& what, Access<double> access);
    QWidget* text(const QString& field, const QString& what, Access<std::string> access);
    QWidget* longText(const QString& field, const QString& what, Access<std::string> access);
    QWidget* choice(const QString& field, const QString& what, Access<std::string> access, const Items& items);
    QWidget* flag(const QString& field, const QString& what, Access<bool> access);

    // An editor made elsewhere (a combo box that sets several values): `show` puts the
    // value into it; its edits go through commit().
    QWidget* custom(const QString& field, QWidget* editor, std::function<void(Config&)> show);
    // An edit of several values at once (adding a teacher, renaming one).
    void commit(const QString& field, const QString& what, const Change& change);

    // The editor of a field ("student.width", "teachers[1].epochs") and the message it
    // shows; nullptr / empty when the field is not on screen.
    QWidget* editorFor(const QString& field) const;
    QString messageFor(const QString& field) const;

    void refresh();

signals:
    void refreshed();

private:
    struct Binding {
        QString field;
        QWidget* editor;
        QLabel* message;
        std::function<void(Config&)> show;  // puts the value into the editor
        QString typingError;                // text that is not a value yet
    };
    bool available(const Binding& binding) const;
    void showMessage(Binding& binding);
    Binding* find(QWidget* editor);

    ExperimentDocument* document_;
    QVector<Binding> bindings_;
    Config shown_;  // the document's configuration, a copy the accessors may reference
    int teacher_ = -1;
};

}  // namespace sb::ui
