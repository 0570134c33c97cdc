#include "ui/map/MapColouring.h"

#include "ui/main/Theme.h"

#include <QHash>
#include <QSet>

#include <array>

namespace sb::ui {

namespace {

// Paul Tol's "muted" scheme (https://personal.sron.nl/~pault/), colour-blind safe.
constexpr std::array<QRgb, 9> kTolMuted = {0x332288, 0xCC6677, 0x44AA99, 0x999933, 0x882255,
                                           0xDDCC77, 0xAA4499, 0x117733, 0x88CCEE};
// Theme::seriesColor's Okabe–Ito colours (the same ones, for a view without a theme).
constexpr int kOkabeIto = 7;
constexpr std::array<QRgb, kOkabeIto> kOkabeItoFallback = {0x0072B2, 0xD55E00, 0x009E73, 0xE69F00,
                                                           0xCC79A7, 0x56B4E9, 0xF0E442};

}  // namespace

QString MapColouring::name(By by)
{
    switch (by) {
    case By::Scene: return QStringLiteral("scene");
    case By::Device: return QStringLiteral("device");
    case By::City: return QStringLiteral("city");
    case By::Correct: return QStringLiteral("correct");
    }
    return QStringLiteral("scene");
}

MapColouring::By MapColouring::fromName(const QString& name)
{
    for (By by : all())
        if (MapColouring::name(by) == name) return by;
    return By::Scene;
}

QString MapColouring::label(By by)
{
    switch (by) {
    case By::Scene: return tr("Scene");
    case By::Device: return tr("Device");
    case By::City: return tr("City");
    case By::Correct: return tr("Correct / wrong");
    }
    return {};
}

QString MapColouring::valueOf(const MapClip& clip, By by)
{
    switch (by) {
    case By::Scene: return clip.scene;
    case By::Device: return clip.device;
    case By::City: return clip.city;
    case By::Correct: return clip.correct() ? QStringLiteral("correct") : QStringLiteral("wrong");
    }
    return {};
}

QStringList MapColouring::categories(By by, const QList<const MapClips*>& maps)
{
    if (by == By::Correct) return {QStringLiteral("correct"), QStringLiteral("wrong")};
    QStringList values;
    QSet<QString> seen;
    for (const MapClips* clips : maps) {
        if (!clips) continue;
        for (const MapClip& clip : clips->clips()) {
            const QString v = valueOf(clip, by);
            if (!seen.contains(v)) {
                seen.insert(v);
                values << v;
            }
        }
    }
    values.sort();
    return values;
}

QVector<int> MapColouring::categoryOf(const MapClips& clips, By by, const QStringList& categories)
{
    QHash<QString, int> index;
    for (int i = 0; i < categories.size(); ++i) index.insert(categories[i], i);
    QVector<int> result;
    result.reserve(clips.size());
    for (const MapClip& clip : clips.clips()) result.append(index.value(valueOf(clip, by), -1));
    return result;
}

MapColouring::Style MapColouring::style(int index, By by, const Theme* theme)
{
    auto okabeIto = [theme](int i) { return theme ? theme->seriesColor(i) : QColor(kOkabeItoFallback[size_t(i)]); };
    if (by == By::Correct) return {okabeIto(index == 0 ? 0 : 1), Shape::Disc};
    if (index < kOkabeIto) return {okabeIto(index), Shape::Disc};
    const int rest = index - kOkabeIto;
    const int tol = int(kTolMuted.size());
    return {QColor(kTolMuted[size_t(rest % tol)]), rest < tol ? Shape::Triangle : Shape::Square};
}

}  // namespace sb::ui
