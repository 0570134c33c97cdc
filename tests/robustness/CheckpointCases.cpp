#include "CheckpointCases.h"

#include "PickleBytes.h"
#include "WavBytes.h"
#include "ZipBytes.h"

#include <cstring>
#include <functional>
#include <set>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace sb::robust {

void CheckpointCaseList::add(const std::string& name, std::string bytes, Loader loader, std::vector<std::string> mustName)
{
    RobustCase c;
    c.name = "checkpoint/" + name;
    c.family = Family::Checkpoint;
    c.loader = loader;
    c.files.push_back({"model.pt", std::move(bytes)});
    c.input = "model.pt";
    c.mustName = std::move(mustName);
    cases.push_back(std::move(c));
}

void CheckpointCaseList::special(const std::string& name, InputFile file, const std::string& input)
{
    add(name, "");
    cases.back().files = {std::move(file)};
    cases.back().input = input;
}

std::string readBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string torchArchive(const std::string& pickle, const std::vector<std::pair<std::string, std::string>>& storages,
                         const std::string& folder)
{
    std::vector<ZipEntrySpec> entries = {{folder + "/data.pkl", pickle}, {folder + "/byteorder", "little"}};
    for (const auto& [key, bytes] : storages) entries.push_back({folder + "/data/" + key, bytes});
    entries.push_back({folder + "/version", "3\n"});
    return zipBytes(entries);
}

std::string baseStorageBytes()
{
    const float values[] = {1.f, 2.f, 3.f, 4.f};
    std::string bytes(sizeof values, '\0');
    std::memcpy(bytes.data(), values, sizeof values);
    return bytes;
}

