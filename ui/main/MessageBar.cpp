#include "ui/main/MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace sb::ui {

MessageBar::MessageBar(QWidget* parent) : QFrame(parent), label_(new QLabel(this)), buttons_(new QHBoxLayout)
{
    setObjectName(QStringLiteral("message-bar"));
    // The Okabe–Ito blue of the plots: noticeable in both themes, not an error's colour.
    setStyleSheet(QStringLiteral("QFrame#message-bar { border: 1px solid #0072B2; border-radius: 3px; }"));
    label_->setWordWrap(true);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* close = new QToolButton(this);
    close->setObjectName(QStringLiteral("close"));
    close->setText(QStringLiteral("×"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close this message"));
    connect(close, &QToolButton::clicked, this, [this] {
        hide();
        emit closed();
    });
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 3, 3, 3);
    layout->addWidget(label_, 1);
    layout->addLayout(buttons_);
    layout->addWidget(close);
    hide();
}

QPushButton* MessageBar::addButton(const QString& text, const QString& name, std::function<void()> action)
{
    auto* button = new QPushButton(text, this);
    button->setObjectName(name);
    connect(button, &QPushButton::clicked, this, std::move(action));
    buttons_->addWidget(button);
    return button;
}

void MessageBar::showMessage(const QString& text, const QString& tip)
{
    label_->setText(text);
    label_->setToolTip(tip);
    show();
}

void MessageBar::setWordWrap(bool on) { label_->setWordWrap(on); }

QString MessageBar::text() const { return label_->text(); }

}  // namespace sb::ui
