#include "ui/plots/WaveformPoints.h"

#include <algorithm>

namespace sb::ui {

void waveformPoints(const std::vector<float>& samples, int sampleRate, size_t maxPoints, QVector<double>& seconds,
                    QVector<double>& values)
{
    seconds.clear();
    values.clear();
    if (sampleRate <= 0) return;
    const double rate = sampleRate;
    if (samples.size() <= maxPoints) {
        for (size_t i = 0; i < samples.size(); ++i) {
            seconds << double(i) / rate;
            values << double(samples[i]);
        }
        return;
    }
    const size_t blocks = std::max<size_t>(1, maxPoints / 2);
    const size_t step = (samples.size() + blocks - 1) / blocks;
    for (size_t i = 0; i < samples.size(); i += step) {
        const auto first = samples.begin() + long(i), last = samples.begin() + long(std::min(samples.size(), i + step));
        const auto [lo, hi] = std::minmax_element(first, last);
        const bool loFirst = lo < hi;
        seconds << double(i) / rate << double(i) / rate;
        values << double(loFirst ? *lo : *hi) << double(loFirst ? *hi : *lo);
    }
}

}  // namespace sb::ui
