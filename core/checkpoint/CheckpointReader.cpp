// readCheckpoint and stripPrefix: from a torch.save zip archive to a Checkpoint.
#include "core/checkpoint/Checkpoint.h"
#include "core/checkpoint/SafeUnpickler.h"
#include "core/checkpoint/ZipArchiveReader.h"
#include "core/common/Error.h"

#include <set>

namespace sb {

using pickle::Kind;
using pickle::ObjectKind;
using pickle::Value;

namespace {

constexpr uint64_t kMaxPickleBytes = 64ull << 20;  // data.pkl of a 90M-parameter model is ~40 kB
constexpr int kMaxJsonDepth = 64;
constexpr size_t kMaxJsonNodes = 1u << 20;  // shared sub-lists must not expand without bound

// Turns the unpickled document into a Checkpoint, reading tensor bytes from the archive.
class DocumentReader {
public:
    DocumentReader(const pickle::Document& doc, const ZipArchiveReader& zip, std::string prefix, std::string where)
        : doc_(doc), zip_(zip), prefix_(std::move(prefix)), where_(std::move(where))
    {
    }

    Checkpoint read()
    {
        const pickle::Object& top = dictAt(doc_.root, "the top level");
        Checkpoint ck;
        const Value* stateDict = entry(top, "state_dict");
        const Value* model = entry(top, "model");
        const Value* cfg = entry(top, "cfg");
        if (stateDict) {
            ck.layout = "lightning";
            ck.tensors = tensorsOf(dictAt(*stateDict, "'state_dict'"), "state_dict");
            ck.extras = scalarEntries(top);
        } else if (model && cfg) {
            ck.layout = "beats";
            ck.tensors = tensorsOf(dictAt(*model, "'model'"), "model");
            size_t budget = kMaxJsonNodes;
            ck.cfg = toJson(*cfg, "cfg", 0, budget);
            if (const Value* labels = entry(top, "label_dict")) ck.labelDict = toJson(*labels, "label_dict", 0, budget);
        } else {
            ck.layout = "state_dict";
            ck.tensors = tensorsOf(top, "");
        }
        std::set<std::string> foreign;
        for (const auto& o : doc_.objects)
            if (o.kind == ObjectKind::Foreign) foreign.insert(o.className);
        ck.ignoredObjects.assign(foreign.begin(), foreign.end());
        return ck;
    }

private:
    [[noreturn]] void fail(const std::string& message) const { throw Error(message, where_); }

    std::string describe(const Value& v) const
    {
        switch (v.kind) {
        case Kind::None: return "None";
        case Kind::Bool: return "a bool";
        case Kind::Int: return "an int";
        case Kind::Float: return "a float";
        case Kind::String: return "a string";
        case Kind::Bytes: return "bytes";
        case Kind::Global: return "a reference to '" + v.str() + "'";
        case Kind::Storage: return "a bare storage";
        case Kind::Tensor: return "a tensor";
        case Kind::Object: break;
        }
        const auto& o = doc_.objects[v.index()];
        switch (o.kind) {
        case ObjectKind::List: return "a list";
        case ObjectKind::Tuple: return "a tuple";
        case ObjectKind::Dict:
        case ObjectKind::OrderedDict: return "a dict";
        case ObjectKind::Foreign: break;
        }
        return "an object of class '" + o.className + "' (not loaded: it is not data)";
    }

    const pickle::Object& dictAt(const Value& v, const std::string& what) const
    {
        if (v.kind == Kind::Object) {
            const auto& o = doc_.objects[v.index()];
            if (o.kind == ObjectKind::Dict || o.kind == ObjectKind::OrderedDict) return o;
        }
        fail("not a checkpoint: " + what + " is " + describe(v) + ", expected a dict");
    }

    static const Value* entry(const pickle::Object& dict, const std::string& key)
    {
        for (size_t i = 0; i + 1 < dict.items.size(); i += 2)
            if (dict.items[i].kind == Kind::String && dict.items[i].str() == key) return &dict.items[i + 1];
        return nullptr;
    }

    StateDict tensorsOf(const pickle::Object& dict, const std::string& container)
    {
        StateDict out;
        std::set<std::string> seen;
        const std::string in = container.empty() ? "" : " in '" + container + "'";
        for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
            const Value& key = dict.items[i];
            const Value& value = dict.items[i + 1];
            if (key.kind != Kind::String) fail("state dict key" + in + " is " + describe(key) + ", expected a name");
            if (value.kind != Kind::Tensor)
                fail("entry '" + key.str() + "'" + in + " is " + describe(value) + ", expected a tensor");
            if (!seen.insert(key.str()).second) fail("duplicate key '" + key.str() + "'" + in);
            out.emplace_back(key.str(), materialize(doc_.tensors[value.index()]));
        }
        return out;
    }

