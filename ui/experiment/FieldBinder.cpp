#include "ui/experiment/FieldBinder.h"

#include "ui/experiment/ExperimentDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
const QString kSelectedTeacher = QStringLiteral("teachers[]");

// Shortest text that reads back as the same double ("0.001", "1e-05").
QString formatNumber(double value) { return QString::number(value, 'g', 12); }

bool parseNumber(const QString& text, double* value)
{
    bool ok = false;
    *value = QLocale::c().toDouble(text.trimmed(), &ok);
    return ok;
}
}  // namespace

FieldBinder::FieldBinder(ExperimentDocument* document, QObject* parent)
    : QObject(parent), document_(document), shown_(document->config())
{
}

void FieldBinder::setSelectedTeacher(int index)
{
    teacher_ = index;
    refresh();
}

QString FieldBinder::resolve(const QString& field) const
{
    if (!field.startsWith(kSelectedTeacher)) return field;
    return QStringLiteral("teachers[%1]").arg(teacher_) + field.mid(kSelectedTeacher.size());
}

QWidget* FieldBinder::custom(const QString& field, QWidget* editor, std::function<void(Config&)> show)
{
    auto* row = new QWidget;
    auto* layout = new QVBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    auto* message = new QLabel(row);
    message->setObjectName(QStringLiteral("field-message"));
    message->setWordWrap(true);
    // Okabe-Ito vermillion: the error colour of the meter too, readable on both themes.
    message->setStyleSheet(QStringLiteral("color: #D55E00"));
    message->hide();
    layout->addWidget(editor);
    layout->addWidget(message);
    editor->setObjectName(field);
    bindings_.append(Binding{field, editor, message, std::move(show), {}});
    return row;
}

QWidget* FieldBinder::integer(const QString& field, const QString& what, Access<int> access, int min, int max, int step)
{
    auto* box = new QSpinBox;
    box->setRange(min, max);
    box->setSingleStep(step);
    connect(box, &QSpinBox::valueChanged, this, [this, field, what, access](int value) {
        commit(field, what, [access, value](Config& c) { access(c) = value; });
    });
    return custom(field, box, [box, access](Config& c) {
        if (box->value() != access(c)) box->setValue(access(c));
    });
}

QWidget* FieldBinder::number(const QString& field, const QString& what, Access<double> access)
{
    auto* edit = new QLineEdit;
    connect(edit, &QLineEdit::textEdited, this, [this, edit, field, what, access](const QString& text) {
        Binding* binding = find(edit);
        double value = 0;
        binding->typingError = parseNumber(text, &value) ? QString() : tr("“%1” is not a number").arg(text);
        if (binding->typingError.isEmpty()) commit(field, what, [access, value](Config& c) { access(c) = value; });
        showMessage(*binding);
    });
    // Leaving a field that does not hold a number puts the value back.
    connect(edit, &QLineEdit::editingFinished, this, [this, edit] {
        Binding* binding = find(edit);
        if (binding->typingError.isEmpty()) return;
        binding->typingError.clear();
        refresh();
    });
    return custom(field, edit, [edit, access](Config& c) {
        double shown = 0;
        if (!parseNumber(edit->text(), &shown) || shown != access(c)) edit->setText(formatNumber(access(c)));
    });
}

QWidget* FieldBinder::text(const QString& field, const QString& what, Access<std::string> access)
{
    auto* edit = new QLineEdit;
    connect(edit, &QLineEdit::textEdited, this, [this, field, what, access](const QString& text) {
        const std::string value = text.toStdString();
        commit(field, what, [access, value](Config& c) { access(c) = value; });
    });
    return custom(field, edit, [edit, access](Config& c) {
        const QString value = QString::fromStdString(access(c));
        if (edit->text() != value) edit->setText(value);
    });
}

QWidget* FieldBinder::longText(const QString& field, const QString& what, Access<std::string> access)
{
    auto* edit = new QPlainTextEdit;
    edit->setTabChangesFocus(true);
    edit->setMaximumHeight(edit->fontMetrics().lineSpacing() * 4);
    connect(edit, &QPlainTextEdit::textChanged, this, [this, edit, field, what, access] {
        const std::string value = edit->toPlainText().toStdString();
        commit(field, what, [access, value](Config& c) { access(c) = value; });
    });
    return custom(field, edit, [edit, access](Config& c) {
        const QString value = QString::fromStdString(access(c));
        if (edit->toPlainText() != value) edit->setPlainText(value);
    });
}

QWidget* FieldBinder::choice(const QString& field, const QString& what, Access<std::string> access, const Items& items)
{
    auto* box = new QComboBox;
    for (const auto& [value, label] : items) box->addItem(label, value);
    connect(box, &QComboBox::activated, this, [this, box, field, what, access](int index) {
        const std::string value = box->itemData(index).toString().toStdString();
        commit(field, what, [access, value](Config& c) { access(c) = value; });
    });
    return custom(field, box, [box, access](Config& c) {
        box->setCurrentIndex(box->findData(QString::fromStdString(access(c))));
    });
}

QWidget* FieldBinder::flag(const QString& field, const QString& what, Access<bool> access)
{
    auto* box = new QCheckBox(what);
    connect(box, &QCheckBox::toggled, this, [this, field, what, access](bool value) {
        commit(field, what, [access, value](Config& c) { access(c) = value; });
    });
    return custom(field, box, [box, access](Config& c) {
        if (box->isChecked() != access(c)) box->setChecked(access(c));
    });
}

void FieldBinder::commit(const QString& field, const QString& what, const Change& change)
{
    Config after = document_->config();
    if (field.startsWith(kSelectedTeacher) && (teacher_ < 0 || teacher_ >= int(after.teachers.size()))) return;
    change(after);
    document_->edit(after, resolve(field), what);
}

bool FieldBinder::available(const Binding& binding) const
{
    return !binding.field.startsWith(kSelectedTeacher) || (teacher_ >= 0 && teacher_ < int(shown_.teachers.size()));
}

void FieldBinder::showMessage(Binding& binding)
{
    QStringList messages = available(binding) ? document_->issuesFor(resolve(binding.field)) : QStringList();
    if (!binding.typingError.isEmpty()) messages.prepend(binding.typingError);
    binding.message->setText(messages.join(QLatin1Char('\n')));
    binding.message->setVisible(!messages.isEmpty());
}

void FieldBinder::refresh()
{
    shown_ = document_->config();
    for (Binding& binding : bindings_) {
        const bool ok = available(binding);
        binding.editor->setEnabled(ok);
        // Keep what is being typed: a field that holds a typo is not overwritten.
        if (ok && binding.typingError.isEmpty()) {
            const QSignalBlocker blocker(binding.editor);
            binding.show(shown_);
        }
        showMessage(binding);
    }
    emit refreshed();
}

QWidget* FieldBinder::editorFor(const QString& field) const
{
    for (const Binding& binding : bindings_)
        if (available(binding) && resolve(binding.field) == field) return binding.editor;
    return nullptr;
}

QString FieldBinder::messageFor(const QString& field) const
{
    for (const Binding& binding : bindings_)
        if (available(binding) && resolve(binding.field) == field) return binding.message->text();
    return {};
}

FieldBinder::Binding* FieldBinder::find(QWidget* editor)
{
    for (Binding& binding : bindings_)
        if (binding.editor == editor) return &binding;
    return nullptr;
}

}  // namespace sb::ui
