#pragma once
// Forward real FFT of one size with FFTW3 (float). The plan is made once per size and
// process (FFTW's planner is not thread-safe, so planning happens under a mutex); executing
// it from many threads at once is safe because each thread brings its own Workspace.
#include <complex>

namespace sb {

class RealFft {
public:
    explicit RealFft(int size);

    int size() const { return size_; }
    int bins() const { return size_ / 2 + 1; }

    // Per-thread input and output arrays, aligned the way the plan expects.
    class Workspace {
    public:
        explicit Workspace(const RealFft& fft);
        ~Workspace();
        Workspace(const Workspace&) = delete;
        Workspace& operator=(const Workspace&) = delete;
        float* input() { return input_; }                              // size() samples
        const std::complex<float>* output() const { return output_; }  // bins() values
        std::complex<float>* output() { return output_; }

    private:
        float* input_;
        std::complex<float>* output_;
    };

    // Unnormalised DFT of workspace.input() into workspace.output().
    void forward(Workspace& workspace) const;

private:
    int size_;
    void* plan_;  // fftwf_plan, owned by the process-wide plan registry
};

}  // namespace sb
