#include "core/embed/FftRepulsion.h"

#include "core/common/Error.h"
#include "core/common/Parallel.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numeric>

namespace sb {
namespace {

constexpr int kCharges = 3;  // 1, x, y

// FFTW's planner is not thread-safe; every plan of this module is made under this lock.
std::mutex& plannerMutex()
{
    static std::mutex m;
    return m;
}

struct FftwFree {
    void operator()(void* p) const { fftwf_free(p); }
};
using RealBuffer = std::unique_ptr<float, FftwFree>;
using ComplexBuffer = std::unique_ptr<fftwf_complex, FftwFree>;

}  // namespace

size_t fftFriendlySize(size_t n)
{
    for (size_t m = std::max<size_t>(1, n);; ++m) {
        size_t r = m;
        for (size_t f : {2, 3, 5})
            while (r % f == 0) r /= f;
        if (r == 1) return m;
    }
}

// Plans and buffers for one padded grid size; remade when the box count changes.
struct FftRepulsion::Plans {
    size_t size = 0;                        // padded grid side (2 × nodes)
    std::vector<RealBuffer> real;           // kernel + the charges; reused for the potentials
    std::vector<ComplexBuffer> spectrum;    // kernel + the charges
    fftwf_plan forward = nullptr;
    fftwf_plan inverse = nullptr;

    explicit Plans(size_t s) : size(s)
    {
        const size_t realCount = s * s, complexCount = s * (s / 2 + 1);
        for (int c = 0; c <= kCharges; ++c) {
            real.emplace_back(static_cast<float*>(fftwf_malloc(sizeof(float) * realCount)));
            spectrum.emplace_back(static_cast<fftwf_complex*>(fftwf_malloc(sizeof(fftwf_complex) * complexCount)));
            if (!real.back() || !spectrum.back()) throw Error("out of memory for the t-SNE FFT grid", "t-SNE");
        }
        std::lock_guard<std::mutex> lock(plannerMutex());
        const int n = static_cast<int>(s);
        forward = fftwf_plan_dft_r2c_2d(n, n, real[0].get(), spectrum[0].get(), FFTW_ESTIMATE);
        inverse = fftwf_plan_dft_c2r_2d(n, n, spectrum[0].get(), real[0].get(), FFTW_ESTIMATE);
    }
    ~Plans()
    {
        std::lock_guard<std::mutex> lock(plannerMutex());
        fftwf_destroy_plan(forward);
        fftwf_destroy_plan(inverse);
    }
};

FftRepulsion::FftRepulsion(int threads, FftRepulsionSettings settings)
    : threads_(std::max(1, threads)), settings_(settings)
{
}

FftRepulsion::~FftRepulsion() = default;

void FftRepulsion::preparePlans(size_t fftSize)
{
    if (plans_ && plans_->size == fftSize) return;
    plans_.reset();
    plans_ = std::make_unique<Plans>(fftSize);
}

void FftRepulsion::interpolationWeights(const std::vector<double>& y, double lo, double boxWidth)
{
    const size_t n = y.size() / 2;
    const int p = settings_.nodesPerInterval;
    // Node a of a box sits at (a + 0.5)/p in box units; Lagrange denominators are fixed.
    std::vector<double> node(static_cast<size_t>(p)), denominator(static_cast<size_t>(p), 1.0);
    for (int a = 0; a < p; ++a) node[static_cast<size_t>(a)] = (a + 0.5) / p;
    for (int a = 0; a < p; ++a)
        for (int b = 0; b < p; ++b)
            if (a != b) denominator[static_cast<size_t>(a)] *= node[static_cast<size_t>(a)] - node[static_cast<size_t>(b)];
    firstNode_.resize(2 * n);
    weights_.resize(2 * n * static_cast<size_t>(p));
    parallelFor(n, threads_, [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i)
            for (size_t dim = 0; dim < 2; ++dim) {
                const double u = (y[2 * i + dim] - lo) / boxWidth;
                const size_t box = std::min(static_cast<size_t>(std::max(0.0, u)), intervals_ - 1);
                const double local = u - static_cast<double>(box);
                firstNode_[2 * i + dim] = static_cast<int32_t>(box * static_cast<size_t>(p));
                for (int a = 0; a < p; ++a) {
                    double w = 1.0 / denominator[static_cast<size_t>(a)];
                    for (int b = 0; b < p; ++b)
                        if (b != a) w *= local - node[static_cast<size_t>(b)];
                    weights_[(2 * i + dim) * static_cast<size_t>(p) + static_cast<size_t>(a)] = static_cast<float>(w);
                }
            }
    }, 1024);
}

