// Throughput of the two front ends on many in-memory clips (decoding excluded, as on the
// peer side), one clip per task over `threads` threads. Prints one line per case:
//   <frontend> <clip seconds> <clips> <seconds> <clips per second>
// bench/frontends/run.sh runs this beside torch_peer.py and prints the table.
#include "core/common/Parallel.h"
#include "core/features/CpMel.h"
#include "core/features/KaldiFbank.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

namespace {

std::vector<std::vector<float>> noiseClips(int count, size_t samples)
{
    std::mt19937 rng(1);
    std::normal_distribution<float> noise(0.f, 0.1f);
    std::vector<std::vector<float>> clips(static_cast<size_t>(count), std::vector<float>(samples));
    for (auto& c : clips)
        for (float& v : c) v = noise(rng);
    return clips;
}

void measure(const char* label, const sb::FrontEnd& frontEnd, int seconds, int count, int threads)
{
    const auto clips = noiseClips(count, static_cast<size_t>(seconds * frontEnd.sampleRate()));
    volatile float sink = frontEnd.compute(clips[0]).data[0];  // warm-up: plans, caches
    const auto start = std::chrono::steady_clock::now();
    sb::parallelFor(clips.size(), threads, [&](size_t b, size_t e) {
        for (size_t i = b; i < e; ++i) sink = frontEnd.compute(clips[i]).data[0];
    });
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    (void)sink;
    std::printf("%s %d %d %.4f %.1f\n", label, seconds, count, elapsed, count / elapsed);
}

}  // namespace

int main(int argc, char** argv)
{
    const int threads = argc > 1 ? std::atoi(argv[1]) : sb::defaultThreadCount();
    const int clips1 = argc > 2 ? std::atoi(argv[2]) : 1000;
    const int clips10 = argc > 3 ? std::atoi(argv[3]) : 100;
    if (threads < 1 || clips1 < 1 || clips10 < 1) {
        std::fprintf(stderr, "usage: bench_frontends [THREADS [CLIPS_1S [CLIPS_10S]]]\n");
        return 2;
    }
    const sb::KaldiFbank fbank;
    sb::CpMelParams p256, p512;
    p512.numMels = 512;
    const sb::CpMel cpmel256(p256), cpmel512(p512);
    std::printf("# C++ (FFTW3f, no BLAS), %d threads, one clip per task\n", threads);
    measure("fbank", fbank, 1, clips1, threads);
    measure("fbank", fbank, 10, clips10, threads);
    measure("cpmel256", cpmel256, 1, clips1, threads);
    measure("cpmel256", cpmel256, 10, clips10, threads);
    measure("cpmel512", cpmel512, 1, clips1, threads);
    measure("cpmel512", cpmel512, 10, clips10, threads);
    return 0;
}
