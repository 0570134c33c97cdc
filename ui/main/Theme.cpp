#include "ui/main/Theme.h"

#include <QApplication>
#include <QStyleFactory>

#include <array>

namespace sb::ui {

namespace {
// Okabe & Ito (2008), "Color Universal Design", ordered so that the first few are the
// most distinct: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow.
constexpr std::array<QRgb, 7> kSeries = {0x0072B2, 0xD55E00, 0x009E73, 0xE69F00, 0xCC79A7, 0x56B4E9, 0xF0E442};
}  // namespace

Theme::Theme(QObject* parent) : QObject(parent) {}

void Theme::setMode(Mode mode)
{
    const bool differs = mode != mode_;
    mode_ = mode;
    if (qobject_cast<QApplication*>(QCoreApplication::instance())) {
        // Fusion draws the palette faithfully on every platform (native styles ignore dark palettes).
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(palette());
    }
    if (differs) emit changed();
}

QPalette Theme::palette() const
{
    if (mode_ == Mode::Light) {
        QPalette p(QColor(0xefefef));
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::AlternateBase, QColor(0xf5f7fa));
        p.setColor(QPalette::Highlight, QColor(0x0072B2));
        return p;
    }
    QPalette p;
    const QColor window(0x2b2f36), base(0x1f2228), text(0xe6e6e6), button(0x353a42);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x272b31));
    p.setColor(QPalette::ToolTipBase, button);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8a9099));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, button);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff6b5b));
    p.setColor(QPalette::Link, QColor(0x56B4E9));
    p.setColor(QPalette::Highlight, QColor(0x2f7fc1));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x454b55));
    p.setColor(QPalette::Midlight, QColor(0x3b4048));
    p.setColor(QPalette::Mid, QColor(0x24272d));
    p.setColor(QPalette::Dark, QColor(0x1a1c20));
    p.setColor(QPalette::Shadow, Qt::black);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(0x7a808a));
    return p;
}

QColor Theme::background() const { return mode_ == Mode::Light ? QColor(Qt::white) : QColor(0x1f2228); }
QColor Theme::foreground() const { return mode_ == Mode::Light ? QColor(0x202020) : QColor(0xe6e6e6); }
QColor Theme::grid() const { return mode_ == Mode::Light ? QColor(0xd0d0d0) : QColor(0x454b55); }
QColor Theme::subGrid() const { return mode_ == Mode::Light ? QColor(0xeeeeee) : QColor(0x2c3037); }

QColor Theme::seriesColor(int index) const
{
    const int n = int(kSeries.size());
    return QColor(kSeries[size_t(((index % n) + n) % n)]);
}

QString Theme::modeName(Mode mode) { return mode == Mode::Dark ? QStringLiteral("dark") : QStringLiteral("light"); }

Theme::Mode Theme::modeFromName(const QString& name)
{
    return name == QLatin1String("dark") ? Mode::Dark : Mode::Light;
}

}  // namespace sb::ui
