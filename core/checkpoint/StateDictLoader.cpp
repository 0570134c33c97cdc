// loadStateDict / moduleStateDict: moving a StateDict in and out of a torch::nn::Module.
#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"

#include <map>
#include <set>
#include <sstream>

namespace sb {

namespace {

std::string shapeText(const torch::Tensor& t)
{
    std::ostringstream s;
    s << t.sizes();
    return s.str();
}

void listNames(std::ostringstream& s, const char* what, const std::vector<std::string>& names)
{
    if (names.empty()) return;
    s << "\n  " << what << " (" << names.size() << "):";
    for (const auto& n : names) s << "\n    " << n;
}

// Float to float (any precision: half, bfloat16 and double checkpoints load) and integer
// to integer (BatchNorm's num_batches_tracked) convert exactly enough; across kinds not.
bool sameKind(const torch::Tensor& a, const torch::Tensor& b)
{
    auto kind = [](const torch::Tensor& t) {
        return t.is_floating_point() ? 'f' : t.is_complex() ? 'c' : t.scalar_type() == torch::kBool ? 'b' : 'i';
    };
    return kind(a) == kind(b);
}

}  // namespace

bool LoadReport::ok() const
{
    return missing.empty() && unexpected.empty() && misshaped.empty();
}

std::string LoadReport::describe() const
{
    if (ok()) return "all keys match";
    std::ostringstream s;
    s << "state dict does not match the model:";
    listNames(s, "missing from the checkpoint", missing);
    listNames(s, "unexpected in the checkpoint", unexpected);
    listNames(s, "wrong shape or dtype", shapeNotes);
    return s.str();
}

StateDict moduleStateDict(const torch::nn::Module& module)
{
    // PyTorch's order: each module's own parameters, then its own buffers, depth first.
    StateDict out;
    for (const auto& item : module.named_modules("", /*include_self=*/true)) {
        const std::string prefix = item.key().empty() ? "" : item.key() + ".";
        for (const auto& p : item.value()->named_parameters(/*recurse=*/false)) out.emplace_back(prefix + p.key(), p.value());
        for (const auto& b : item.value()->named_buffers(/*recurse=*/false)) out.emplace_back(prefix + b.key(), b.value());
    }
    return out;
}

LoadReport loadStateDict(torch::nn::Module& module, const StateDict& tensors, bool strict)
{
    std::map<std::string, torch::Tensor> targets;
    std::vector<std::string> order;
    for (const auto& [name, t] : moduleStateDict(module)) {
        targets.emplace(name, t);
        order.push_back(name);
    }
    LoadReport report;
    std::set<std::string> given;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> copies;  // (destination, source)
    for (const auto& [name, source] : tensors) {
        if (!given.insert(name).second) throw Error("duplicate key in state dict", name);
        const auto it = targets.find(name);
        if (it == targets.end()) {
            report.unexpected.push_back(name);
        } else if (it->second.sizes() != source.sizes()) {
            report.misshaped.push_back(name);
            report.shapeNotes.push_back(name + ": checkpoint " + shapeText(source) + " vs model " + shapeText(it->second));
        } else if (!sameKind(it->second, source)) {
            // copy_ would convert silently: integer or boolean weights are not weights.
            report.misshaped.push_back(name);
            report.shapeNotes.push_back(name + ": checkpoint dtype " + std::string(c10::toString(source.scalar_type())) +
                                        " vs model " + c10::toString(it->second.scalar_type()));
        } else {
            copies.emplace_back(it->second, source);
        }
    }
    for (const auto& name : order)
        if (!given.count(name)) report.missing.push_back(name);
    if (strict && !report.ok()) throw Error(report.describe(), "state dict");
    torch::NoGradGuard noGrad;
    for (auto& [destination, source] : copies) destination.copy_(source);
    return report;
}

}  // namespace sb
