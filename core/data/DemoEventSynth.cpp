#include "core/data/DemoEventSynth.h"

#include <algorithm>

namespace sb::demo {

const SineTable& sine()
{
    static const SineTable table;
    return table;
}

// Harmonics by the Chebyshev recurrence sin((h+1)x) = 2 cos(x) sin(hx) - sin((h-1)x):
// two table lookups per sample however many harmonics.
void EventSynth::tone(float* out, long n, const Tone& t, float amp)
{
    const auto& sin = sine();
    const double top = std::max(t.f0, t.f1) * (1 + t.vibratoDepth);
    const int harmonics = std::max(1, std::min(t.harmonics, int(0.45 * sr_ / top)));
    double phase = rng_.uniform(), vibPhase = rng_.uniform();
    for (long i = 0; i < n; ++i) {
        double f = t.f0 + (t.f1 - t.f0) * double(i) / double(n);
        if (t.vibratoDepth > 0) {
            f *= 1 + t.vibratoDepth * sin.wrapped(vibPhase);
            vibPhase += t.vibratoHz / sr_;
            if (vibPhase >= 1) vibPhase -= 1;
        }
        phase += f / sr_;
        if (phase >= 1) phase -= 1;
        const float s1 = sin.wrapped(phase);
        float s = s1;
        if (harmonics > 1) {
            const float twoCos = 2 * sin(phase + 0.25);
            float previous = 0, current = s1, a = 1;
            for (int h = 2; h <= harmonics; ++h) {
                const float next = twoCos * current - previous;
                previous = current;
                current = next;
                a *= t.rolloff;
                s += a * current;
            }
        }
        out[i] += amp * s;
    }
}

void EventSynth::noise(float* out, long n, Biquad f, float amp, double decaySeconds)
{
    const float decay = decaySeconds > 0 ? float(std::exp(-1.0 / (decaySeconds * sr_))) : 1.0f;
    float env = amp;
    for (long i = 0; i < n; ++i, env *= decay) out[i] += env * f.process(rng_.noise());
}

void EventSynth::bell(float* out, long n, double f, const std::array<double, 3>& ratios, double decay, float amp)
{
    const auto& sin = sine();
    const float k = float(std::exp(-1.0 / (decay * sr_)));
    for (size_t p = 0; p < ratios.size(); ++p) {
        const double step = f * ratios[p] / sr_;
        if (step >= 0.45) continue;
        float env = amp / float(p + 1);
        const float faster = float(std::pow(k, 1.0 + 0.5 * double(p)));  // high partials die first
        double phase = 0;
        for (long i = 0; i < n; ++i, env *= faster) {
            out[i] += env * sin.wrapped(phase);
            phase += step;
            if (phase >= 1) phase -= 1;
        }
    }
}

// Multiplies by a syllable-like on/off envelope (rectified sines at ~rateHz).
void EventSynth::syllables(float* out, long n, double rateHz)
{
    const auto& sin = sine();
    double phase = rng_.uniform(), slow = rng_.uniform();
    for (long i = 0; i < n; ++i) {
        const float gate = std::max(0.0f, sin.wrapped(phase)) * (0.6f + 0.4f * sin.wrapped(slow));
        out[i] *= gate;
        phase += rateHz / sr_;
        if (phase >= 1) phase -= 1;
        slow += 0.7 / sr_;
        if (slow >= 1) slow -= 1;
    }
}

void EventSynth::voice(std::vector<float>& ev, double f0lo, double f0hi, double syllableHz, int harmonics)
{
    const long n = long(ev.size());
    Tone t;
    t.f0 = u(f0lo, f0hi);
    t.f1 = t.f0 * u(0.8, 1.2);
    t.harmonics = harmonics;
    t.rolloff = 0.75f;
    t.vibratoHz = u(3, 6);
    t.vibratoDepth = 0.02;
    std::vector<float> raw(size_t(n), 0.0f);
    tone(raw.data(), n, t, 1.0f);
    // Two formant resonances give the vowel colour.
    Biquad f1 = Biquad::bandpass(u(500, 900), 2.5, sr_), f2 = Biquad::bandpass(u(1300, 2400), 3.0, sr_);
    for (long i = 0; i < n; ++i) ev[size_t(i)] += f1.process(raw[size_t(i)]) + 0.7f * f2.process(raw[size_t(i)]);
    syllables(ev.data(), n, syllableHz);
}

void EventSynth::fade(std::vector<float>& ev, double inSeconds, double outSeconds)
{
    const long n = long(ev.size());
    const long in = std::min(n, samples(inSeconds)), out = std::min(n, samples(outSeconds));
    for (long i = 0; i < in; ++i) ev[size_t(i)] *= float(i) / float(in);
    for (long i = 0; i < out; ++i) ev[size_t(n - 1 - i)] *= float(i) / float(out);
}

void EventSynth::footsteps(std::vector<float>& ev)
{
    const double interval = u(0.4, 0.6), centre = u(300, 1200);
    for (long at = samples(u(0, 0.2)); at + samples(0.06) < long(ev.size()); at += samples(interval * u(0.9, 1.1)))
        noise(ev.data() + at, samples(0.06), Biquad::bandpass(centre, 1.5, sr_), float(u(0.6, 1)), 0.015);
}

void EventSynth::babble(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const int voices = 3 + int(rng_.below(4));
    for (int v = 0; v < voices; ++v) {
        std::vector<float> one(ev.size(), 0.0f);
        noise(one.data(), n, Biquad::bandpass(u(400, 1800), 1.2, sr_), 1.0f);
        syllables(one.data(), n, u(3, 6));
        for (long i = 0; i < n; ++i) ev[size_t(i)] += one[size_t(i)];
    }
}

void EventSynth::engine(std::vector<float>& ev)
{
    Tone t;
    t.f0 = u(28, 60);
    t.f1 = t.f0 * u(0.9, 1.15);
    t.harmonics = 10;
    t.rolloff = 0.8f;
    t.vibratoHz = u(0.5, 2);
    t.vibratoDepth = 0.03;
    tone(ev.data(), long(ev.size()), t, 1.0f);
    noise(ev.data(), long(ev.size()), Biquad::lowpass(220, 0.7, sr_), 1.5f);
}

void EventSynth::brakes(std::vector<float>& ev)
{
    Tone t;
    t.f0 = u(2000, 4500);
    t.f1 = t.f0 * u(0.97, 1.03);
    t.harmonics = 2;
    t.rolloff = 0.3f;
    t.vibratoHz = u(5, 9);
    t.vibratoDepth = 0.01;
    tone(ev.data(), long(ev.size()), t, 1.0f);
}

void EventSynth::birds(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const int chirps = 3 + int(rng_.below(6));
    for (int c = 0; c < chirps; ++c) {
        const long len = samples(u(0.05, 0.15));
        if (len >= n) continue;
        const long at = long(rng_.below(uint64_t(n - len)));
        Tone t;
        t.f0 = u(2000, 6000);
        t.f1 = t.f0 * u(0.6, 1.6);
        t.harmonics = 2;
        t.rolloff = 0.2f;
        std::vector<float> chirp(size_t(len), 0.0f);
        tone(chirp.data(), len, t, 1.0f);
        for (long i = 0; i < len; ++i)
            ev[size_t(at + i)] += chirp[size_t(i)] * float(std::sin(M_PI * double(i) / double(len)));
    }
}

void EventSynth::chime(std::vector<float>& ev)
{
    static constexpr double kNotes[] = {523.25, 659.25, 783.99, 1046.5};
    const double transpose = u(0.9, 1.1);
    const long gap = samples(0.45);
    for (long at = 0, k = 0; at < long(ev.size()) && k < 3; at += gap, ++k)
        bell(ev.data() + at, long(ev.size()) - at, kNotes[rng_.below(4)] * transpose, {1.0, 2.0, 3.0}, 0.6, 1.0f);
}

void EventSynth::door(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const long hiss = std::min(n, samples(0.3));
    noise(ev.data(), hiss, Biquad::highpass(3000, 0.7, sr_), 0.5f, 0.15);
    const long thump = samples(0.35);
    if (thump >= n) return;
    Tone t;
    t.f0 = t.f1 = u(60, 90);
    std::vector<float> low(size_t(n - thump), 0.0f);
    tone(low.data(), n - thump, t, 1.0f);
    const float k = float(std::exp(-1.0 / (0.06 * sr_)));
    float env = 1;
    for (size_t i = 0; i < low.size(); ++i, env *= k) ev[size_t(thump) + i] += env * low[i];
    noise(ev.data() + thump, n - thump, Biquad::lowpass(200, 0.7, sr_), 1.0f, 0.05);
}

void EventSynth::wind(std::vector<float>& ev)
{
    const long n = long(ev.size());
    noise(ev.data(), n, Biquad::lowpass(u(200, 700), 0.7, sr_), 1.0f);
    const auto& sin = sine();
    const double gustHz = u(0.2, 0.8);
    double phase = rng_.uniform();
    for (long i = 0; i < n; ++i, phase += gustHz / sr_) ev[size_t(i)] *= 0.55f + 0.45f * sin(phase);
}

void EventSynth::rain(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const double density = u(300, 800) / sr_;  // drops per sample
    for (long i = 0; i < n; ++i)
        if (rng_.uniform() < density) ev[size_t(i)] += float(u(-1, 1));
    Biquad::bandpass(u(3000, 5000), 0.7, sr_).run(ev.data(), n);
    noise(ev.data(), n, Biquad::highpass(2000, 0.7, sr_), 0.15f);
}

void EventSynth::swoosh(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const double from = u(1200, 2500), to = u(300, 600);
    const long block = 64;  // the band moves down (Doppler) in steps of 64 samples
    for (long at = 0; at < n; at += block) {
        const double t = double(at) / double(n);
        Biquad f = Biquad::bandpass(from + (to - from) * t, 0.8, sr_);
        const float env = float(0.5 - 0.5 * std::cos(2 * M_PI * t));
        for (long i = at; i < std::min(n, at + block); ++i) ev[size_t(i)] += env * f.process(rng_.noise());
    }
    Tone hum;
    hum.f0 = u(80, 120);
    hum.f1 = hum.f0 * 0.85;
    hum.harmonics = 3;
    std::vector<float> tyre(ev.size(), 0.0f);
    tone(tyre.data(), n, hum, 0.3f);
    for (long i = 0; i < n; ++i)
        ev[size_t(i)] += tyre[size_t(i)] * float(0.5 - 0.5 * std::cos(2 * M_PI * double(i) / double(n)));
}

void EventSynth::clatter(std::vector<float>& ev)
{
    const long n = long(ev.size());
    noise(ev.data(), n, Biquad::lowpass(150, 0.7, sr_), 0.6f);  // rumble under the wheels
    const double interval = u(0.3, 0.9), ring = u(800, 1400);
    for (long at = samples(u(0, 0.3)); at + samples(0.25) < n; at += samples(interval)) {
        for (const long hit : {at, at + samples(0.1)}) {
            noise(ev.data() + hit, samples(0.12), Biquad::lowpass(400, 0.7, sr_), 2.0f, 0.03);
            bell(ev.data() + hit, samples(0.12), ring, {1.0, 1.5, 2.3}, 0.04, 0.5f);
        }
    }
}

void EventSynth::music(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const double root = u(130, 260);
    const bool minor = rng_.below(2) == 1;
    for (const double ratio : {1.0, minor ? 1.1892 : 1.2599, 1.4983}) {
        Tone t;
        t.f0 = t.f1 = root * ratio;
        t.harmonics = 4;
        t.rolloff = 0.5f;
        tone(ev.data(), n, t, 0.4f);
    }
    const long beat = samples(u(0.4, 0.6));
    const float k = float(std::exp(-1.0 / (0.25 * sr_)));
    float env = 1;
    for (long i = 0; i < n; ++i, env *= k) {
        if (i % beat == 0) env = 1;
        ev[size_t(i)] *= 0.3f + 0.7f * env;
    }
    for (long at = 0; at + samples(0.02) < n; at += beat)
        noise(ev.data() + at, samples(0.02), Biquad::highpass(6000, 0.7, sr_), 0.8f, 0.008);
}

void EventSynth::bark(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const int barks = 1 + int(rng_.below(3));
    for (int b = 0; b < barks; ++b) {
        const long len = samples(u(0.12, 0.2)), at = samples(0.3 * b);
        if (at + len > n) break;
        Tone t;
        t.f0 = u(500, 800);
        t.f1 = t.f0 * 0.6;
        t.harmonics = 6;
        t.rolloff = 0.7f;
        std::vector<float> one(size_t(len), 0.0f);
        tone(one.data(), len, t, 1.0f);
        noise(one.data(), len, Biquad::bandpass(1000, 1, sr_), 0.5f);
        const float k = float(std::exp(-1.0 / (0.06 * sr_)));
        float env = 1;
        for (long i = 0; i < len; ++i, env *= k) ev[size_t(at + i)] += env * one[size_t(i)];
    }
}

void EventSynth::horn(std::vector<float>& ev)
{
    const double f = u(380, 460);
    for (const double ratio : {1.0, 1.25}) {
        Tone t;
        t.f0 = t.f1 = f * ratio;
        t.harmonics = 8;
        t.rolloff = 0.85f;
        tone(ev.data(), long(ev.size()), t, 1.0f);
    }
}

void EventSynth::siren(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const auto& sin = sine();
    const double lo = u(600, 750), hi = lo * u(1.7, 2.0), sweepHz = u(0.6, 1.0);
    double phase = 0, lfo = rng_.uniform();
    for (long i = 0; i < n; ++i) {
        const double f = lo + (hi - lo) * (0.5 + 0.5 * sin(lfo));
        lfo += sweepHz / sr_;
        phase += f / sr_;
        phase -= std::floor(phase);
        ev[size_t(i)] += sin(phase) + 0.4f * sin(2 * phase) + 0.15f * sin(3 * phase);
    }
}

void EventSynth::luggage(std::vector<float>& ev)
{
    const long n = long(ev.size());
    noise(ev.data(), n, Biquad::bandpass(u(200, 350), 0.8, sr_), 1.0f);
    const double rate = u(4, 8);
    for (long at = 0; at + samples(0.012) < n; at += samples(1.0 / rate))
        noise(ev.data() + at, samples(0.012), Biquad::bandpass(2000, 1, sr_), 1.5f, 0.004);
}

void EventSynth::beep(std::vector<float>& ev)
{
    const double f = u(1000, 3000);
    const long len = samples(u(0.08, 0.2)), gap = samples(0.1);
    for (long at = 0; at + len <= long(ev.size()); at += len + gap) {
        Tone t;
        t.f0 = t.f1 = f;
        tone(ev.data() + at, len, t, 1.0f);
    }
}

void EventSynth::whine(std::vector<float>& ev)
{
    Tone t;
    const bool accelerating = rng_.below(2) == 0;
    t.f0 = accelerating ? u(250, 400) : u(900, 1300);
    t.f1 = accelerating ? u(900, 1300) : u(250, 400);
    t.harmonics = 3;
    t.rolloff = 0.5f;
    tone(ev.data(), long(ev.size()), t, 1.0f);
    t.f0 *= 1.5;
    t.f1 *= 1.5;
    t.harmonics = 1;
    tone(ev.data(), long(ev.size()), t, 0.3f);
}

void EventSynth::fountain(std::vector<float>& ev)
{
    const long n = long(ev.size());
    noise(ev.data(), n, Biquad::bandpass(u(1000, 2500), 0.5, sr_), 1.0f);
    // Splashing: a new random level every 10 ms, smoothed.
    const long step = samples(0.01);
    float level = 0.7f, target = 0.7f;
    for (long i = 0; i < n; ++i) {
        if (i % step == 0) target = float(u(0.3, 1.0));
        level += 0.002f * (target - level);
        ev[size_t(i)] *= level;
    }
}

void EventSynth::aircraft(std::vector<float>& ev)
{
    const long n = long(ev.size());
    noise(ev.data(), n, Biquad::lowpass(u(400, 800), 0.7, sr_), 2.0f);
    Tone t;
    t.f0 = u(2000, 4000);
    t.f1 = t.f0 * 0.92;
    tone(ev.data(), n, t, 0.1f);
    for (long i = 0; i < n; ++i) ev[size_t(i)] *= float(std::sin(M_PI * double(i) / double(n)));
}

void EventSynth::rings(std::vector<float>& ev, double f, const std::array<double, 3>& ratios, double decay, double gap)
{
    const int count = 1 + int(rng_.below(2));
    for (int r = 0; r < count; ++r) {
        const long at = samples(gap * r);
        if (at >= long(ev.size())) break;
        bell(ev.data() + at, long(ev.size()) - at, f, ratios, decay, 1.0f);
    }
}

void EventSynth::cutlery(std::vector<float>& ev)
{
    const long n = long(ev.size());
    const int clinks = 3 + int(rng_.below(6));
    for (int c = 0; c < clinks; ++c) {
        const long len = samples(0.1);
        if (len >= n) break;
        const long at = long(rng_.below(uint64_t(n - len)));
        bell(ev.data() + at, len, u(4000, 7000), {1.0, 1.6, 2.2}, 0.04, float(u(0.5, 1)));
    }
}

void EventSynth::render(Event type, std::vector<float>& ev)
{
    switch (type) {
    case Footsteps: footsteps(ev); break;
    case CrowdBabble: babble(ev); break;
    case Speech: voice(ev, 90, 230, u(4, 5.5), 10); break;
    case EngineHum: engine(ev); break;
    case BrakesSqueal: brakes(ev); break;
    case Birds: birds(ev); break;
    case Chime: chime(ev); break;
    case Announcement:
        voice(ev, 100, 180, u(3.5, 4.5), 12);
        Biquad::highpass(300, 0.7, sr_).run(ev.data(), long(ev.size()));  // loudspeaker band
        Biquad::lowpass(3400, 0.7, sr_).run(ev.data(), long(ev.size()));
        break;
    case Door: door(ev); break;
    case Wind: wind(ev); break;
    case Rain: rain(ev); break;
    case TrafficSwoosh: swoosh(ev); break;
    case RailClatter: clatter(ev); break;
    case Music: music(ev); break;
    case Children: voice(ev, 250, 420, u(5, 7), 6); break;
    case DogBark: bark(ev); break;
    case CarHorn: horn(ev); break;
    case Siren: siren(ev); break;
    case RollingLuggage: luggage(ev); break;
    case Beep: beep(ev); break;
    case MotorWhine: whine(ev); break;
    case Fountain: fountain(ev); break;
    case Aircraft: aircraft(ev); break;
    case BicycleBell: rings(ev, u(2800, 3600), {1.0, 1.48, 2.1}, 0.35, 0.25); break;
    case TramBell: rings(ev, u(1000, 1300), {1.0, 2.4, 3.9}, 0.6, 0.3); break;
    case Cutlery: cutlery(ev); break;
    case kEventCount: break;
    }
    fade(ev, 0.01, 0.03);
}

}  // namespace sb::demo
