#include "core/data/DemoSynth.h"

#include "core/data/Biquad.h"
#include "core/data/DemoEventSynth.h"
#include "core/data/SeededRng.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace sb::demo {

namespace {

// Freeverb-style room: four damped feedback combs and two allpasses.
class Room {
public:
    Room(double size, int sampleRate)
    {
        const double scale = size * sampleRate / 44100.0;
        for (const int d : {1116, 1188, 1277, 1356}) combs_.push_back(Delay(size_t(std::max(1.0, d * scale))));
        for (const int d : {556, 441}) allpasses_.push_back(Delay(size_t(std::max(1.0, d * scale))));
    }

    float process(float x)
    {
        float out = 0;
        for (auto& c : combs_) {
            const float y = c.buffer[c.index];
            c.store = y * 0.75f + c.store * 0.25f;  // damping: highs decay faster
            c.buffer[c.index] = x + c.store * 0.8f;
            c.index = (c.index + 1) % c.buffer.size();
            out += y;
        }
        for (auto& a : allpasses_) {
            const float y = a.buffer[a.index];
            a.buffer[a.index] = out + y * 0.5f;
            a.index = (a.index + 1) % a.buffer.size();
            out = y - out;
        }
        return 0.25f * out;
    }

private:
    struct Delay {
        explicit Delay(size_t n) : buffer(n, 0.0f) {}
        std::vector<float> buffer;
        size_t index = 0;
        float store = 0;
    };
    std::vector<Delay> combs_, allpasses_;
};

// What a place adds to its scene model: its own event mix, loudness, colour and room.
struct Place {
    std::array<float, kEventCount> rateFactor{};
    float backgroundDb = 0, tilt = 0, reverb = 1;

