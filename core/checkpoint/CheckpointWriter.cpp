// writeCheckpoint: the torch.save format of PyTorch 1.13 (zip archive/data.pkl + archive/data/<key>
// + archive/version), pickled by PickleWriter, zipped by LibTorch's own PyTorchStreamWriter.
#include "core/checkpoint/Checkpoint.h"
#include "core/checkpoint/PickleWriter.h"
#include "core/checkpoint/StorageTypes.h"
#include "core/common/AtomicFile.h"
#include "core/common/Error.h"

#include <caffe2/serialize/inline_container.h>

#include <map>
#include <set>

namespace sb {

namespace {

struct StorageRecord {
    std::string key;
    torch::Tensor owner;  // keeps the storage alive and on the CPU
    c10::ScalarType dtype;
    int64_t numel;
};

// One record per distinct storage; tensors sharing a storage share the record, as in torch.save.
class StorageTable {
public:
    const StorageRecord& add(const torch::Tensor& t, const std::string& name)
    {
        const void* impl = t.storage().unsafeGetStorageImpl();
        const auto found = byImpl_.find(impl);
        if (found != byImpl_.end()) {
            const auto& r = records_[found->second];
            if (r.dtype != t.scalar_type()) throw Error("shares its storage with a tensor of another dtype", name);
            return r;
        }
        const auto itemSize = static_cast<size_t>(t.element_size());
        const size_t bytes = t.storage().nbytes();
        if (bytes % itemSize) throw Error("storage size is not a whole number of elements", name);
        records_.push_back({std::to_string(records_.size()), t, t.scalar_type(), static_cast<int64_t>(bytes / itemSize)});
        byImpl_[impl] = records_.size() - 1;
        return records_.back();
    }
    const std::vector<StorageRecord>& records() const { return records_; }

private:
    std::map<const void*, size_t> byImpl_;
    std::vector<StorageRecord> records_;
};

torch::Tensor writableTensor(const torch::Tensor& tensor, const std::string& name)
{
    if (!tensor.defined()) throw Error("undefined tensor", name);
    if (tensor.layout() != torch::kStrided) throw Error("only dense (strided) tensors can be written", name);
    storageOfDtype(tensor.scalar_type());  // throws for an unsupported dtype
    return tensor.detach().cpu().resolve_conj().resolve_neg();
}

void pickleTensor(PickleWriter& p, const torch::Tensor& t, const StorageRecord& s)
{
    p.global("torch._utils", "_rebuild_tensor_v2");
    p.mark();
    p.mark();  // the persistent id: ('storage', torch.<Type>Storage, key, 'cpu', numel)
    p.unicode("storage");
    p.global("torch", storageOfDtype(s.dtype));
    p.unicode(s.key);
    p.unicode("cpu");
    p.integer(s.numel);
    p.tuple();
    p.binPersId();
    p.integer(t.storage_offset());
    p.mark();
    for (const auto size : t.sizes()) p.integer(size);
    p.tuple();
    p.mark();
    for (const auto stride : t.strides()) p.integer(stride);
    p.tuple();
    p.boolean(false);  // requires_grad
    p.global("collections", "OrderedDict");  // backward hooks: none
    p.emptyTuple();
    p.reduce();
    p.tuple();
    p.reduce();
}

void pickleStateDict(PickleWriter& p, const StateDict& tensors, StorageTable& storages)
{
    p.global("collections", "OrderedDict");
    p.emptyTuple();
    p.reduce();
    std::set<std::string> seen;
    for (size_t i = 0; i < tensors.size(); ++i) {
        if (i % 1000 == 0) {
            if (i > 0) p.setItems();
            p.mark();
        }
        const auto& [name, tensor] = tensors[i];
        if (name.empty()) throw Error("a tensor has an empty name");
        if (!seen.insert(name).second) throw Error("duplicate tensor name", name);
        const torch::Tensor t = writableTensor(tensor, name);
        p.unicode(name);
        pickleTensor(p, t, storages.add(t, name));
    }
    if (!tensors.empty()) p.setItems();
}

void writeArchive(const std::string& path, const std::string& pickle, const StorageTable& storages)
{
    AtomicFileWriter out(path);
    bool writeFailed = false;
    std::string writeError;
    try {
        // miniz calls this from C code, so it must not throw; nor may it return a short
        // count: LibTorch then throws from inside miniz on its next call (or from the
        // writer's destructor), which terminates the process (seen with a full disk).
        // After a failed write the rest is discarded and the error thrown once zip is done.
        caffe2::serialize::PyTorchStreamWriter zip([&](const void* data, size_t size) -> size_t {
            if (writeFailed) return size;
            try {
                out.write(static_cast<const char*>(data), size);
            } catch (const Error& e) {
                writeFailed = true;
                writeError = e.message();
            }
            return size;
        });
        zip.writeRecord("data.pkl", pickle.data(), pickle.size());
        zip.writeRecord("byteorder", "little", 6);
        // Python's torch.save writes the storages in sorted key order.
        std::vector<const StorageRecord*> sorted;
        for (const auto& r : storages.records()) sorted.push_back(&r);
        std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->key < b->key; });
        static const char kEmpty = 0;
        for (const auto* r : sorted) {
            const size_t bytes = r->owner.storage().nbytes();
            const void* data = bytes ? r->owner.storage().data() : &kEmpty;
            zip.writeRecord("data/" + r->key, data, bytes);
        }
        zip.writeEndOfFile();
    } catch (const c10::Error& e) {
        throw Error(writeFailed ? writeError : std::string("cannot write archive: ") + e.what_without_backtrace(), path);
    }
    if (writeFailed) throw Error(writeError, path);
    out.commit();
}

}  // namespace

void writeCheckpoint(const std::string& path, const Checkpoint& checkpoint)
{
    PickleWriter p;
    StorageTable storages;
    if (checkpoint.cfg.is_null()) {
        pickleStateDict(p, checkpoint.tensors, storages);
    } else {
        if (!checkpoint.cfg.is_object()) throw Error("cfg must be a JSON object", path);
        p.emptyDict();
        p.mark();
        p.unicode("cfg");
        p.json(checkpoint.cfg);
        p.unicode("model");
        pickleStateDict(p, checkpoint.tensors, storages);
        if (!checkpoint.labelDict.is_null()) {
            p.unicode("label_dict");
            p.json(checkpoint.labelDict, /*intKeys=*/true);
        }
        p.setItems();
    }
    p.stop();
    writeArchive(path, p.bytes(), storages);
}

void writeCheckpoint(const std::string& path, const StateDict& tensors, const nlohmann::json& cfg)
{
    Checkpoint ck;
    ck.tensors = tensors;
    ck.cfg = cfg;
    writeCheckpoint(path, ck);
}

}  // namespace sb
