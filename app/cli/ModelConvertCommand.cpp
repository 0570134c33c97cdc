// scenebench-cli model convert: any checkpoint SceneBench reads -> a plain PyTorch file.
#include "app/cli/CommandRegistry.h"
#include "core/checkpoint/Checkpoint.h"
#include "core/common/Error.h"

#include <iostream>

namespace sb::cli {
namespace {

int64_t valueCount(const StateDict& tensors)
{
    int64_t n = 0;
    for (const auto& [name, t] : tensors) n += t.numel();
    return n;
}

// The output is re-read and compared, so a conversion that is not exact never goes unnoticed.
void verifyRoundTrip(const std::string& path, const Checkpoint& written)
{
    const Checkpoint back = readCheckpoint(path);
    if (back.tensors.size() != written.tensors.size() || back.cfg != written.cfg)
        throw Error("written file does not read back identically", path);
    for (size_t i = 0; i < back.tensors.size(); ++i) {
        const auto& [name, t] = written.tensors[i];
        const auto& [backName, backTensor] = back.tensors[i];
        if (backName != name || backTensor.scalar_type() != t.scalar_type() || !torch::equal(backTensor, t))
            throw Error("tensor does not read back identically", path + " [" + name + "]");
    }
}

int run(Args& args)
{
    const std::string in = args.positional("input checkpoint IN");
    const std::string out = args.positional("output file OUT");
    const auto prefix = args.option("strip-prefix");
    args.finish();

    Checkpoint ck = readCheckpoint(in);
    std::cout << "read  " << in << ": layout " << ck.layout << ", " << ck.tensors.size() << " tensors, "
              << valueCount(ck.tensors) << " values";
    if (!ck.cfg.is_null()) std::cout << ", cfg with " << ck.cfg.size() << " entries";
    if (!ck.labelDict.is_null()) std::cout << ", label_dict with " << ck.labelDict.size() << " entries";
    std::cout << "\n";
    if (!ck.extras.is_null() && !ck.extras.empty()) std::cout << "      Lightning entries: " << ck.extras.dump() << "\n";
    if (!ck.ignoredObjects.empty()) {
        std::cout << "      not converted (objects of other classes, never executed):";
        for (const auto& name : ck.ignoredObjects) std::cout << " " << name;
        std::cout << "\n";
    }
    if (prefix) {
        size_t stripped = 0;
        for (const auto& [name, t] : ck.tensors) stripped += name.rfind(*prefix, 0) == 0;
        if (stripped == 0) throw Error("no tensor name starts with '" + *prefix + "'", in);
        ck.tensors = stripPrefix(ck.tensors, *prefix);
        std::cout << "      stripped '" << *prefix << "' from " << stripped << " of " << ck.tensors.size() << " names\n";
    }
    writeCheckpoint(out, ck);
    verifyRoundTrip(out, ck);
    std::cout << "wrote " << out << ": " << (ck.cfg.is_null() ? "plain state dict" : "BEATs layout {cfg, model}")
              << ", " << ck.tensors.size() << " tensors; re-read and identical\n";
    return 0;
}

const CommandRegistration registration({
    "model convert",
    "convert a checkpoint (BEATs, state dict, Lightning) to a plain PyTorch file",
    "usage: scenebench-cli model convert IN OUT [--strip-prefix PREFIX]\n"
    "\n"
    "Reads any checkpoint SceneBench reads (a torch.save zip archive: an official BEATs file,\n"
    "a plain state dict or a Lightning .ckpt) with the safe reader, and writes OUT in the\n"
    "format of torch.save (PyTorch 1.13), which stock PyTorch loads with no SceneBench code:\n"
    "  BEATs files stay {cfg, model[, label_dict]}; state dicts stay state dicts;\n"
    "  Lightning checkpoints become their plain state dict. Names are kept as stored unless\n"
    "  --strip-prefix is given; epoch, optimizer and hyper-parameters are not carried over.\n"
    "The output is written atomically, then re-read and compared tensor by tensor.\n"
    "Files with code in them (eval, os.system...), corrupt or truncated archives, and\n"
    "tensors outside their storage are refused with exit code 2. See docs/checkpoints.md.\n"
    "\n"
    "options:\n"
    "  --strip-prefix P   remove P from the names that start with it (e.g. 'backbone.' of\n"
    "                     the seed code's Lightning module); other names stay as they are\n"
    "\n"
    "examples:\n"
    "  scenebench-cli model convert BEATs_iter3_plus_AS2M.pt beats_copy.pt\n"
    "  scenebench-cli model convert epoch=41.ckpt student.pt --strip-prefix backbone.\n",
    {},
    run,
});

}  // namespace
}  // namespace sb::cli
