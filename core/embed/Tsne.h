#pragma once
// t-SNE with scikit-learn's (≥ 1.2) definition and defaults: perplexity 30, early
// exaggeration 12 for 250 iterations with momentum 0.5, then momentum 0.8; learning
// rate max(N / 12 / 4, 50); per-parameter gains (+0.2 / ×0.8, min 0.01); PCA
// initialisation scaled so that PC1 has standard deviation 1e-4; progress checks every 50
// iterations (stop after 300 without progress or at gradient norm 1e-7).
// Methods: 'exact' (small N): dense P, exact O(N²) gradient, as sklearn's method='exact'.
// Otherwise P over the 3·perplexity exact nearest neighbours (sklearn's Barnes-Hut P) with
// repulsion either summed over all pairs in SIMD ('direct', up to a few thousand points)
// or FFT-interpolated ('fft', FIt-SNE) for large N. Deterministic for a
// given seed and thread count. See docs/embedding.md.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/embed/FloatMatrix.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace sb {

enum class TsneMethod { Auto, Exact, Direct, Fft };
enum class TsneInit { Pca, Random };

// "auto", "exact", "direct", "fft": the names in the CLI, the map files and TsneResult.
const char* tsneMethodName(TsneMethod method);
std::optional<TsneMethod> tsneMethodFromName(const std::string& name);

struct TsneParams {
    double perplexity = 30;
    int iterations = 1000;            // total, including the exaggeration phase
    double earlyExaggeration = 12;
    int exaggerationIterations = 250;
    double learningRate = 0;          // <= 0: sklearn's 'auto', max(N / exaggeration / 4, 50)
    TsneInit init = TsneInit::Pca;
    TsneMethod method = TsneMethod::Auto;
    size_t exactMaxPoints = 1000;     // Auto: 'exact' up to this many points,
    size_t directMaxPoints = 6000;    // then 'direct' up to this many, then 'fft'
    size_t inputDimensions = 0;       // > 0: PCA-reduce the input to this many first (if D is larger)
    uint64_t seed = 0;
    int threads = 0;                  // <= 0: defaultThreadCount()
    int snapshotInterval = 10;        // iterations between snapshots (<= 0: none)
    int checkInterval = 50;           // sklearn's _N_ITER_CHECK
    int iterationsWithoutProgress = 300;
    double minGradientNorm = 1e-7;
};

// The layout while it forms, for an animated map. A value: the receiver may keep it.
struct TsneSnapshot {
    int iteration = 0;        // iterations done
    int totalIterations = 0;
    double kl = 0;            // KL(P || Q) at this iteration (of the exaggerated P in phase one)
    bool klIsEstimate = false;  // true for 'fft' (Z from the interpolation)
    bool exaggerated = false;
    std::vector<float> layout;  // N×2
};

struct TsneResult {
    FloatMatrix layout;       // N×2
    int iterations = 0;       // iterations run (fewer than asked if converged)
    double kl = 0;            // exact KL(P || Q) of the final layout (Q over all pairs)
    std::string method;       // "exact", "direct" or "fft"
    double learningRate = 0;
    double seconds = 0;
};

using TsneSnapshotCallback = std::function<void(const TsneSnapshot&)>;

// Throws sb::Error for invalid input or params (perplexity >= N, NaN, ...), sb::Cancelled
// when the token is cancelled; blocks in token.checkpoint() while paused. The callback
// and observer run on the calling thread.
TsneResult runTsne(const FloatMatrix& x, const TsneParams& params, CancellationToken& token,
                   JobObserver* observer = nullptr, const TsneSnapshotCallback& onSnapshot = {});

}  // namespace sb
