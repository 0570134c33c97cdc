// Hostile globals: payloads that would run `touch scenebench_marker` (or another call)
// if Python unpickled them, placed where a checkpoint holds data, where a Lightning
// checkpoint's ignored parts are, or where a storage type goes. The reader must refuse
// each by naming the global, and no marker may appear (CaseRunner watches the folders).
#include "CheckpointCases.h"

#include "PickleBytes.h"

#include <algorithm>
#include <filesystem>

namespace sb::robust {
namespace {

const char* const kMarkerCommand = "touch scenebench_marker";

// module, name: every one is on the reader's refusal list (SafeUnpickler.cpp).
const std::vector<std::pair<std::string, std::string>> kForbidden = {
    {"os", "system"}, {"posix", "system"}, {"nt", "system"}, {"os.path", "join"}, {"subprocess", "Popen"},
    {"subprocess", "check_output"}, {"builtins", "eval"}, {"builtins", "exec"}, {"builtins", "open"},
    {"builtins", "getattr"}, {"builtins", "__import__"}, {"builtins", "compile"}, {"builtins", "setattr"},
    {"__builtin__", "eval"}, {"__builtin__", "open"}, {"sys", "exit"}, {"shutil", "rmtree"}, {"socket", "socket"},
    {"importlib", "import_module"}, {"runpy", "run_path"}, {"pickle", "loads"}, {"_pickle", "loads"},
    {"marshal", "loads"}, {"ctypes", "CDLL"}, {"code", "interact"}, {"pty", "spawn"}, {"webbrowser", "open"},
    {"multiprocessing", "Process"}, {"signal", "raise_signal"}, {"io", "open"}, {"_io", "FileIO"},
    {"tempfile", "mktemp"}, {"threading", "Thread"}, {"asyncio", "run"}, {"operator", "attrgetter"},
    {"types", "FunctionType"}, {"inspect", "getsource"}, {"gc", "get_objects"}, {"pdb", "set_trace"},
    {"timeit", "timeit"}, {"torch._C", "_load_for_lite_interpreter"}, {"torch.jit", "load"}, {"torch.hub", "load"},
    {"torch.ops", "aten"}, {"torch.package", "PackageImporter"}, {"torch.serialization", "load"},
    {"torch.utils.cpp_extension", "load_inline"}, {"torch.distributed.rpc", "rpc_sync"}, {"numpy.testing", "run_module_suite"},
    {"_codecs", "decode"}, {"codecs", "open"}, {"functools", "partial"},
};

std::string canonical(const std::string& module)
{
    return module == "__builtin__" ? "builtins" : module;
}

// Where the payload goes. Each returns a whole pickle.
using Placement = std::string (*)(const std::string& module, const std::string& name);

std::string call(PickleBytes& p, const std::string& module, const std::string& name)
{
    p.global(module, name).op('(').text(kMarkerCommand).op('t').op('R');
    return p.bytes();
}

std::string topLevelCall(const std::string& m, const std::string& n)
{
    PickleBytes p;
    p.proto();
    call(p, m, n);
    return p.stop().bytes();
}

std::string valueInStateDict(const std::string& m, const std::string& n)
{
    PickleBytes p;
    p.proto().orderedDict().op('(').text("weight");
    call(p, m, n);
    return p.op('u').stop().bytes();
}

std::string afterGenuineTensor(const std::string& m, const std::string& n)
{
    PickleBytes p;
    p.proto().orderedDict().op('(').text("weight").tensor(TensorSpec{}).text("bias");
    call(p, m, n);
    return p.op('u').stop().bytes();
}

std::string stackGlobalCall(const std::string& m, const std::string& n)
{
    PickleBytes p;
    p.proto(4).stackGlobal(m, n).op('(').text(kMarkerCommand).op('t').op('R');
    return p.stop().bytes();
}

std::string newObj(const std::string& m, const std::string& n)
{
    PickleBytes p;
    p.proto().global(m, n).op('(').text(kMarkerCommand).op('t').op('\x81');
    return p.stop().bytes();
}

// A Lightning checkpoint: a genuine state_dict, the payload in hyper_parameters, which
// the reader otherwise ignores (it holds foreign objects in real files).
std::string lightningHyperParameters(const std::string& m, const std::string& n)
{
    PickleBytes p;
    p.proto().op('}').op('(').text("state_dict").orderedDict().op('(').text("weight").tensor(TensorSpec{}).op('u');
    p.text("hyper_parameters");
    call(p, m, n);
    return p.op('u').stop().bytes();
}

// The payload as the storage type of a persistent id.
std::string storageType(const std::string& m, const std::string& n)
{
    PickleBytes p;
    p.proto().orderedDict().op('(').text("weight").global("torch._utils", "_rebuild_tensor_v2").op('(');
    p.op('(').text("storage").global(m, n).text("0").text("cpu").integer(4).op('t').op('Q');
    p.integer(0).op('(').integer(4).op('t').op('(').integer(1).op('t').op('\x89').orderedDict().op('t').op('R');
    return p.op('u').stop().bytes();
}

// Deep inside a BEATs cfg.
std::string inBeatsCfg(const std::string& m, const std::string& n)
{
    PickleBytes p;
    p.proto().op('}').op('(').text("cfg").op('}').op('(').text("encoder_layers").op('(');
    call(p, m, n);
    p.op('l').op('u').text("model").orderedDict().op('(').text("weight").tensor(TensorSpec{}).op('u').op('u');
    return p.stop().bytes();
}

}  // namespace

void hostileGlobals(CheckpointCaseList& list, std::mt19937& rng, const std::string& dataFolder)
{
    const std::vector<std::pair<std::string, Placement>> placements = {
        {"top-level-call", topLevelCall},         {"value-in-state-dict", valueInStateDict},
        {"after-genuine-tensor", afterGenuineTensor}, {"stack-global", stackGlobalCall},
        {"newobj", newObj},                       {"lightning-hyper-parameters", lightningHyperParameters},
        {"storage-type", storageType},            {"beats-cfg", inBeatsCfg}};
    for (const auto& [module, name] : kForbidden) {
        // Three placements per global, chosen by the seed; every placement is used.
        std::vector<size_t> order(placements.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::shuffle(order.begin(), order.end(), rng);
        for (size_t k = 0; k < 3; ++k) {
            const auto& [where, make] = placements[order[k]];
            list.add("hostile-" + module + "." + name + "-" + where,
                     torchArchive(make(module, name), {{"0", baseStorageBytes()}}), Loader::Checkpoint,
                     {"refused global '" + canonical(module) + "." + name + "'"});
        }
    }
    // The forged files of tests/data/checkpoints/hostile (make_fixtures.py), each refused.
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(dataFolder + "/checkpoints/hostile"))
        if (entry.path().filename() != "valid_control.pt") files.push_back(entry.path().filename().string());
    std::sort(files.begin(), files.end());  // directory order is not deterministic
    for (const auto& file : files) list.add("fixture-" + file, readBytes(dataFolder + "/checkpoints/hostile/" + file));
}

}  // namespace sb::robust
