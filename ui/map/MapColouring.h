#pragma once
// How the points of an embedding map are coloured: by scene, device, city or whether the
// model got the clip right. Categories are the sorted distinct values over every map
// shown, so two maps side by side share colours and legend. Colours are colour-blind
// safe: the theme's Okabe–Ito colours as discs first, then Paul Tol's "muted" colours as
// triangles (then squares), so 10 scenes or 9 devices stay distinguishable by colour
// and by shape. Pure functions; GUI thread (Theme).
#include "ui/map/MapClips.h"

#include <QColor>
#include <QCoreApplication>
#include <QStringList>

namespace sb::ui {

class Theme;

class MapColouring {
    Q_DECLARE_TR_FUNCTIONS(MapColouring)
public:
    enum class By { Scene, Device, City, Correct };
    enum class Shape { Disc, Triangle, Square };

    struct Style {
        QColor colour;
        Shape shape = Shape::Disc;
    };

    // "scene", "device", "city", "correct" (the state's names) and back (unknown: Scene).
    static QString name(By by);
    static By fromName(const QString& name);
    static QString label(By by);  // for the combo box
    static QList<By> all() { return {By::Scene, By::Device, By::City, By::Correct}; }

    static QString valueOf(const MapClip& clip, By by);
    // Sorted distinct values of the given maps' clips ("correct", "wrong" for Correct).
    static QStringList categories(By by, const QList<const MapClips*>& maps);
    // Per clip: its index in categories (-1 when not listed).
    static QVector<int> categoryOf(const MapClips& clips, By by, const QStringList& categories);
    // The look of category index (correct/wrong: blue and vermillion, the safest pair).
    static Style style(int index, By by, const Theme* theme);
};

}  // namespace sb::ui
