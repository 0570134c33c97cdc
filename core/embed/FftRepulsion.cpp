#include "core/embed/FftRepulsion.h"

#include "core/common/Error.h"
#include "core/common/FftSize.h"
#include "core/common/FftwPlannerLock.h"
#include "core/common/Parallel.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <mutex>
#include <numeric>

namespace sb {
namespace {

constexpr size_t kCharges = 3;  // 1, x, y

struct FftwFree {
    void operator()(void* p) const { fftwf_free(p); }
};
using RealBuffer = std::unique_ptr<float, FftwFree>;
using ComplexBuffer = std::unique_ptr<fftwf_complex, FftwFree>;

template <typename T>
std::unique_ptr<T, FftwFree> fftwBuffer(size_t count)
{
    std::unique_ptr<T, FftwFree> buffer(static_cast<T*>(fftwf_malloc(sizeof(T) * count)));
    if (!buffer) throw Error("out of memory for the t-SNE FFT grid", "t-SNE");
    std::memset(buffer.get(), 0, sizeof(T) * count);
    return buffer;
}

fftwf_iodim dim(size_t n, size_t inStride, size_t outStride)
{
    return {static_cast<int>(n), static_cast<int>(inStride), static_cast<int>(outStride)};
}

// FFTW runs each transform on all of the repulsion's threads (its own thread pool).
void useFftwThreads(int threads)
{
    static bool initialised = false;
    if (!initialised) {
        if (!fftwf_init_threads()) throw Error("FFTW could not start its threads", "t-SNE");
        initialised = true;
    }
    fftwf_plan_with_nthreads(threads);
}

}  // namespace

// Plans and buffers for one grid size; remade when the box count changes.
//
// The charges occupy only the first m rows and columns of the s×s zero-padded grid
// (s = 2m), and only the same corner of the potentials is read. So the 2-D transforms
// are done as two 1-D passes that skip the zero rows on the way in and the unread rows
// on the way out: rows (m of s), columns (all), product, columns (all), rows (m of s):
// a quarter less work than full 2-D transforms. All three charges go through each pass
// at once.
struct FftRepulsion::Plans {
    size_t size = 0;    // s, the padded grid side
    size_t nodes = 0;   // m
    size_t columns = 0; // s/2 + 1, the complex columns of a real transform
    RealBuffer kernel;              // s×s
    ComplexBuffer kernelSpectrum;   // s×columns
    RealBuffer charges;             // 3 × m×s (columns m… stay zero)
    ComplexBuffer spectra;          // 3 × s×columns
    RealBuffer potentials;          // 3 × m×s
    fftwf_plan kernelForward = nullptr, rowsForward = nullptr, columnsForward = nullptr,
               columnsInverse = nullptr, rowsInverse = nullptr;

