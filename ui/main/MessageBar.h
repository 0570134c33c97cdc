#pragma once
// A message bar, as editors show one above a document: a line of text, a few buttons that
// act on it and a close button. Never modal: it waits beside the work until answered or
// closed, so a window started headless is never blocked by it. GUI thread only.
#include <QFrame>

#include <functional>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace sb::ui {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    explicit MessageBar(QWidget* parent = nullptr);

    // A button (object name `name`, for tests) that runs `action`; the bar stays shown
    // unless the action hides it.
    QPushButton* addButton(const QString& text, const QString& name, std::function<void()> action);
    // Shows the bar with `text` (its tooltip: `tip`).
    void showMessage(const QString& text, const QString& tip = {});
    QString text() const;
    // Wraps long text (the default, above the editor); off keeps it one line (status bar).
    void setWordWrap(bool on);

signals:
    void closed();  // the user closed it

private:
    QLabel* label_;
    QHBoxLayout* buttons_;
};

}  // namespace sb::ui
