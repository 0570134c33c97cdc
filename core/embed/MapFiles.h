#pragma once
// A finished 2-D map in a run directory, beside the embeddings it was made from:
//   map_<method>.npy   float32 (N, 2), the layout
//   map_<method>.json  {method, perplexity, iterations, seed, kl, trustworthiness,
//                       knn_accuracy, seconds}; fields that do not apply are null
// Each file is written atomically (temp + fsync + rename), the .npy first, so a reader
// that finds the .json also finds the complete layout it describes.
#include "core/embed/FloatMatrix.h"

#include <cstdint>
#include <optional>
#include <string>

namespace sb {

struct MapInfo {
    std::string method = "tsne";          // "tsne" or "pca": also names the files
    std::optional<double> perplexity;     // t-SNE only
    std::optional<int> iterations;        // t-SNE only
    uint64_t seed = 0;
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