void FftRepulsion::spreadCharges(const std::vector<double>& y, double centre)
{
    const size_t n = y.size() / 2, m = nodes_, p = static_cast<size_t>(settings_.nodesPerInterval);
    // One grid per block of points, summed in block order: the result does not depend on
    // which thread ran which block.
    const size_t blocks = static_cast<size_t>(threads_);
    blockGrids_.resize(blocks);
    parallelFor(blocks, threads_, [&](size_t bBegin, size_t bEnd) {
        for (size_t blk = bBegin; blk < bEnd; ++blk) {
            auto& grid = blockGrids_[blk];
            grid.assign(kCharges * m * m, 0.0);
            for (size_t i = blk * n / blocks; i < (blk + 1) * n / blocks; ++i) {
                const double px = y[2 * i] - centre, py = y[2 * i + 1] - centre;
                const double charge[kCharges] = {1.0, px, py};
                const float* wx = &weights_[(2 * i) * p];
                const float* wy = &weights_[(2 * i + 1) * p];
                for (size_t a = 0; a < p; ++a)
                    for (size_t b = 0; b < p; ++b) {
                        const size_t node = (firstNode_[2 * i] + a) * m + firstNode_[2 * i + 1] + b;
                        const double w = double(wx[a]) * wy[b];
                        for (int c = 0; c < kCharges; ++c) grid[c * m * m + node] += w * charge[c];
                    }
            }
        }
    });
    const size_t s = plans_->size;
    parallelFor(kCharges, threads_, [&](size_t cBegin, size_t cEnd) {
        for (size_t c = cBegin; c < cEnd; ++c) {
            float* out = plans_->real[c + 1].get();
            std::fill(out, out + s * s, 0.f);
            for (size_t r = 0; r < m; ++r)
                for (size_t col = 0; col < m; ++col) {
                    double v = 0;
                    for (size_t blk = 0; blk < blocks; ++blk) v += blockGrids_[blk][c * m * m + r * m + col];
                    out[r * s + col] = static_cast<float>(v);
                }
        }
    });
}

void FftRepulsion::convolve(double h)
{
    const size_t s = plans_->size, m = nodes_, spectrumCount = s * (s / 2 + 1);
    // Circulant embedding of the kernel: offset a and a − s are the same slot.
    float* kernel = plans_->real[0].get();
    for (size_t a = 0; a < s; ++a) {
        const double da = (a <= m ? double(a) : double(a) - double(s)) * h;
        for (size_t b = 0; b < s; ++b) {
            const double db = (b <= m ? double(b) : double(b) - double(s)) * h;
            const double w = 1.0 / (1.0 + da * da + db * db);
            kernel[a * s + b] = static_cast<float>(w * w);
        }
    }
    parallelFor(kCharges + 1, threads_, [&](size_t b, size_t e) {
        for (size_t c = b; c < e; ++c) fftwf_execute_dft_r2c(plans_->forward, plans_->real[c].get(), plans_->spectrum[c].get());
    });
    const float scale = 1.f / static_cast<float>(s * s);
    const fftwf_complex* k = plans_->spectrum[0].get();
    parallelFor(kCharges, threads_, [&](size_t b, size_t e) {
        for (size_t c = b; c < e; ++c) {
            fftwf_complex* x = plans_->spectrum[c + 1].get();
            for (size_t i = 0; i < spectrumCount; ++i) {
                const float re = x[i][0] * k[i][0] - x[i][1] * k[i][1];
                const float im = x[i][0] * k[i][1] + x[i][1] * k[i][0];
                x[i][0] = re * scale;
                x[i][1] = im * scale;
            }
            fftwf_execute_dft_c2r(plans_->inverse, x, plans_->real[c + 1].get());
        }
    });
}

double FftRepulsion::compute(const std::vector<double>& y, std::vector<double>& rep)
{
    const size_t n = y.size() / 2, p = static_cast<size_t>(settings_.nodesPerInterval);
    const auto [minIt, maxIt] = std::minmax_element(y.begin(), y.end());
    const double lo = *minIt, range = std::max(*maxIt - *minIt, 1e-9);
    const size_t wanted = static_cast<size_t>(std::ceil(range * settings_.intervalsPerUnit));
    intervals_ = std::min(fftFriendlySize(std::max(settings_.minIntervals, wanted)), fftFriendlySize(settings_.maxIntervals));
    nodes_ = intervals_ * p;
    const double boxWidth = range / static_cast<double>(intervals_);
    const double centre = lo + range / 2;
    preparePlans(2 * nodes_);

    interpolationWeights(y, lo, boxWidth);
    spreadCharges(y, centre);
    convolve(boxWidth / static_cast<double>(p));

    const size_t s = plans_->size;
    zTerms_.resize(n);
    rep.resize(2 * n);
    parallelFor(n, threads_, [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            const float* wx = &weights_[(2 * i) * p];
            const float* wy = &weights_[(2 * i + 1) * p];
            double phi[kCharges] = {0, 0, 0};
            for (size_t a = 0; a < p; ++a)
                for (size_t b = 0; b < p; ++b) {
                    const size_t node = (firstNode_[2 * i] + a) * s + firstNode_[2 * i + 1] + b;
                    const double w = double(wx[a]) * wy[b];
                    for (int c = 0; c < kCharges; ++c) phi[c] += w * plans_->real[c + 1].get()[node];
                }
            const double px = y[2 * i] - centre, py = y[2 * i + 1] - centre;
            // Σ_j w² (y_i − y_j) = y_i·Σ w² − Σ w² y_j; the self term cancels.
            rep[2 * i] = px * phi[0] - phi[1];
            rep[2 * i + 1] = py * phi[0] - phi[2];
            // w = w²·(1 + d²) with d² = |y_i|² − 2 y_i·y_j + |y_j|²; the self term is 1.
            // The |y_j|² part is summed as |y_i|²·φ_1(i) (symmetry, see the header).
            zTerms_[i] = (1 + 2 * (px * px + py * py)) * phi[0] - 2 * (px * phi[1] + py * phi[2]);
        }
    }, 1024);
    return std::accumulate(zTerms_.begin(), zTerms_.end(), 0.0) - static_cast<double>(n);
}

}  // namespace sb
