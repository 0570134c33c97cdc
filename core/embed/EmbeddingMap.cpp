#include "core/embed/EmbeddingMap.h"

#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/embed/EmbeddingMetrics.h"
#include "core/embed/ModelEmbeddings.h"
#include "core/embed/Pca.h"

#include <chrono>

namespace sb {
namespace {

FloatMatrix tsneMap(const FloatMatrix& x, const TsneParams& params, CancellationToken& token, JobObserver* observer,
                    const TsneSnapshotCallback& onSnapshot, MapInfo& info)
{
    const TsneResult r = runTsne(x, params, token, observer, onSnapshot);
    info.perplexity = params.perplexity;
    info.iterations = r.iterations;
    info.gradient = r.method;
    info.init = params.init == TsneInit::Pca ? "pca" : "random";
    info.learningRate = r.learningRate;
    if (params.inputDimensions > 0 && params.inputDimensions < x.cols && params.inputDimensions < x.rows)
        info.pcaDimensions = params.inputDimensions;
    info.kl = r.kl;
    return r.layout;
}

FloatMatrix pcaMap(const FloatMatrix& x, uint64_t seed, MapInfo& info)
{
    if (x.rows < 2 || x.cols < 2)
        throw Error("a PCA map needs at least 2 points and 2 dimensions, got " + std::to_string(x.rows) + " x " +
                        std::to_string(x.cols),
                    "PCA input");
    x.requireFinite("PCA input");
    PcaParams params;
    params.components = 2;
    params.seed = seed;
    const PcaResult r = computePca(x, params);
    for (double v : r.explainedVariance)
        info.explainedVarianceRatio.push_back(r.totalVariance > 0 ? v / r.totalVariance : 0.0);
    return r.projected;
}

// Trustworthiness needs k < N/2 (as sklearn); smaller inputs get no metrics rather
// than numbers computed with another k.
void scoreMap(const FloatMatrix& x, const std::vector<int64_t>& labels, size_t k, JobObserver* observer,
              EmbeddingMap& map)
{
    if (2 * k >= x.rows) {
        if (observer)
            observer->onLog(LogLevel::Warning, "no map metrics: k = " + std::to_string(k) + " needs more than " +
                                                   std::to_string(2 * k) + " points");
        return;
    }
    if (observer) observer->onLog(LogLevel::Info, "scoring the map (trustworthiness, k-NN accuracy)");
    map.info.trustworthiness = trustworthiness(x, map.layout, k, map.info.threads);
    map.info.knnAccuracy = knnAccuracy(map.layout, labels, k, map.info.threads);
}

}  // namespace

EmbeddingMap computeEmbeddingMap(const FloatMatrix& x, const std::vector<int64_t>& labels, const MapParams& params,
                                 CancellationToken& token, JobObserver* observer,
                                 const TsneSnapshotCallback& onSnapshot)
{
    if (params.method != "tsne" && params.method != "pca")
        throw Error("unknown map method '" + params.method + "'; expected tsne or pca", "method");
    if (!labels.empty() && labels.size() != x.rows)
        throw Error("labels have " + std::to_string(labels.size()) + " entries but there are " +
                        std::to_string(x.rows) + " points",
                    "labels");
    TsneParams tsne = params.tsne;
    tsne.threads = tsne.threads > 0 ? tsne.threads : defaultThreadCount();

    EmbeddingMap map;
    map.info.method = params.method;
    map.info.points = x.rows;
    map.info.dimensions = x.cols;
    map.info.seed = tsne.seed;
    map.info.threads = tsne.threads;
    const auto start = std::chrono::steady_clock::now();
    map.layout = params.method == "tsne" ? tsneMap(x, tsne, token, observer, onSnapshot, map.info)
                                         : pcaMap(x, tsne.seed, map.info);
    map.info.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    token.checkpoint();
    if (!labels.empty()) scoreMap(x, labels, params.metricNeighbors, observer, map);
    return map;
}

EmbeddingMap mapModelEmbeddings(const std::string& runDir, const std::string& model, const MapParams& params,
                                CancellationToken& token, JobObserver* observer,
                                const TsneSnapshotCallback& onSnapshot)
{
    const ModelEmbeddings embeddings = ModelEmbeddings::load(runDir, model);
    EmbeddingMap map = computeEmbeddingMap(embeddings.values, embeddings.labels, params, token, observer, onSnapshot);
    map.info.labels = "scene column of models/" + model + "/embeddings.csv";
    token.checkpoint();  // a cancelled job leaves no map files
    MapFiles::save(embeddings.folder, map.layout, map.info);
    return map;
}

}  // namespace sb
