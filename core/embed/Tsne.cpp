#include "core/embed/Tsne.h"

#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"
#include "core/embed/Affinities.h"
#include "core/embed/EmbeddingMetrics.h"
#include "core/embed/ExactGradient.h"
#include "core/embed/DirectRepulsion.h"
#include "core/embed/FftRepulsion.h"
#include "core/embed/NearestNeighbors.h"
#include "core/embed/Pca.h"
#include "core/embed/SparseGradient.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <memory>
#include <random>

namespace sb {
namespace {

constexpr double kMinGain = 0.01;  // sklearn _gradient_descent defaults
constexpr double kGainIncrease = 0.2;
constexpr double kGainDecay = 0.8;
constexpr double kInitialStd = 1e-4;  // std of PC1 (PCA init) or of each coordinate (random)
// Dense float distances and double P: 12 x N^2 bytes, 2.7 GB at this size.
constexpr size_t kExactGradientMaxPoints = 15000;

TsneMethod chooseMethod(const TsneParams& params, size_t n)
{
    if (params.method != TsneMethod::Auto) return params.method;
    if (n <= params.exactMaxPoints) return TsneMethod::Exact;
    return n <= params.directMaxPoints ? TsneMethod::Direct : TsneMethod::Fft;
}

void validate(const FloatMatrix& x, const TsneParams& params)
{
    if (x.rows < 2) throw Error("t-SNE needs at least 2 points, got " + std::to_string(x.rows), "t-SNE input");
    x.requireFinite("t-SNE input");
    validatePerplexity(params.perplexity, x.rows);
    if (params.iterations < 1)
        throw Error("iterations must be at least 1, got " + std::to_string(params.iterations), "iterations");
    if (params.init == TsneInit::Pca && x.cols < 2)
        throw Error("PCA initialisation needs at least 2 input dimensions; use random initialisation", "init");
    if (!(params.earlyExaggeration > 0)) throw Error("early exaggeration must be positive", "early exaggeration");
    if (chooseMethod(params, x.rows) == TsneMethod::Exact && x.rows > kExactGradientMaxPoints)
        throw Error("the exact gradient keeps all N x N affinities in memory; it is limited to " +
                        std::to_string(kExactGradientMaxPoints) + " points, got " + std::to_string(x.rows) +
                        " (use the direct or fft gradient)",
                    "gradient");
}

std::vector<double> initialLayout(const FloatMatrix& x, const TsneParams& params)
{
    const size_t n = x.rows;
    std::vector<double> y(2 * n);
    if (params.init == TsneInit::Random) {
        std::mt19937_64 rng(params.seed);
        std::normal_distribution<double> normal(0.0, kInitialStd);
        for (double& v : y) v = normal(rng);
        return y;
    }
    PcaParams pcaParams;
    pcaParams.components = 2;
    pcaParams.seed = params.seed;
    const PcaResult pca = computePca(x, pcaParams);
    double mean = 0, var = 0;
    for (size_t i = 0; i < n; ++i) mean += pca.projected.at(i, 0);
    mean /= static_cast<double>(n);
    for (size_t i = 0; i < n; ++i) var += (pca.projected.at(i, 0) - mean) * (pca.projected.at(i, 0) - mean);
    const double std = std::sqrt(var / static_cast<double>(n));
    const double scale = std > 0 ? kInitialStd / std : 1.0;
    for (size_t i = 0; i < 2 * n; ++i) y[i] = pca.projected.values[i] * scale;
    return y;
}

struct Phase {
    int begin = 0;
    int end = 0;
    double momentum = 0;
    double exaggeration = 1;
    int withoutProgress = 0;
};

// The optimiser: sklearn's _gradient_descent, one call per phase (update and gains
// start afresh in each phase, as there).
class Optimiser {
public:
    Optimiser(TsneGradient& gradient, const TsneParams& params, double learningRate, CancellationToken& token,
              ProgressTracker& progress, const TsneSnapshotCallback& onSnapshot)
        : gradient_(gradient), params_(params), learningRate_(learningRate), token_(token), progress_(progress),
          onSnapshot_(onSnapshot)
    {
    }

