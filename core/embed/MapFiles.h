#pragma once
// A finished 2-D map in a run directory, beside the embeddings it was made from:
//   map_<method>.npy   float32 (N, 2), the layout
//   map_<method>.json  the metrics (kl, trustworthiness, knn_accuracy) and the parameters
//                       that made the map (docs/embedding.md); fields that do not apply are null
// Each file is written atomically (temp + fsync + rename), the .npy first, so a reader
// that finds the .json also finds the complete layout it describes.
#include "core/embed/FloatMatrix.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sb {

struct MapInfo {
    std::string method = "tsne";          // "tsne" or "pca": also names the files
    size_t points = 0;                    // N, and D of the input
    size_t dimensions = 0;
    std::optional<double> perplexity;     // t-SNE only
    std::optional<int> iterations;        // t-SNE only: iterations run
    std::optional<std::string> gradient;  // t-SNE only: "exact", "direct" or "fft"
    std::optional<std::string> init;      // t-SNE only: "pca" or "random"
    std::optional<double> learningRate;   // t-SNE only
    std::optional<size_t> pcaDimensions;  // t-SNE only, when the input was PCA-reduced first
    uint64_t seed = 0;
    int threads = 0;                      // the same seed and threads give the same map
    std::vector<double> explainedVarianceRatio;  // PCA only: of the two components
    std::optional<std::string> labels;    // where the labels of the metrics came from
    std::optional<double> kl;             // exact KL of the final layout (t-SNE only)
    std::optional<double> trustworthiness;  // k = 10
    std::optional<double> knnAccuracy;      // k = 10, when labels were given
    double seconds = 0;
};

struct MapFiles {
    // Writes map_<info.method>.npy and .json into `folder` (created if missing).
    static void save(const std::string& folder, const FloatMatrix& layout, const MapInfo& info);
    // Reads them back; throws sb::Error naming the file if missing or malformed.
    static std::pair<FloatMatrix, MapInfo> load(const std::string& folder, const std::string& method);
};

}  // namespace sb
