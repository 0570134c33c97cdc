#include "ui/plots/ColorMaps.h"

namespace sb::ui {

QCPColorGradient ColorMaps::viridis()
{
    QCPColorGradient g;
    g.clearColorStops();
    const QRgb stops[] = {0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962, 0xaddc30, 0xfde725};
    const int n = int(sizeof(stops) / sizeof(stops[0]));
    for (int i = 0; i < n; ++i) g.setColorStopAt(double(i) / (n - 1), QColor(stops[i]));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

QCPColorGradient ColorMaps::diverging()
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0.0, QColor(0x2166ac));
    g.setColorStopAt(0.25, QColor(0x92c5de));
    g.setColorStopAt(0.5, QColor(0xf7f7f7));
    g.setColorStopAt(0.75, QColor(0xfdb863));
    g.setColorStopAt(1.0, QColor(0xb35806));
    g.setColorInterpolation(QCPColorGradient::ciRGB);
    return g;
}

}  // namespace sb::ui