    explicit Place(uint64_t seed)
    {
        SeededRng rng(seed);
        for (auto& f : rateFactor) f = float(std::exp(rng.uniform(-0.6, 0.6)));
        backgroundDb = float(rng.uniform(-4, 4));
        tilt = float(rng.uniform(-0.1, 0.1));
        reverb = float(rng.uniform(0.6, 1.4));
    }
};

float peakOf(const std::vector<float>& v)
{
    float peak = 0;
    for (const float x : v) peak = std::max(peak, std::fabs(x));
    return peak;
}

double rmsOf(const std::vector<float>& v)
{
    double energy = 0;
    for (const float x : v) energy += double(x) * x;
    return v.empty() ? 0.0 : std::sqrt(energy / double(v.size()));
}

void addEvent(SceneAudio& scene, Event type, double onset, double duration, float levelDb, SeededRng& rng, int sr)
{
    if (onset + duration <= 0) return;  // over before the recording starts
    std::vector<float> ev(size_t(duration * sr), 0.0f);
    if (ev.empty()) return;
    EventSynth(rng, sr).render(type, ev);
    const float peak = peakOf(ev), rms = float(rmsOf(ev));
    if (peak <= 0 || rms <= 0) return;
    // The level is the event's loudness (RMS), as the background's is. Normalising the
    // peak put events 4-27 dB (14 on average; footsteps 27) under a bed of the same
    // nominal level, so most could not be heard. A peak never passes -6 dBFS.
    const float gain = std::min(std::pow(10.0f, levelDb / 20.0f) / rms, 0.5f / peak);
    const long start = long(std::floor(onset * sr));
    const long n = long(scene.samples.size());
    for (long i = std::max(0L, -start); i < long(ev.size()) && start + i < n; ++i) scene.samples[size_t(start + i)] += gain * ev[size_t(i)];
    scene.events.push_back({type, onset, onset + duration});
}

void addEvents(SceneAudio& scene, const DemoRecording& rec, const Place& place, SeededRng& rng, int sr)
{
    const SceneModel& sm = sceneModel(rec.scene);
    const CityModel& cm = cityModel(rec.city);
    const double seconds = double(scene.samples.size()) / sr;
    std::vector<EventRate> rates = sm.rates;
    if (sm.outdoor) rates.push_back({Wind, cm.windRate});
    for (const auto& [event, perSecond] : rates) {
        const EventType& type = eventTypes()[size_t(event)];
        const double rate = perSecond * cm.rateFactor[size_t(type.category)] * place.rateFactor[size_t(event)];
        // Onsets from maxSeconds before the start, so events can already be running at 0.
        const double span = seconds + type.maxSeconds;
        const int count = rng.poisson(rate * span);
        for (int k = 0; k < count; ++k) {
            const double onset = rng.uniform(-type.maxSeconds, seconds);
            const double duration = rng.uniform(type.minSeconds, type.maxSeconds);
            addEvent(scene, event, onset, duration, type.levelDb + float(rng.uniform(-6, 6)), rng, sr);
        }
    }
    if (sm.outdoor && rng.uniform() < cm.rainProbability)  // a rainy day: rain throughout
        addEvent(scene, Rain, -0.5, seconds + 1, eventTypes()[Rain].levelDb + float(rng.uniform(-4, 4)), rng, sr);
}

void addRoom(std::vector<float>& samples, float wet, int sr, double size)
{
    if (wet <= 0) return;
    Room room(size, sr);
    for (float& x : samples) x += wet * room.process(x);
}

void addBackground(SceneAudio& scene, const DemoRecording& rec, const Place& place, SeededRng& rng, int sr)
{
    const SceneModel& sm = sceneModel(rec.scene);
    const CityModel& cm = cityModel(rec.city);
    const float tilt = std::clamp(sm.tilt + cm.tiltShift + place.tilt, 0.0f, 1.0f);
    std::vector<float> bed(scene.samples.size());
    Biquad hiss = Biquad::lowpass(5000, 0.7, sr);
    float brown = 0;
    for (float& x : bed) {
        brown = 0.995f * brown + 0.1f * rng.noise();
        x = (1 - tilt) * hiss.process(rng.noise()) + tilt * brown;
    }
    const double rms = rmsOf(bed);
    const float level = std::pow(10.0f, (sm.backgroundDb + cm.backgroundDb + place.backgroundDb +
                                         float(rng.uniform(-1.5, 1.5))) / 20.0f);
    const float gain = rms > 0 ? float(level / rms) : 0.0f;
    for (size_t i = 0; i < bed.size(); ++i) scene.samples[i] += gain * bed[i];
    if (sm.humHz > 0) {
        const auto& sin = sine();
        const double step = sm.humHz * rng.uniform(0.95, 1.05) / sr;
        double phase = rng.uniform();
        const float amp = std::pow(10.0f, sm.humDb / 20.0f);
        for (float& x : scene.samples) {
            phase += step;
            x += amp * (sin(phase) + 0.5f * sin(2 * phase) + 0.25f * sin(3 * phase));
        }
    }
}

}  // namespace

SceneAudio renderScene(const DemoRecording& recording, int segments, int sampleRate)
{
    SceneAudio scene;
    scene.samples.assign(size_t(segments) * size_t(sampleRate), 0.0f);
    const Place place(recording.placeSeed);
    SeededRng rng(recording.seed);
    addEvents(scene, recording, place, rng, sampleRate);
    const SceneModel& sm = sceneModel(recording.scene);
    const double roomSize = sm.outdoor ? 0.6 : 1.0 + 0.5 * sm.reverb;
    addRoom(scene.samples, sm.reverb * cityModel(recording.city).reverbScale * place.reverb, sampleRate, roomSize);
    addBackground(scene, recording, place, rng, sampleRate);
    return scene;
}

std::vector<std::string> segmentEvents(const SceneAudio& scene, int segment)
{
    std::set<std::string> labels;
    for (const auto& e : scene.events) {
        const double overlap = std::min(e.offset, segment + 1.0) - std::max(e.onset, double(segment));
        if (overlap >= std::min(0.1, 0.5 * (e.offset - e.onset))) labels.insert(std::string(eventTypes()[size_t(e.type)].name));
    }
    return {labels.begin(), labels.end()};
}

}  // namespace sb::demo