    Plans(size_t s, size_t m, int threads) : size(s), nodes(m), columns(s / 2 + 1)
    {
        kernel = fftwBuffer<float>(s * s);
        kernelSpectrum = fftwBuffer<fftwf_complex>(s * columns);
        charges = fftwBuffer<float>(kCharges * m * s);
        spectra = fftwBuffer<fftwf_complex>(kCharges * s * columns);
        potentials = fftwBuffer<float>(kCharges * m * s);

        std::lock_guard<std::mutex> lock(fftwPlannerMutex());
        useFftwThreads(threads);
        const int n = static_cast<int>(s);
        kernelForward = fftwf_plan_dft_r2c_2d(n, n, kernel.get(), kernelSpectrum.get(), FFTW_ESTIMATE);
        const fftwf_iodim line[] = {dim(s, 1, 1)};
        const fftwf_iodim column[] = {dim(s, columns, columns)};
        const fftwf_iodim rowsIn[] = {dim(kCharges, m * s, s * columns), dim(m, s, columns)};
        const fftwf_iodim rowsOut[] = {dim(kCharges, s * columns, m * s), dim(m, columns, s)};
        const fftwf_iodim columnSet[] = {dim(kCharges, s * columns, s * columns), dim(columns, 1, 1)};
        rowsForward = fftwf_plan_guru_dft_r2c(1, line, 2, rowsIn, charges.get(), spectra.get(), FFTW_ESTIMATE);
        columnsForward = fftwf_plan_guru_dft(1, column, 2, columnSet, spectra.get(), spectra.get(), FFTW_FORWARD,
                                             FFTW_ESTIMATE);
        columnsInverse = fftwf_plan_guru_dft(1, column, 2, columnSet, spectra.get(), spectra.get(), FFTW_BACKWARD,
                                             FFTW_ESTIMATE);
        rowsInverse = fftwf_plan_guru_dft_c2r(1, line, 2, rowsOut, spectra.get(), potentials.get(), FFTW_ESTIMATE);
        useFftwThreads(1);  // the planner's setting is global: leave it as other users expect
        for (fftwf_plan plan : {kernelForward, rowsForward, columnsForward, columnsInverse, rowsInverse})
            if (!plan) {
                destroyPlans();  // a throwing constructor runs no destructor
                throw Error("FFTW could not plan the t-SNE grid of side " + std::to_string(s), "t-SNE");
            }
    }
    ~Plans()
    {
        std::lock_guard<std::mutex> lock(fftwPlannerMutex());
        destroyPlans();
    }
    void destroyPlans()  // with the planner lock held
    {
        for (fftwf_plan plan : {kernelForward, rowsForward, columnsForward, columnsInverse, rowsInverse})
            if (plan) fftwf_destroy_plan(plan);
    }
    float* charge(size_t c) const { return charges.get() + c * nodes * size; }
    float* potential(size_t c) const { return potentials.get() + c * nodes * size; }
};

FftRepulsion::FftRepulsion(int threads, FftRepulsionSettings settings)
    : threads_(std::max(1, threads)), settings_(settings)
{
}

FftRepulsion::~FftRepulsion() = default;

void FftRepulsion::preparePlans(size_t nodes)
{
    if (plans_ && plans_->nodes == nodes) return;
    plans_.reset();
    plans_ = std::make_unique<Plans>(2 * nodes, nodes, threads_);
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
    const size_t n = y.size() / 2, m = nodes_, s = plans_->size, p = static_cast<size_t>(settings_.nodesPerInterval);
    // Into one shared grid, in bands of node rows: a point writes p rows from its box's
    // first, so it reaches at most into the next band. Even bands run in parallel, then odd
    // ones; within a band, points go in index order. So the sums do not depend on which
    // thread ran which band, and no per-thread grids need zeroing and adding up.
    // The sums are kept in double, then rounded once for the float FFT: summing in float
    // moved a 29,680-point map's final KL by 1 % (the optimisation amplifies rounding).
    const size_t bands = std::max<size_t>(1, std::min<size_t>(2 * static_cast<size_t>(threads_), m / p));
    const size_t bandRows = (m + bands - 1) / bands;
    bandStart_.assign(bands + 1, 0);
    for (size_t i = 0; i < n; ++i) ++bandStart_[static_cast<size_t>(firstNode_[2 * i]) / bandRows + 1];
    for (size_t b = 0; b < bands; ++b) bandStart_[b + 1] += bandStart_[b];
    bandPoints_.resize(n);
    std::vector<size_t> next(bandStart_.begin(), bandStart_.end() - 1);
    for (size_t i = 0; i < n; ++i) bandPoints_[next[static_cast<size_t>(firstNode_[2 * i]) / bandRows]++] = static_cast<int32_t>(i);

    accum_.resize(kCharges * m * m);
    parallelFor(kCharges * m, threads_, [&](size_t begin, size_t end) {
        for (size_t row = begin; row < end; ++row) std::fill_n(accum_.data() + row * m, m, 0.0);
    }, 64);
    for (size_t parity = 0; parity < 2; ++parity) {
        parallelFor((bands + 1 - parity) / 2, threads_, [&](size_t begin, size_t end) {
            for (size_t band = 2 * begin + parity; band < 2 * end + parity && band < bands; band += 2)
                for (size_t k = bandStart_[band]; k < bandStart_[band + 1]; ++k) {
                    const size_t i = static_cast<size_t>(bandPoints_[k]);
                    const double charge[kCharges] = {1.0, y[2 * i] - centre, y[2 * i + 1] - centre};
                    const float* wx = &weights_[(2 * i) * p];
                    const float* wy = &weights_[(2 * i + 1) * p];
                    for (size_t a = 0; a < p; ++a)
                        for (size_t b = 0; b < p; ++b) {
                            const double w = double(wx[a]) * wy[b];
                            const size_t cell = (firstNode_[2 * i] + a) * m + firstNode_[2 * i + 1] + b;
                            for (size_t c = 0; c < kCharges; ++c) accum_[c * m * m + cell] += w * charge[c];
                        }
                }
        });
    }
    parallelFor(kCharges * m, threads_, [&](size_t begin, size_t end) {
        for (size_t row = begin; row < end; ++row) {
            const size_t c = row / m, r = row % m;
            float* out = plans_->charge(c) + r * s;
            const double* in = accum_.data() + row * m;
            for (size_t col = 0; col < m; ++col) out[col] = static_cast<float>(in[col]);
        }
    }, 64);
}

void FftRepulsion::convolve(double h)
{
    const Plans& g = *plans_;
    const size_t s = g.size, m = g.nodes, cols = g.columns;
    // Circulant embedding of the kernel: offset a and a − s are the same slot.
    parallelFor(s, threads_, [&](size_t begin, size_t end) {
        for (size_t a = begin; a < end; ++a) {
            const double da = (a <= m ? double(a) : double(a) - double(s)) * h;
            for (size_t b = 0; b < s; ++b) {
                const double db = (b <= m ? double(b) : double(b) - double(s)) * h;
                const double w = 1.0 / (1.0 + da * da + db * db);
                g.kernel.get()[a * s + b] = static_cast<float>(w * w);
            }
        }
    }, 16);
    fftwf_execute(g.kernelForward);
    fftwf_execute(g.rowsForward);
    // The zero rows of the charges transform to zero rows; the last pass left data there.
    for (size_t c = 0; c < kCharges; ++c)
        std::fill_n(&g.spectra.get()[(c * s + m) * cols][0], (s - m) * cols * 2, 0.f);
    fftwf_execute(g.columnsForward);
    const float scale = 1.f / static_cast<float>(s * s);
    const fftwf_complex* k = g.kernelSpectrum.get();
    parallelFor(kCharges * s, threads_, [&](size_t begin, size_t end) {
        for (size_t row = begin; row < end; ++row) {
            fftwf_complex* x = g.spectra.get() + row * cols;
            const fftwf_complex* kr = k + (row % s) * cols;
            for (size_t i = 0; i < cols; ++i) {
                const float re = x[i][0] * kr[i][0] - x[i][1] * kr[i][1];
                const float im = x[i][0] * kr[i][1] + x[i][1] * kr[i][0];
                x[i][0] = re * scale;
                x[i][1] = im * scale;
            }
        }
    }, 64);
    fftwf_execute(g.columnsInverse);
    fftwf_execute(g.rowsInverse);
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
    preparePlans(nodes_);

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
                    for (size_t c = 0; c < kCharges; ++c) phi[c] += w * plans_->potential(c)[node];
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
