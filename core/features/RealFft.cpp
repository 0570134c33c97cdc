#include "core/features/RealFft.h"

#include "core/common/Error.h"
#include "core/common/FftwPlannerLock.h"

#include <fftw3.h>

#include <map>
#include <mutex>

namespace sb {
namespace {

// Plans live for the whole process: there is one per FFT size, and the front ends that
// use them are created and destroyed freely (one per job, one per CLI call).
fftwf_plan planFor(int size)
{
    std::lock_guard<std::mutex> lock(fftwPlannerMutex());
    static std::map<int, fftwf_plan> plans;
    auto it = plans.find(size);
    if (it != plans.end()) return it->second;
    float* in = fftwf_alloc_real(static_cast<size_t>(size));
    fftwf_complex* out = fftwf_alloc_complex(static_cast<size_t>(size / 2 + 1));
    // ESTIMATE, not MEASURE: MEASURE picks among algorithms by timing them, so the chosen
    // plan (and the last bits of every feature) would vary from run to run, while the
    // cache and the tests want reproducible output. At 512 and 4096 points the estimated
    // plan measured as fast (bench/frontends).
    fftwf_plan plan = fftwf_plan_dft_r2c_1d(size, in, out, FFTW_ESTIMATE);
    fftwf_free(in);
    fftwf_free(out);
    if (!plan) throw Error("FFTW could not plan a real FFT of size " + std::to_string(size), "fftw");
    plans.emplace(size, plan);
    return plan;
}

}  // namespace

RealFft::RealFft(int size) : size_(size), plan_(nullptr)
{
    if (size < 2 || size % 2 != 0) throw Error("FFT size must be even and >= 2, got " + std::to_string(size), "fftw");
    plan_ = planFor(size);
}

RealFft::Workspace::Workspace(const RealFft& fft)
    : input_(fftwf_alloc_real(static_cast<size_t>(fft.size()))),
      output_(reinterpret_cast<std::complex<float>*>(fftwf_alloc_complex(static_cast<size_t>(fft.bins()))))
{
    if (!input_ || !output_) {
        fftwf_free(input_);  // the destructor does not run when the constructor throws
        fftwf_free(output_);
        throw Error("out of memory for an FFT workspace", "fftw");
    }
}

RealFft::Workspace::~Workspace()
{
    fftwf_free(input_);
    fftwf_free(output_);
}

void RealFft::forward(Workspace& workspace) const
{
    // The new-array execute function is the thread-safe way to reuse one plan.
    fftwf_execute_dft_r2c(static_cast<fftwf_plan>(plan_), workspace.input(),
                          reinterpret_cast<fftwf_complex*>(workspace.output()));
}

}  // namespace sb
