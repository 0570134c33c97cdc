#pragma once
// Colour maps for heatmaps and spectrograms: perceptually uniform and readable with
// the common colour-vision deficiencies.
#include <qcustomplot.h>

namespace sb::ui {

class ColorMaps {
public:
    // Viridis (van der Walt & Smith, matplotlib), sampled at nine stops.
    static QCPColorGradient viridis();
    // Blue-white-orange for differences (B - A), white at the middle of a symmetric range:
    // after ColorBrewer PuOr's orange arm and RdBu's blue arm, no red-green contrast.
    static QCPColorGradient diverging();
};

}  // namespace sb::ui