    // Returns the index of the last iteration run.
    int run(std::vector<double>& y, const Phase& phase)
    {
        const size_t count = y.size();
        std::vector<double> grad(count), update(count, 0.0), gains(count, 1.0);
        double best = std::numeric_limits<double>::max();
        int bestIteration = phase.begin, i = phase.begin;
        for (; i < phase.end; ++i) {
            token_.checkpoint();
            const bool check = (i + 1) % params_.checkInterval == 0;
            const bool snapshot = onSnapshot_ && params_.snapshotInterval > 0 &&
                                  ((i + 1) % params_.snapshotInterval == 0 || i + 1 == params_.iterations);
            const double kl = gradient_.compute(y, phase.exaggeration, grad, check || snapshot || i == phase.end - 1);
            double norm = 0;
            for (size_t c = 0; c < count; ++c) {
                const bool increase = update[c] * grad[c] < 0.0;
                gains[c] = std::max(kMinGain, increase ? gains[c] + kGainIncrease : gains[c] * kGainDecay);
                grad[c] *= gains[c];
                update[c] = phase.momentum * update[c] - learningRate_ * grad[c];
                y[c] += update[c];
                norm += grad[c] * grad[c];
            }
            progress_.advance();
            if (snapshot) sendSnapshot(y, i + 1, kl, phase.exaggeration != 1.0);
            if (!check) continue;
            if (kl < best) {
                best = kl;
                bestIteration = i;
            } else if (i - bestIteration > phase.withoutProgress) {
                break;
            }
            if (std::sqrt(norm) <= params_.minGradientNorm) break;
        }
        return std::min(i, phase.end - 1);
    }

private:
    void sendSnapshot(const std::vector<double>& y, int iteration, double kl, bool exaggerated) const
    {
        TsneSnapshot s;
        s.iteration = iteration;
        s.totalIterations = params_.iterations;
        s.kl = kl;
        s.klIsEstimate = gradient_.klIsEstimate();
        s.exaggerated = exaggerated;
        s.layout.assign(y.begin(), y.end());
        onSnapshot_(s);
    }

    TsneGradient& gradient_;
    const TsneParams& params_;
    double learningRate_;
    CancellationToken& token_;
    ProgressTracker& progress_;
    const TsneSnapshotCallback& onSnapshot_;
};

}  // namespace

const char* tsneMethodName(TsneMethod method)
{
    switch (method) {
    case TsneMethod::Auto: return "auto";
    case TsneMethod::Exact: return "exact";
    case TsneMethod::Direct: return "direct";
    case TsneMethod::Fft: return "fft";
    }
    return "auto";
}

std::optional<TsneMethod> tsneMethodFromName(const std::string& name)
{
    for (TsneMethod m : {TsneMethod::Auto, TsneMethod::Exact, TsneMethod::Direct, TsneMethod::Fft})
        if (name == tsneMethodName(m)) return m;
    return std::nullopt;
}

TsneResult runTsne(const FloatMatrix& x, const TsneParams& params, CancellationToken& token, JobObserver* observer,
                   const TsneSnapshotCallback& onSnapshot)
{
    const auto start = std::chrono::steady_clock::now();
    validate(x, params);
    const int threads = params.threads > 0 ? params.threads : defaultThreadCount();
    const size_t n = x.rows;

    FloatMatrix reduced;
    if (params.inputDimensions > 0 && params.inputDimensions < x.cols && params.inputDimensions < n) {
        PcaParams pcaParams;
        pcaParams.components = params.inputDimensions;
        pcaParams.seed = params.seed;
        reduced = computePca(x, pcaParams).projected;
    }
    const FloatMatrix& input = reduced.rows ? reduced : x;
    token.checkpoint();

    const TsneMethod method = chooseMethod(params, n);
    const bool exact = method == TsneMethod::Exact;
    if (observer)
        observer->onLog(LogLevel::Info, std::string("t-SNE: input affinities over ") +
                                            (exact ? "all pairs" : "nearest neighbours"));
    std::vector<double> denseP;
    SparseAffinities sparseP;
    std::unique_ptr<TsneGradient> gradient;
    if (exact) {
        denseP = denseJointProbabilities(input, params.perplexity, threads);
        gradient = std::make_unique<ExactGradient>(denseP, n, threads);
    } else {
        const NeighborGraph graph =
            NeighborGraph::exact(input, SparseAffinities::neighborCount(n, params.perplexity), threads);
        token.checkpoint();
        sparseP = SparseAffinities::fromNeighbors(graph, params.perplexity, threads);
        std::unique_ptr<Repulsion> repulsion;
        if (method == TsneMethod::Direct) repulsion = std::make_unique<DirectRepulsion>(threads);
        else repulsion = std::make_unique<FftRepulsion>(threads);
        gradient = std::make_unique<SparseGradient>(sparseP, std::move(repulsion), threads);
    }
    token.checkpoint();

    std::vector<double> y = initialLayout(x, params);
    TsneResult result;
    result.method = tsneMethodName(method);
    result.learningRate = params.learningRate > 0
                              ? params.learningRate
                              : std::max(static_cast<double>(n) / params.earlyExaggeration / 4.0, 50.0);
    ProgressTracker progress(observer, "t-SNE", params.iterations);
    Optimiser optimiser(*gradient, params, result.learningRate, token, progress, onSnapshot);

    const int explorationEnd = std::min(params.exaggerationIterations, params.iterations);
    int last = optimiser.run(y, {0, explorationEnd, 0.5, params.earlyExaggeration, params.exaggerationIterations});
    if (explorationEnd < params.iterations)
        last = optimiser.run(y, {last + 1, params.iterations, 0.8, 1.0, params.iterationsWithoutProgress});

    result.iterations = last + 1;
    result.layout = FloatMatrix(n, 2);
    for (size_t i = 0; i < 2 * n; ++i) result.layout.values[i] = static_cast<float>(y[i]);
    result.kl = exact ? exactKlDivergence(denseP, result.layout, threads)
                      : exactKlDivergence(sparseP, result.layout, threads);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace sb
