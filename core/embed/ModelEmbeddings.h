#pragma once
// The embeddings of one model of a run (docs/run-directory.md):
//   RUN_DIR/models/<model>/embeddings.npy  float32 (clips, dims)
//   RUN_DIR/models/<model>/embeddings.csv  filename,scene,device,city,predicted per row
// Read by path, not through RunDirectory: sb_embed comes before sb_experiment in the
// module order, and these two files are all a map needs.
#include "core/embed/FloatMatrix.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sb {

// One row of embeddings.csv: the clip behind the same row of embeddings.npy.
struct EmbeddingClip {
    std::string filename, scene, device, city, predicted;
};

// Reads embeddings.csv (header filename,scene,device,city,predicted, in any order).
// Throws sb::Error naming the file and line: a missing column, a wrong field count, an
// empty file name or scene.
std::vector<EmbeddingClip> readEmbeddingClips(const std::string& csvPath);

struct ModelEmbeddings {
    std::string folder;                   // RUN_DIR/models/<model>
    FloatMatrix values;                   // clips × dims
    std::vector<std::string> sceneNames;  // sorted, distinct
    std::vector<int64_t> labels;          // per clip: index into sceneNames

    // Throws sb::Error naming the file (and line) when a file is missing or malformed, or
    // naming the models that have embeddings when `model` has none.
    static ModelEmbeddings load(const std::string& runDir, const std::string& model);
    // The models of a run that have embeddings.npy, sorted.
    static std::vector<std::string> modelsWithEmbeddings(const std::string& runDir);
};

}  // namespace sb