namespace {

std::string baseArchive() { return torchArchive(stateDictPickle({TensorSpec{}}), {{"0", baseStorageBytes()}}); }

std::vector<ZipEntrySpec> baseEntries() { return zipRecords(baseArchive()); }

std::string patched(std::string bytes, size_t at, const std::string& with)
{
    bytes.replace(at, with.size(), with);
    return bytes;
}

// Cuts and flipped bytes in real checkpoints. Flips land in records the reader reads
// whole (data.pkl, and the storages of plain state dicts), so the CRC must catch them.
void damagedFiles(CheckpointCaseList& list, std::mt19937& rng, const std::string& data)
{
    const std::vector<std::pair<std::string, bool>> files = {
        {"reference/tfsepnet64_state_dict.pt", true}, {"reference/beats_tiny.pt", true},
        {"checkpoints/lightning_tiny.ckpt", false},   {"checkpoints/parameters.pt", true},
        {"checkpoints/protocol4.pt", true}};
    for (const auto& [file, storagesRead] : files) {
        const std::string bytes = readBytes(data + "/" + file);
        const ZipLayout z = zipLayout(bytes);
        const auto& pkl = z.entry("/data.pkl");
        const std::string tag = file.substr(file.find('/') + 1);
        std::set<size_t> cuts = {0, 1, 4, 29, 30, pkl.data + pkl.size / 2, z.dirOffset, z.dirOffset + 1,
                                 z.dirOffset + 46, z.endOffset, z.endOffset + 1, bytes.size() - 1};
        for (int i = 0; i < 6; ++i) cuts.insert(std::uniform_int_distribution<size_t>(1, bytes.size() - 1)(rng));
        for (const size_t cut : cuts) list.add("truncated-" + tag + "-at-" + std::to_string(cut), bytes.substr(0, cut));
        std::set<size_t> flipped;
        auto flip = [&](size_t at) {
            if (!flipped.insert(at).second) return;
            std::string b = bytes;
            b[at] = char(b[at] ^ char(1 + std::uniform_int_distribution<int>(0, 254)(rng)));
            list.add("flipped-" + tag + "-byte-" + std::to_string(at), b);
        };
        for (int i = 0; i < 5; ++i) flip(pkl.data + std::uniform_int_distribution<size_t>(0, pkl.size - 1)(rng));
        if (!storagesRead) continue;
        for (int i = 0; i < 5; ++i) {
            const auto& e = z.entries[std::uniform_int_distribution<size_t>(0, z.entries.size() - 1)(rng)];
            if (e.name.find("/data/") == std::string::npos || e.size == 0) continue;
            flip(e.data + std::uniform_int_distribution<size_t>(0, e.size - 1)(rng));
        }
    }
}

void zipForgeries(CheckpointCaseList& list)
{
    const std::string base = baseArchive();
    const ZipLayout z = zipLayout(base);
    auto forged = [&](const std::string& name, const ZipForgery& f) { list.add("zip-" + name, zipBytes(baseEntries(), f)); };
    forged("count-0", {uint16_t(0), {}, {}, ""});
    forged("count-65535", {uint16_t(0xffff), {}, {}, ""});
    forged("count-1000", {uint16_t(1000), {}, {}, ""});
    forged("dir-offset-past-end", {{}, 0x7fffffffu, {}, ""});
    forged("dir-offset-zip64-marker", {{}, 0xffffffffu, {}, ""});
    forged("dir-offset-plus-1", {{}, uint32_t(z.dirOffset + 1), {}, ""});
    forged("dir-size-0", {{}, {}, 0u, ""});
    forged("dir-size-huge", {{}, {}, 0x7fffffffu, ""});
    auto entryForged = [&](const std::string& name, size_t index, const std::function<void(ZipEntrySpec&)>& edit) {
        auto entries = baseEntries();
        edit(entries[index]);
        list.add("zip-" + name, zipBytes(entries));
    };
    for (size_t i : {0, 2}) {  // data.pkl and the storage record
        const std::string which = i == 0 ? "pickle" : "storage";
        entryForged(which + "-size-plus-1", i, [](ZipEntrySpec& e) { e.size = uint32_t(e.data.size() + 1); });
        entryForged(which + "-size-minus-1", i, [](ZipEntrySpec& e) { e.size = uint32_t(e.data.size() - 1); });
        entryForged(which + "-size-4GiB", i, [](ZipEntrySpec& e) { e.size = 0xffffffffu; });
        entryForged(which + "-crc-wrong", i, [](ZipEntrySpec& e) { e.crc = 0x12345678u; });
        entryForged(which + "-deflated", i, [](ZipEntrySpec& e) { e.deflate = true; });
        for (uint16_t method : {12, 14, 93, 99})
            entryForged(which + "-method-" + std::to_string(method), i, [method](ZipEntrySpec& e) { e.method = method; });
        entryForged(which + "-encrypted", i, [](ZipEntrySpec& e) { e.flags = 1; });
    }
    // A deflate bomb: 64 MiB of zeros in a few kB, declared as a tensor of 16 Mi floats.
    TensorSpec big;
    big.numel = 16 << 20;
    big.sizes = {16 << 20};
    auto bomb = zipRecords(torchArchive(stateDictPickle({big}), {{"0", ""}}));
    bomb[2].data = std::string(64u << 20, '\0');
    bomb[2].deflate = true;
    list.add("zip-deflate-bomb-64MiB", zipBytes(bomb));
    entryForged("duplicate-record-names", 3, [](ZipEntrySpec& e) { e.name = "archive/data/0"; });
    entryForged("pickle-renamed", 0, [](ZipEntrySpec& e) { e.name = "archive/data.pk1"; });
    entryForged("pickle-at-top-level", 0, [](ZipEntrySpec& e) { e.name = "data.pkl"; });
    entryForged("storage-missing", 2, [](ZipEntrySpec& e) { e.name = "archive/data/7"; });
    entryForged("byteorder-big", 1, [](ZipEntrySpec& e) { e.data = "big"; });
    entryForged("byteorder-long", 1, [](ZipEntrySpec& e) { e.data = "littlelittlelittle"; });
    auto two = baseEntries();
    two.push_back({"other/data.pkl", two[0].data});
    list.add("zip-two-pickles", zipBytes(two));
    list.add("zip-local-signature", patched(base, z.entry("/data/0").header, "PK\x03\x05"));
    list.add("zip-central-signature", patched(base, z.entries[1].central, "PK\x01\x03"));
    list.add("zip-end-signature", patched(base, z.endOffset, "PK\x05\x07"));
    list.add("zip-local-offset-plus-1", patched(base, z.entries[2].central + 42, le32(uint32_t(z.entries[2].header + 1))));
    list.add("zip-name-length-past-directory", patched(base, z.entries.back().central + 28, le16(0xfff0)));
    // Overlapping records: many storages share one record's bytes, a zip bomb without
    // compression (each storage would be read and allocated separately).
    for (const size_t copies : {2, 300}) {
        std::vector<TensorSpec> tensors;
        for (size_t i = 0; i < copies; ++i) {
            TensorSpec t;
            t.name = "w" + std::to_string(i);
            t.storageKey = std::to_string(i);
            t.numel = 1 << 20;
            t.sizes = {1 << 20};
            tensors.push_back(t);
        }
        auto entries = zipRecords(torchArchive(stateDictPickle(tensors), {{"0", std::string(4u << 20, '\x01')}}));
        for (size_t i = 1; i < copies; ++i) {
            ZipEntrySpec alias{"archive/data/" + std::to_string(i), entries[2].data};
            alias.sameDataAs = 2;
            entries.push_back(alias);
        }
        list.add("zip-overlapping-records-x" + std::to_string(copies), zipBytes(entries));
    }
    // Zip64: an end record pointing at a Zip64 record that claims 2^40 entries, or lies past the end.
    for (const bool pastEnd : {false, true}) {
        std::string b = base.substr(0, z.endOffset);
        const uint64_t end64 = b.size();
        b += le32(0x06064b50) + le64(44) + le16(45) + le16(45) + le32(0) + le32(0) + le64(uint64_t(1) << 40) +
             le64(uint64_t(1) << 40) + le64(z.endOffset - z.dirOffset) + le64(z.dirOffset);
        b += le32(0x07064b50) + le32(0) + le64(pastEnd ? (uint64_t(1) << 50) : end64) + le32(1);
        b += le32(0x06054b50) + le16(0) + le16(0) + le16(0xffff) + le16(0xffff) + le32(0xffffffff) + le32(0xffffffff) + le16(0);
        list.add(pastEnd ? "zip64-locator-past-end" : "zip64-2^40-entries", b);
    }
}

void foreignFormats(CheckpointCaseList& list, std::mt19937& rng)
{
    using namespace std::string_literals;
    // PyTorch < 1.6: a pickled magic number, protocol, sys_info, the object, keys, raw storages.
    PickleBytes legacy;
    legacy.proto().op('\x8a').raw("\x0a\x6c\xfc\x9c\x46\xf9\x20\x6a\xa8\x50\x19"s).stop();
    legacy.proto().integer(1001).stop().proto().op('}').stop();
    const std::string legacyBytes = legacy.bytes() + stateDictPickle({TensorSpec{}}) + baseStorageBytes();
    list.add("legacy-pickle-format", legacyBytes, Loader::Checkpoint, {"legacy"});
    std::string tar(1024, '\0');
    tar.replace(0, 8, "sys_info");
    tar.replace(257, 6, "ustar\0"s);
    list.add("legacy-tar-format", tar, Loader::Checkpoint, {"legacy"});
    const std::vector<std::pair<std::string, std::string>> heads = {
        {"npy", "\x93NUMPY\x01\0v\0{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }"s},
        {"safetensors", le64(60) + "{\"weight\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}"},
        {"hdf5", "\x89HDF\r\n\x1a\n"s},
        {"gzip", "\x1f\x8b\x08\x00\x00\x00\x00\x00"s},
        {"onnx", "\x08\x07\x12\x07pytorch\x1a\x03\x32.0"s},
        {"text", "this is not a checkpoint\n"},
    };
    for (const auto& [name, head] : heads) {
        std::string b = head;
        b.resize(std::max<size_t>(b.size(), 256), '\n');
        list.add("foreign-" + name, b);
    }
    list.add("empty-file", "");
    list.add("twenty-one-bytes", std::string(21, 'x'));
    for (int i = 0; i < 4; ++i) {
        std::string b(8192, '\0');
        for (auto& c : b) c = char(std::uniform_int_distribution<int>(0, 255)(rng));
        list.add("random-bytes-" + std::to_string(i), b);
    }
    // A TorchScript archive: its data.pkl is a scripted module, not a state dict.
    PickleBytes script;
    script.proto().global("__torch__", "Model").op(')').op('\x81').op('}').op('b').stop();
    list.add("torchscript-archive", zipBytes({{"model/data.pkl", script.bytes()}, {"model/code/__torch__.py", "class Model: pass\n"},
                                             {"model/constants.pkl", "\x80\x02).\n"}}));
    list.add("zip-of-documents", zipBytes({{"word/document.xml", "<w:document/>"}, {"[Content_Types].xml", "<Types/>"}}));
    list.special("directory", {"model.pt", "", InputFile::Type::Directory}, "model.pt");
    list.special("fifo", {"model.pt", "", InputFile::Type::Fifo}, "model.pt");
    list.special("dangling-symlink", {"model.pt", "gone.pt", InputFile::Type::Symlink}, "model.pt");
    list.special("missing-file", {"other.pt", baseArchive()}, "model.pt");
    list.special("dev-zero", {"unused", ""}, "/dev/zero");
    list.special("dev-null", {"unused", ""}, "/dev/null");
}

}  // namespace

std::vector<RobustCase> checkpointCases(std::mt19937& rng, const std::string& dataFolder, const std::string& scratch)
{
    CheckpointCaseList list;
    list.add("control-forgery-base", baseArchive());
    list.add("control-tfsepnet64", readBytes(dataFolder + "/reference/tfsepnet64_state_dict.pt"), Loader::CheckpointModel);
    list.add("control-beats-tiny", readBytes(dataFolder + "/reference/beats_tiny.pt"), Loader::CheckpointModel);
    list.add("control-lightning", readBytes(dataFolder + "/checkpoints/lightning_tiny.ckpt"));
    for (auto& c : list.cases) c.valid = true;
    damagedFiles(list, rng, dataFolder);
    zipForgeries(list);
    pickleDefects(list, rng);
    hostileGlobals(list, rng, dataFolder);
    modelDefects(list, rng, dataFolder, scratch);
    foreignFormats(list, rng);
    return list.cases;
}

}  // namespace sb::robust
