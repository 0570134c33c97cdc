#pragma once
// PyTorch checkpoints without Python: a safe reader for torch.save zip archives (official
// BEATs files, plain state dicts, Lightning checkpoints) and a writer whose files stock
// PyTorch loads with torch.load(weights_only=True). See docs/checkpoints.md.
#include <torch/torch.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

namespace sb {

using StateDict = std::vector<std::pair<std::string, torch::Tensor>>;  // in file order, names as stored

struct Checkpoint {
    StateDict tensors;          // the state dict ("model" of BEATs files, "state_dict" of Lightning, or the top level)
    nlohmann::json cfg;         // BEATs cfg dict, else null
    nlohmann::json labelDict;   // BEATs label_dict, else null
    std::string layout;         // "beats", "state_dict" or "lightning"
    // Lightning only: the scalar top-level entries (epoch, global_step, versions); else null.
    nlohmann::json extras;
    // Lightning only: "entry: module.Class" for every foreign object the file holds outside the
    // state dict (hyper-parameters, optimizer and callback state). Never executed, just named.
    std::vector<std::string> ignoredObjects;
};

// Throws sb::Error (what + where: file, record, key).
Checkpoint readCheckpoint(const std::string& path);
// cfg non-null => BEATs layout {cfg, model}. Written atomically.
void writeCheckpoint(const std::string& path, const StateDict& tensors, const nlohmann::json& cfg = nullptr);
// BEATs layout with label_dict as well (object keys that are integers are written as ints,
// as in the official fine-tuned files); a plain state dict when cfg is null.
void writeCheckpoint(const std::string& path, const Checkpoint& checkpoint);
// Entries starting with prefix lose it; the others are kept unchanged (as PyTorch's
// consume_prefix_in_state_dict_if_present does), e.g. Lightning "model.".
StateDict stripPrefix(const StateDict& tensors, const std::string& prefix);

struct LoadReport {
    std::vector<std::string> missing, unexpected, misshaped;
    std::vector<std::string> shapeNotes;  // "name: checkpoint [a, b] vs module [c, d]", one per misshaped
    bool ok() const;
    std::string describe() const;
};
// Copies tensors into module's named parameters and buffers (exact names). strict: throw sb::Error
// with describe() unless ok() (and copy nothing). Not strict: copy every entry that matches.
LoadReport loadStateDict(torch::nn::Module& module, const StateDict& tensors, bool strict = true);
// named_parameters + named_buffers, in registration order (module by module, like PyTorch's state_dict).
StateDict moduleStateDict(const torch::nn::Module& module);

}  // namespace sb
