#pragma once
// One finished 2-D map with its quality numbers: what the CLI runs and what the GUI's map
// view runs on a model of a run. t-SNE (runTsne, animated through the snapshot callback)
// or PCA; then, when labels are known, trustworthiness and k-NN accuracy (k = 10); all
// gathered in the MapInfo that MapFiles saves beside the embeddings.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/embed/FloatMatrix.h"
#include "core/embed/MapFiles.h"
#include "core/embed/Tsne.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sb {

struct MapParams {
    std::string method = "tsne";  // "tsne" or "pca"
    TsneParams tsne;              // t-SNE settings; its seed and threads also serve PCA and the metrics
    size_t metricNeighbors = 10;  // k of trustworthiness and k-NN accuracy
};

struct EmbeddingMap {
    FloatMatrix layout;  // N×2
    MapInfo info;        // parameters and metrics; info.labels is left to the caller
};

// `labels`: one class per point, or empty for a map without metrics (they cost O(N²·D)).
// Throws sb::Error for invalid input or parameters (naming what), sb::Cancelled when the
// token is cancelled; pause blocks in the token between iterations.
EmbeddingMap computeEmbeddingMap(const FloatMatrix& x, const std::vector<int64_t>& labels, const MapParams& params,
                                 CancellationToken& token, JobObserver* observer = nullptr,
                                 const TsneSnapshotCallback& onSnapshot = {});

// The map of a model's embeddings in a run directory (ModelEmbeddings), scored against the
// clips' scene labels and saved beside them as models/<model>/map_<method>.npy/.json.
EmbeddingMap mapModelEmbeddings(const std::string& runDir, const std::string& model, const MapParams& params,
                                CancellationToken& token, JobObserver* observer = nullptr,
                                const TsneSnapshotCallback& onSnapshot = {});

}  // namespace sb