    torch::Tensor materialize(const pickle::TensorRef& t)
    {
        if (storages_.empty()) storages_.resize(doc_.storages.size());
        torch::Tensor& base = storages_[t.storage];
        if (!base.defined()) {
            const auto& s = doc_.storages[t.storage];
            const std::string name = prefix_ + "data/" + s.key;
            const auto* record = zip_.find(name);
            if (!record) fail("storage record '" + name + "' is missing");
            base = torch::empty({s.numel}, torch::TensorOptions().dtype(s.dtype));
            zip_.read(*record, base.data_ptr());
        }
        // Views keep storages shared (BEATs' relative_attention_bias is one storage under 12 names).
        return base.as_strided(t.sizes, t.strides, t.offset);
    }

    nlohmann::json scalarEntries(const pickle::Object& dict) const
    {
        nlohmann::json out = nlohmann::json::object();
        for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
            const Value& key = dict.items[i];
            const Value& v = dict.items[i + 1];
            if (key.kind != Kind::String) continue;
            if (v.kind == Kind::Int) out[key.str()] = v.integer;
            else if (v.kind == Kind::Float) out[key.str()] = v.real;
            else if (v.kind == Kind::Bool) out[key.str()] = v.integer != 0;
            else if (v.kind == Kind::String) out[key.str()] = v.str();
        }
        return out;
    }

    std::string keyText(const Value& k, const std::string& path) const
    {
        if (k.kind == Kind::String) return k.str();
        if (k.kind == Kind::Int) return std::to_string(k.integer);
        if (k.kind == Kind::Bool) return k.integer ? "True" : "False";
        fail("'" + path + "' has a key that is " + describe(k));
    }

    nlohmann::json toJson(const Value& v, const std::string& path, int depth, size_t& budget) const
    {
        if (depth > kMaxJsonDepth) fail("'" + path + "' is nested more than " + std::to_string(kMaxJsonDepth) + " levels deep");
        if (budget-- == 0) fail("'" + path + "' holds too many values");
        switch (v.kind) {
        case Kind::None: return nullptr;
        case Kind::Bool: return v.integer != 0;
        case Kind::Int: return v.integer;
        case Kind::Float: return v.real;
        case Kind::String: return v.str();
        case Kind::Object: break;
        default: fail("'" + path + "' is " + describe(v) + ", expected plain data");
        }
        const auto& o = doc_.objects[v.index()];
        if (o.kind == ObjectKind::Foreign) fail("'" + path + "' is " + describe(v));
        if (o.kind == ObjectKind::List || o.kind == ObjectKind::Tuple) {
            nlohmann::json out = nlohmann::json::array();
            for (size_t i = 0; i < o.items.size(); ++i)
                out.push_back(toJson(o.items[i], path + "[" + std::to_string(i) + "]", depth + 1, budget));
            return out;
        }
        nlohmann::json out = nlohmann::json::object();
        for (size_t i = 0; i + 1 < o.items.size(); i += 2) {
            const std::string key = keyText(o.items[i], path);
            out[key] = toJson(o.items[i + 1], path + "." + key, depth + 1, budget);
        }
        return out;
    }

    const pickle::Document& doc_;
    const ZipArchiveReader& zip_;
    std::string prefix_;
    std::string where_;
    std::vector<torch::Tensor> storages_;
};

// "<archive>/" of the one "<archive>/data.pkl" record (torch names the folder after the file).
const ZipArchiveReader::Entry& findPickle(const ZipArchiveReader& zip, std::string& prefix)
{
    const ZipArchiveReader::Entry* found = nullptr;
    for (const auto& e : zip.entries()) {
        const auto slash = e.name.find('/');
        if (slash == std::string::npos || e.name.compare(slash, std::string::npos, "/data.pkl") != 0) continue;
        if (found) throw Error("more than one data.pkl record; not a torch.save checkpoint", zip.path());
        found = &e;
        prefix = e.name.substr(0, slash + 1);
    }
    if (!found)
        throw Error("not a torch.save checkpoint: no <name>/data.pkl record (TorchScript archives are not supported)",
                    zip.path());
    return *found;
}

void checkByteOrder(const ZipArchiveReader& zip, const std::string& prefix)
{
    if (const auto* e = zip.find(prefix + "byteorder")) {
        const std::string order = zip.readString(*e, 16);
        if (order != "little") throw Error("byte order '" + order + "' is not supported (little-endian only)", zip.path());
    }
}

}  // namespace

Checkpoint readCheckpoint(const std::string& path)
{
    const ZipArchiveReader zip(path);
    std::string prefix;
    const auto& pkl = findPickle(zip, prefix);
    checkByteOrder(zip, prefix);
    const std::string bytes = zip.readString(pkl, kMaxPickleBytes);
    const std::string where = path + " [" + pkl.name + "]";
    auto recordSize = [&](const std::string& key) {
        const auto* e = zip.find(prefix + "data/" + key);
        if (!e) throw Error("storage record '" + prefix + "data/" + key + "' is missing", where);
        return e->size;
    };
    const pickle::Document doc = SafeUnpickler(bytes, recordSize, where).run();
    return DocumentReader(doc, zip, prefix, where).read();
}

StateDict stripPrefix(const StateDict& tensors, const std::string& prefix)
{
    StateDict out;
    out.reserve(tensors.size());
    for (const auto& [name, tensor] : tensors)
        out.emplace_back(name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name, tensor);
    return out;
}

}  // namespace sb
