#pragma once
// Bad checkpoints: truncated and bit-flipped archives, forged zip structures and zip
// bombs, corrupt pickles, hostile globals (each a payload that would create a marker file
// if unpickled by Python), storages shorter than their tensors, mismatched shapes, dtypes
// and configs, and legacy or foreign formats.
#include "RobustCase.h"

#include <random>
#include <string>
#include <vector>

namespace sb::robust {

// `dataFolder`: tests/data; `scratch`: a folder for files written through the product's
// checkpoint writer. Uses torch in the calling thread. Includes controls.
std::vector<RobustCase> checkpointCases(std::mt19937& rng, const std::string& dataFolder, const std::string& scratch);

// The pieces, one file each (CheckpointCases.cpp, PickleCases.cpp, ModelCases.cpp).
class CheckpointCaseList {
public:
    void add(const std::string& name, std::string bytes, Loader loader = Loader::Checkpoint,
             std::vector<std::string> mustName = {});
    void special(const std::string& name, InputFile file, const std::string& input);
    std::vector<RobustCase> cases;
};

// A torch.save archive of `pickle` plus storage records data/<key>, named like torch does.
std::string torchArchive(const std::string& pickle, const std::vector<std::pair<std::string, std::string>>& storages,
                         const std::string& folder = "archive");
// The small valid checkpoint the forgeries start from: {"weight": float32 [1, 2, 3, 4]}.
std::string baseStorageBytes();

void pickleDefects(CheckpointCaseList& list, std::mt19937& rng);
void hostileGlobals(CheckpointCaseList& list, std::mt19937& rng, const std::string& dataFolder);
void modelDefects(CheckpointCaseList& list, std::mt19937& rng, const std::string& dataFolder, const std::string& scratch);

// The file's bytes (std::runtime_error when unreadable).
std::string readBytes(const std::string& path);

}  // namespace sb::robust
