#pragma once
// The workbench's light or dark look: the application palette and the colours every
// plot reads (background, text, grid, colour-blind-safe series colours). One instance,
// owned by the MainWindow; plots connect to changed() and restyle. GUI thread only.
#include <QColor>
#include <QObject>
#include <QPalette>
#include <QString>

namespace sb::ui {

class Theme : public QObject {
    Q_OBJECT
public:
    enum class Mode { Light, Dark };

    explicit Theme(QObject* parent = nullptr);

    Mode mode() const { return mode_; }
    // Applies the palette to the application and emits changed() if the mode differs.
    void setMode(Mode mode);

    QPalette palette() const;
    QColor background() const;
    QColor foreground() const;
    QColor grid() const;
    QColor subGrid() const;
    // Okabe-Ito colours (distinguishable with the common colour-vision deficiencies),
    // cycled by index; all of them read on both backgrounds.
    QColor seriesColor(int index) const;

    static QString modeName(Mode mode);
    static Mode modeFromName(const QString& name);

signals:
    void changed();

private:
    Mode mode_ = Mode::Light;
};

}  // namespace sb::ui
