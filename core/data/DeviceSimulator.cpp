#include "core/data/DeviceSimulator.h"

#include "core/data/Biquad.h"
#include "core/data/DemoWorld.h"
#include "core/data/SeededRng.h"

#include <algorithm>
#include <cmath>

namespace sb::demo {

static float dbToGain(float db) { return std::pow(10.0f, db / 20.0f); }

static void filter(std::vector<float>& y, const DeviceModel& m, int sampleRate)
{
    Biquad::highpass(m.highpassHz, 0.707, sampleRate).run(y.data(), long(y.size()));
    for (int s = 0; s < m.lowpassStages; ++s) Biquad::lowpass(m.lowpassHz, 0.707, sampleRate).run(y.data(), long(y.size()));
    for (const auto& p : {m.peak1, m.peak2})
        if (p[1] != 0) Biquad::peak(p[0], p[1], p[2], sampleRate).run(y.data(), long(y.size()));
}

// Phone-style AGC: follows the level (fast attack, slow release) and pulls it towards
// a target, which flattens the loudness differences between scenes.
static void automaticGain(std::vector<float>& y, int sampleRate)
{
    const float attack = std::exp(-1.0f / (0.01f * float(sampleRate)));
    const float release = std::exp(-1.0f / (0.4f * float(sampleRate)));
    const float target = 0.08f;
    float level = target;
    for (float& v : y) {
        const float a = std::fabs(v);
        level = a > level ? attack * level + (1 - attack) * a : release * level + (1 - release) * a;
        v *= std::clamp(target / std::max(level, 1e-5f), 0.3f, 6.0f);
    }
}

std::vector<float> recordWithDevice(const std::vector<float>& scene, int device, uint64_t noiseSeed, int sampleRate)
{
    const DeviceModel& m = deviceModel(device);
    std::vector<float> y(scene);
    const float gain = dbToGain(m.gainDb);
    for (float& v : y) v *= gain;
    filter(y, m, sampleRate);
    SeededRng rng(noiseSeed);
    const float noise = dbToGain(m.noiseDb) / 0.408f;  // SeededRng::noise() has RMS 0.408
    for (float& v : y) v += noise * rng.noise();
    if (m.agc) automaticGain(y, sampleRate);
    if (m.clipLevel > 0)
        for (float& v : y) v = std::clamp(v, -m.clipLevel, m.clipLevel);
    return y;
}

}  // namespace sb::demo
