// Corrupt pickles, tensors outside their storages, and hostile globals, each inside an
// otherwise valid torch.save archive (correct CRCs), so the pickle machine meets them.
#include "CheckpointCases.h"

#include "PickleBytes.h"
#include "WavBytes.h"

#include <set>

namespace sb::robust {
namespace {

std::string archiveOf(const std::string& pickle) { return torchArchive(pickle, {{"0", baseStorageBytes()}}); }

// The base pickle with its state-dict entry replaced by `entry` (key and value ops).
std::string withEntry(const std::string& entry)
{
    PickleBytes p;
    p.proto().orderedDict().op('(').raw(entry);
    return p.op('u').stop().bytes();
}

std::string tensorOps(const TensorSpec& t)
{
    PickleBytes p;
    p.tensor(t);
    return p.bytes();
}

void streamDefects(CheckpointCaseList& list, std::mt19937& rng)
{
    const std::string good = stateDictPickle({TensorSpec{}});
    std::set<size_t> cuts;
    while (cuts.size() < 10) cuts.insert(std::uniform_int_distribution<size_t>(1, good.size() - 1)(rng));
    for (const size_t cut : cuts) list.add("pickle-truncated-at-" + std::to_string(cut), archiveOf(good.substr(0, cut)));
    for (const int version : {0, 1, 6, 255}) {
        std::string p = good;
        p[1] = char(version);
        list.add("pickle-protocol-" + std::to_string(version), archiveOf(p));
    }
    // Opcodes a state dict never needs (protocol 0/1 text forms, INST/OBJ, extensions, buffers).
    for (const char op : {'i', 'o', 'P', 'F', 'I', 'L', 'S', 'V', 'g', 'p', '\x82', '\x83', '\x84', '\x96', '\x97', '\x98',
                          'A', '\xff', '\0'})
        list.add("pickle-opcode-" + std::to_string(int(static_cast<unsigned char>(op))),
                 archiveOf(good.substr(0, 2) + op + "x\n" + good.substr(2)), Loader::Checkpoint);
    auto ops = [&list](const std::string& name, const std::string& body) {
        PickleBytes p;
        p.proto().raw(body).stop();
        list.add("pickle-" + name, archiveOf(p.bytes()));
    };
    ops("pop-empty-stack", "0");
    ops("append-nothing", "]a");
    ops("setitem-one-value", "}K\x01s");
    ops("dict-odd-items", "(K\x01" "d");
    ops("setitems-odd", "}(K\x01u");
    ops("get-unset-memo", "h\x07");
    ops("long1-9-bytes", "\x8a\x09" + std::string(9, '\x01'));
    ops("unicode-length-past-end", "X" + le32(1000) + "abc");
    ops("unicode8-length-2^63", "\x8d" + le64(uint64_t(1) << 63) + "abc");
    ops("bytes-length-past-end", "B" + le32(0x7fffffff));
    ops("unicode-invalid-utf8", "X" + le32(3) + "\xff\xfe\xfd");
    ops("global-no-newline", "ctorch");
    ops("global-name-600-bytes", "c" + std::string(600, 'm') + "\nname\n");
    ops("stack-global-of-ints", "K\x01K\x02\x93");
    ops("reduce-on-string", "X" + le32(1) + "a)R");
    ops("reduce-args-not-tuple", "ccollections\nOrderedDict\n]R");
    ops("build-on-list", "]}b");
    ops("append-to-dict", "}K\x01" "a");
    ops("setitem-on-list", "]K\x01K\x02s");
    ops("mark-never-closed", "(K\x01");
    ops("marks-10001-deep", std::string(10001, '('));
    ops("frame-truncated", "\x95\x01");
    ops("stop-with-two-values", "K\x01K\x02");
    ops("newobj-on-int", "K\x01)\x81");
    ops("ordered-dict-with-args", "ccollections\nOrderedDict\n(K\x01tR");
    ops("codecs-encode-not-latin1", "c_codecs\nencode\n(X" + le32(1) + "aX" + le32(4) + "utf8tR");
}

void documentDefects(CheckpointCaseList& list)
{
    auto doc = [&list](const std::string& name, const std::string& pickle, std::vector<std::string> mustName = {}) {
        list.add("document-" + name, archiveOf(pickle), Loader::Checkpoint, std::move(mustName));
    };
    const std::string tensor = tensorOps(TensorSpec{});
    doc("top-level-list", PickleBytes().proto().op(']').op('(').raw(tensor).op('e').stop().bytes(), {"list"});
    doc("top-level-int", PickleBytes().proto().integer(7).stop().bytes());
    doc("key-is-int", withEntry("K\x07" + tensor));
    doc("value-is-int", withEntry(PickleBytes().text("weight").integer(7).bytes()), {"weight"});
    doc("value-is-string", withEntry(PickleBytes().text("weight").text("w").bytes()), {"weight"});
    doc("duplicate-keys", withEntry(PickleBytes().text("w").raw(tensor).text("w").raw(tensor).bytes()), {"duplicate"});
    doc("value-is-foreign-object", withEntry(PickleBytes().text("w").global("mymodule", "Evil").op(')').op('R').bytes()),
        {"mymodule.Evil"});
    doc("value-is-foreign-global", withEntry(PickleBytes().text("w").global("numpy", "ndarray").bytes()), {"numpy.ndarray"});
    doc("value-is-self-containing-list", withEntry(PickleBytes().text("w").op(']').op('q').raw("\x01").op('h').raw("\x01").op('a').bytes()));
    doc("rebuild-parameter-of-int",
        withEntry(PickleBytes().text("w").global("torch._utils", "_rebuild_parameter").op('(').integer(1).op('\x89').orderedDict().op('t').op('R').bytes()));
    doc("rebuild-from-type-of-dict",
        withEntry(PickleBytes().text("w").global("torch._tensor", "_rebuild_from_type_v2").op('(').global("torch._utils", "_rebuild_tensor_v2")
                      .global("collections", "OrderedDict").op(')').op('}').op('t').op('R').bytes()));
    std::string hooks = tensor;  // the empty backward-hook OrderedDict gets an entry
    const std::string noHooks = "ccollections\nOrderedDict\n)R";
    hooks.insert(hooks.rfind(noHooks) + noHooks.size(), "(K\x01K\x02u");
    doc("tensor-with-backward-hooks", withEntry(PickleBytes().text("w").raw(hooks).bytes()), {"hooks"});
    // BEATs layout whose cfg is a list: the model loader must refuse it.
    list.add("document-beats-cfg-is-a-list",
             archiveOf(PickleBytes().proto().op('}').op('(').text("cfg").op('(').integer(1).integer(2).op('l').text("model")
                           .orderedDict().op('(').text("w").raw(tensor).op('u').op('u').stop().bytes()),
             Loader::CheckpointModel, {"cfg"});
    std::string fiveArgs = tensor;
    fiveArgs.erase(fiveArgs.rfind('\x89'), 1);
    doc("tensor-with-five-arguments", withEntry(PickleBytes().text("w").raw(fiveArgs).bytes()));
}

void geometryDefects(CheckpointCaseList& list)
{
    auto tensor = [&list](const std::string& name, TensorSpec t, const std::string& storage = baseStorageBytes()) {
        list.add("storage-" + name, torchArchive(stateDictPickle({t}), {{t.storageKey, storage}}));
    };
    const int64_t big = int64_t(1) << 62;
    TensorSpec t;
    t.numel = 5;
    tensor("declares-more-than-record", t);
    t.numel = 3;
    tensor("declares-less-than-record", t);
    t = TensorSpec{};
    tensor("record-shorter-than-declared", t, baseStorageBytes().substr(0, 12));
    t.numel = -1;
    tensor("negative-numel", t);
    t.numel = big;
    tensor("numel-overflows-bytes", t);
    const std::vector<std::pair<std::string, std::pair<std::vector<int64_t>, std::vector<int64_t>>>> shapes = {
        {"size-past-storage", {{5}, {1}}},           {"2d-past-storage", {{2, 3}, {3, 1}}},
        {"stride-past-storage", {{3}, {2}}},         {"negative-size", {{-1}, {1}}},
        {"negative-stride", {{2}, {-1}}},            {"rank-mismatch", {{2, 2}, {1}}},
        {"size-2^63", {{INT64_MAX}, {1}}},           {"expanded-to-2^40", {{int64_t(1) << 40}, {0}}},
        {"expanded-numel-overflow", {{big, big}, {0, 0}}}, {"65-dimensions", {std::vector<int64_t>(65, 1), std::vector<int64_t>(65, 0)}},
    };
    for (const auto& [name, shape] : shapes) {
        t = TensorSpec{};
        t.sizes = shape.first;
        t.strides = shape.second;
        tensor(name, t);
    }
    for (const int64_t offset : {int64_t(4), int64_t(-1), big}) {
        t = TensorSpec{};
        t.offset = offset;
        t.sizes = {1};
        tensor("offset-" + std::to_string(offset), t);
    }
    for (const std::string& key : std::vector<std::string>{"", "a/b", "../0", std::string(65, 'k')}) {
        t = TensorSpec{};
        t.storageKey = key;
        list.add("storage-key-" + std::to_string(key.size()) + "-" + std::to_string(key.find('/') != std::string::npos),
                 torchArchive(stateDictPickle({t}), {{"0", baseStorageBytes()}}));
    }
    for (const std::string type : {"FooStorage", "QInt8Storage", "UntypedStorage"}) {
        t = TensorSpec{};
        t.storageType = type;
        tensor("type-" + type, t);
    }
    t = TensorSpec{};
    TensorSpec twice = t;
    twice.name = "other";
    twice.numel = 2;
    twice.sizes = {2};
    list.add("storage-declared-twice-differently", torchArchive(stateDictPickle({t, twice}), {{"0", baseStorageBytes()}}));
}

}  // namespace

void pickleDefects(CheckpointCaseList& list, std::mt19937& rng)
{
    streamDefects(list, rng);
    documentDefects(list);
    geometryDefects(list);
}

}  // namespace sb::robust
