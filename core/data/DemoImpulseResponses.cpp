#include "core/data/DemoImpulseResponses.h"

#include "core/audio/AudioFile.h"
#include "core/data/Biquad.h"
#include "core/data/SeededRng.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace fs = std::filesystem;

namespace sb::demo {
namespace {

constexpr int kSampleRate = 32000;
constexpr int kLength = 4096;

// One device-like response: a high-pass, one or two low-pass stages and two resonances,
// with parameters spread over the ranges of the demo's own device models.
std::vector<float> impulseResponse(SeededRng& rng)
{
    std::vector<float> h(kLength, 0.0f);
    h[0] = 1.0f;
    Biquad::highpass(rng.uniform(60, 450), 0.707, kSampleRate).run(h.data(), kLength);
    const int stages = 1 + int(rng.below(2));
    const double lowpass = rng.uniform(3500, 12000);
    for (int s = 0; s < stages; ++s) Biquad::lowpass(lowpass, 0.707, kSampleRate).run(h.data(), kLength);
    for (int p = 0; p < 2; ++p)
        Biquad::peak(rng.uniform(300, 6000), rng.uniform(-8, 8), rng.uniform(0.7, 3.0), kSampleRate).run(h.data(), kLength);
    // Peak-normalised to leave headroom in 16 bits (the augmentation removes the level).
    const float peak = std::max(std::fabs(*std::max_element(h.begin(), h.end())),
                                std::fabs(*std::min_element(h.begin(), h.end())));
    const float scale = 0.9f / std::max(peak, 1e-6f);
    for (float& v : h) v *= scale;
    return h;
}

}  // namespace

std::string impulseResponseFolder(const std::string& demoRoot)
{
    return (fs::path(demoRoot) / "impulse_responses").string();
}

std::string writeDemoImpulseResponses(const std::string& demoRoot, uint64_t seed, int count)
{
    const std::string folder = impulseResponseFolder(demoRoot);
    fs::create_directories(folder);
    SeededRng rng(SeededRng::mix(seed, SeededRng::hash("device impulse responses")));
    for (int i = 1; i <= count; ++i) {
        const auto h = impulseResponse(rng);  // drawn even when the file exists: the sequence stays fixed
        char name[32];
        std::snprintf(name, sizeof name, "ir-%02d.wav", i);
        const fs::path path = fs::path(folder) / name;
        if (fs::exists(path)) continue;
        const fs::path partial = path.string() + ".partial";
        writeWav16(partial.string(), h, kSampleRate);
        fs::rename(partial, path);  // a killed run never leaves half an IR behind
    }
    return folder;
}

}  // namespace sb::demo
