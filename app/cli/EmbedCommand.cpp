// scenebench-cli embed: a 2-D map (t-SNE or PCA) of embeddings, with its quality numbers.
// Two inputs: an X.npy file (map to --out, optionally also into --map-dir), or a model's
// embeddings in a run directory (--run/--model: the map is saved beside them).
#include "app/cli/CommandRegistry.h"
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/common/Parallel.h"
#include "core/embed/EmbeddingMap.h"
#include "core/embed/ModelEmbeddings.h"

#include <cstdio>
#include <optional>

namespace sb::cli {
namespace {

std::vector<int64_t> readLabels(const std::string& path, size_t points)
{
    const NpyArray a = readNpy(path);
    if (a.dtype != "<i8" && a.dtype != "<i4")
        throw Error("labels must be an int64 or int32 array, got dtype '" + a.dtype + "'", path);
    if (a.shape.size() != 1)
        throw Error("labels must be a 1-D array (one per point), got " + std::to_string(a.shape.size()) +
                        " dimensions",
                    path);
    if (static_cast<size_t>(a.shape[0]) != points)
        throw Error("labels have " + std::to_string(a.shape[0]) + " entries but X has " + std::to_string(points) +
                        " points",
                    path);
    return a.toInt64();
}

TsneMethod parseGradient(const std::string& name)
{
    if (const auto method = tsneMethodFromName(name)) return *method;
    throw UsageError("--gradient must be auto, exact, direct or fft, got '" + name + "'");
}

MapParams readParams(Args& args)
{
    MapParams params;
    params.method = args.value("method", "tsne");
    if (params.method != "tsne" && params.method != "pca")
        throw UsageError("--method must be tsne or pca, got '" + params.method + "'");
    TsneParams& tsne = params.tsne;
    tsne.perplexity = args.number("perplexity", 30, 1e-3, 1e6);
    tsne.iterations = static_cast<int>(args.integer("iterations", 1000, 1, 1000000));
    tsne.seed = static_cast<uint64_t>(args.integer("seed", 0, 0, 2147483647));
    const std::string init = args.value("init", "pca");
    if (init != "pca" && init != "random") throw UsageError("--init must be pca or random, got '" + init + "'");
    tsne.init = init == "pca" ? TsneInit::Pca : TsneInit::Random;
    tsne.inputDimensions = static_cast<size_t>(args.integer("pca-dims", 0, 0, 100000));
    tsne.method = parseGradient(args.value("gradient", "auto"));
    tsne.threads = defaultThreadCount();
    tsne.snapshotInterval = 50;
    return params;
}

void printProgress(const TsneSnapshot& s)
{
    std::fprintf(stderr, "  iteration %4d/%d  KL %.4f%s%s\n", s.iteration, s.totalIterations, s.kl,
                 s.klIsEstimate ? " (estimate)" : "", s.exaggerated ? " (exaggerated P)" : "");
}

void printMap(const MapInfo& info)
{
    if (info.method == "tsne") {
        std::printf("t-SNE: %zu points x %zu dims, gradient %s, perplexity %g, %d iterations, learning rate %g, "
                    "seed %llu, %d threads\n",
                    info.points, info.dimensions, info.gradient->c_str(), *info.perplexity, *info.iterations,
                    *info.learningRate, static_cast<unsigned long long>(info.seed), info.threads);
        std::printf("KL divergence (exact, final map): %.4f\n", *info.kl);
    } else {
        std::printf("PCA: %zu points x %zu dims; explained variance ratio %.4f, %.4f\n", info.points,
                    info.dimensions, info.explainedVarianceRatio[0], info.explainedVarianceRatio[1]);
    }
    std::printf("seconds: %.2f\n", info.seconds);
    if (!info.labels) return;
    if (!info.trustworthiness) {
        std::printf("trustworthiness, k-NN accuracy (k=10): n/a (need more than 20 points)\n");
        return;
    }
    std::printf("trustworthiness (k=10): %.4f\n", *info.trustworthiness);
    std::printf("k-NN accuracy (k=10): %.4f\n", *info.knnAccuracy);
}

void writeLayout(const std::string& path, const FloatMatrix& layout)
{
    writeNpy(path, layout.values.data(), {static_cast<int64_t>(layout.rows), 2});
    std::printf("wrote %s\n", path.c_str());
}

int runOnRun(const std::string& runDir, const std::optional<std::string>& model, const MapParams& params,
             const std::optional<std::string>& outPath)
{
    if (!model) {
        std::string available;
        for (const auto& m : ModelEmbeddings::modelsWithEmbeddings(runDir)) available += " " + m;
        throw UsageError("--run needs --model NAME (models with embeddings in " + runDir + ":" +
                         (available.empty() ? " none" : available) + ")");
    }
    CancellationToken token;
    const EmbeddingMap map = mapModelEmbeddings(runDir, *model, params, token, nullptr, printProgress);
    std::printf("model %s of run %s (labels: %s)\n", model->c_str(), runDir.c_str(), map.info.labels->c_str());
    printMap(map.info);
    std::printf("wrote %s/models/%s/map_%s.npy and .json\n", runDir.c_str(), model->c_str(), params.method.c_str());
    if (outPath) writeLayout(*outPath, map.layout);
    return 0;
}

int runOnFile(const std::string& xPath, const std::optional<std::string>& labelsPath, const MapParams& params,
              const std::string& outPath, const std::optional<std::string>& mapDir)
{
    const FloatMatrix x = FloatMatrix::fromNpy(readNpy(xPath), xPath);
    const std::vector<int64_t> labels = labelsPath ? readLabels(*labelsPath, x.rows) : std::vector<int64_t>{};
    CancellationToken token;
    EmbeddingMap map = computeEmbeddingMap(x, labels, params, token, nullptr, printProgress);
    if (labelsPath) map.info.labels = *labelsPath;
    printMap(map.info);
    writeLayout(outPath, map.layout);
    if (mapDir) {
        MapFiles::save(*mapDir, map.layout, map.info);
        std::printf("wrote %s/map_%s.npy and .json\n", mapDir->c_str(), params.method.c_str());
    }
    return 0;
}

int run(Args& args)
{
    const MapParams params = readParams(args);
    const auto runDir = args.option("run");
    const auto model = args.option("model");
    const auto labelsPath = args.option("labels");
    const auto mapDir = args.option("map-dir");
    const auto outPath = args.option("out");
    if (runDir) {
        if (labelsPath || mapDir)
            throw UsageError("--labels and --map-dir do not apply to --run (labels: the scenes of embeddings.csv; "
                             "the map is saved beside the embeddings)");
        if (args.hasPositional()) throw UsageError("give either --run RUN_DIR --model NAME or X.npy, not both");
        args.finish();
        return runOnRun(*runDir, model, params, outPath);
    }
    if (model) throw UsageError("--model needs --run RUN_DIR");
    if (!outPath) throw UsageError("missing --out Y.npy (where to write the map)");
    const std::string xPath = args.positional("input embeddings X.npy");
    args.finish();
    return runOnFile(xPath, labelsPath, params, *outPath, mapDir);
}

const CommandRegistration registration({
    "embed",
    "2-D map (t-SNE or PCA) of embeddings, with trustworthiness and k-NN accuracy",
    "usage: scenebench-cli embed [--method tsne|pca] [--perplexity P] [--iterations N] [--seed S]\n"
    "                            [--init pca|random] [--pca-dims D] [--gradient G] [--labels L.npy]\n"
    "                            [--map-dir DIR] --out Y.npy X.npy\n"
    "       scenebench-cli embed [options] --run RUN_DIR --model MODEL [--out Y.npy]\n"
    "\n"
    "X.npy: float32 (N, D) embeddings. Y.npy: float32 (N, 2) map. t-SNE follows\n"
    "scikit-learn's definition and defaults (docs/embedding.md); the gradient is chosen by N:\n"
    "exact up to 1,000 points, direct (all-pairs SIMD) up to 6,000, FFT-interpolated above.\n"
    "Prints the exact KL divergence of the final map (t-SNE) and, with labels, the\n"
    "trustworthiness (k=10, as sklearn.manifold.trustworthiness) and the leave-one-out\n"
    "10-NN accuracy of the map. Progress (KL every 50 iterations) goes to stderr.\n"
    "\n"
    "With --run, the input is RUN_DIR/models/MODEL/embeddings.npy, the labels are the scenes\n"
    "of embeddings.csv beside it, and the map and its metrics and parameters are saved there\n"
    "as map_<method>.npy and map_<method>.json (docs/run-directory.md).\n"
    "\n"
    "options:\n"
    "  --method M       tsne (default) or pca\n"
    "  --perplexity P   t-SNE perplexity (default 30; must be less than N)\n"
    "  --iterations N   t-SNE iterations including 250 of early exaggeration (default 1000)\n"
    "  --seed S         seed of the random parts (default 0); same seed and threads -> same map\n"
    "  --init I         pca (default; PC1 scaled to std 1e-4, as sklearn) or random\n"
    "  --pca-dims D     reduce X to D principal components before t-SNE (default: no)\n"
    "  --gradient G     auto (default: by N, as above), exact, direct or fft; exact and direct\n"
    "                   cost N^2 memory or time, for checking the faster ones\n"
    "  --labels L.npy   int64 or int32 (N,) class per point: report trustworthiness and k-NN accuracy\n"
    "  --map-dir DIR    also write DIR/map_<method>.npy and .json\n"
    "  --run RUN_DIR    map a model's embeddings in a run directory (with --model)\n"
    "  --model MODEL    which model of the run, e.g. student or teacher-1\n"
    "  --out Y.npy      where to write the map (optional with --run)\n"
    "\n"
    "Threads: all cores (SCENEBENCH_THREADS=N to change).\n"
    "examples: scenebench-cli embed --labels labels.npy --out map.npy embeddings.npy\n"
    "          scenebench-cli embed --run runs/paper --model student\n",
    {},
    run,
});

}  // namespace
}  // namespace sb::cli
