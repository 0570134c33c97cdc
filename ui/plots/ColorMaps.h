#pragma once
// Colour maps for heatmaps and spectrograms: perceptually uniform and readable with
// the common colour-vision deficiencies.
#include <qcustomplot.h>

namespace sb::ui {

class ColorMaps {
public:
    // Viridis (van der Walt & Smith, matplotlib), sampled at nine stops.
    static QCPColorGradient viridis();
};

}  // namespace sb::ui
