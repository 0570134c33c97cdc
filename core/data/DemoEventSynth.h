#pragma once
// The demo's sound events, synthesised: one generator per event type (footsteps, speech,
// engines, bells, ...) writing into an event buffer, and the sine table every
// generator (and the scene's background) reads. Used by DemoSynth, which places the
// events in a scene. Pure functions of their generator's seed; any thread may call.
#include "core/data/Biquad.h"
#include "core/data/DemoWorld.h"
#include "core/data/SeededRng.h"

#include <array>
#include <cmath>
#include <vector>

namespace sb::demo {

// sin(2*pi*phase) by table lookup: the synthesis calls it hundreds of millions of times.
class SineTable {
public:
    SineTable()
    {
        for (size_t i = 0; i < table_.size(); ++i) table_[i] = float(std::sin(2.0 * M_PI * double(i) / kSize));
    }
    float operator()(double phase) const { return wrapped(phase - std::floor(phase)); }
    // Faster when the caller keeps its phase in [0, 1).
    float wrapped(double phase) const
    {
        const double p = phase * kSize;
        const auto i = size_t(p);
        const float f = float(p - double(i));
        return table_[i] + f * (table_[i + 1] - table_[i]);
    }

private:
    static constexpr size_t kSize = 4096;
    std::array<float, kSize + 1> table_{};
};

// The one table, built on first use.
const SineTable& sine();

struct Tone {
    double f0 = 440, f1 = 440;  // linear glide over the tone
    int harmonics = 1;
    float rolloff = 0.5f;       // amplitude ratio between successive harmonics
    double vibratoHz = 0, vibratoDepth = 0;
};

// Generators writing into an event buffer. `sr` is the sample rate, `rng` the
// occurrence's own generator.
class EventSynth {
public:
    EventSynth(SeededRng& rng, int sampleRate) : rng_(rng), sr_(sampleRate) {}

    void render(Event type, std::vector<float>& ev);

private:
    long samples(double seconds) const { return long(seconds * sr_); }
    double u(double lo, double hi) { return rng_.uniform(lo, hi); }

    void tone(float* out, long n, const Tone& t, float amp);
    void noise(float* out, long n, Biquad f, float amp, double decaySeconds = 0);
    void bell(float* out, long n, double f, const std::array<double, 3>& ratios, double decay, float amp);
    void syllables(float* out, long n, double rateHz);
    void voice(std::vector<float>& ev, double f0lo, double f0hi, double syllableHz, int harmonics);
    void fade(std::vector<float>& ev, double inSeconds, double outSeconds);

    void footsteps(std::vector<float>& ev);
    void babble(std::vector<float>& ev);
    void engine(std::vector<float>& ev);
    void brakes(std::vector<float>& ev);
    void birds(std::vector<float>& ev);
    void chime(std::vector<float>& ev);
    void door(std::vector<float>& ev);
    void wind(std::vector<float>& ev);
    void rain(std::vector<float>& ev);
    void swoosh(std::vector<float>& ev);
    void clatter(std::vector<float>& ev);
    void music(std::vector<float>& ev);
    void bark(std::vector<float>& ev);
    void horn(std::vector<float>& ev);
    void siren(std::vector<float>& ev);
    void luggage(std::vector<float>& ev);
    void beep(std::vector<float>& ev);
    void whine(std::vector<float>& ev);
    void fountain(std::vector<float>& ev);
    void aircraft(std::vector<float>& ev);
    void rings(std::vector<float>& ev, double f, const std::array<double, 3>& ratios, double decay, double gap);
    void cutlery(std::vector<float>& ev);

    SeededRng& rng_;
    double sr_;
};

}  // namespace sb::demo
