#pragma once
// A waveform as the points a plot draws: every sample when they fit in maxPoints, else
// each block's minimum and maximum in time order, so peaks survive the thinning. Plain
// function; any thread.
#include <QVector>

#include <vector>

namespace sb::ui {

// Enough for any plot width; a 10-s clip at 44.1 kHz is thinned, a 1-s clip at 16 kHz is not.
inline constexpr size_t kMaxWaveformPoints = 20000;

void waveformPoints(const std::vector<float>& samples, int sampleRate, size_t maxPoints, QVector<double>& seconds,
                    QVector<double>& values);

}  // namespace sb::ui
