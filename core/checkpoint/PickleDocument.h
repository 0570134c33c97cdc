#pragma once
// The result of unpickling a checkpoint's data.pkl: plain data only. Containers live in one
// arena and values refer to them by index, so shared and even cyclic structures cost nothing
// to destroy, and nothing in here can run code. Tensors are descriptions (storage record,
// offset, size, stride), already checked against their storage; their bytes are read later.
#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sb::pickle {

enum class Kind {
    None, Bool, Int, Float, String, Bytes,
    Global,   // a reference to a module-level name; `text` is "module.name"
    Object,   // index into Document::objects
    Storage,  // index into Document::storages
    Tensor,   // index into Document::tensors
};

struct Value {
    Kind kind = Kind::None;
    int64_t integer = 0;  // Bool, Int; also the index for Object/Storage/Tensor
    double real = 0;
    std::shared_ptr<const std::string> text;  // String, Bytes, Global (shared: BINGET copies are cheap)

    static Value makeText(Kind kind, std::string s);
    static Value makeRef(Kind kind, size_t index);
    const std::string& str() const { return *text; }
    size_t index() const { return static_cast<size_t>(integer); }
};

enum class ObjectKind {
    List, Tuple, Dict, OrderedDict,
    Foreign,  // an instance of a class we do not interpret: kept as a name, never built
};

struct Object {
    ObjectKind kind = ObjectKind::List;
    std::vector<Value> items;  // List/Tuple: elements; Dict/OrderedDict: key, value, key, value...
    std::string className;     // Foreign: "module.Class"
};

struct StorageRef {
    std::string key;  // record archive/data/<key>
    c10::ScalarType dtype = c10::ScalarType::Float;
    int64_t numel = 0;
};

struct TensorRef {
    size_t storage = 0;  // index into Document::storages
    int64_t offset = 0;
    std::vector<int64_t> sizes, strides;
};

struct Document {
    std::vector<Object> objects;
    std::vector<StorageRef> storages;
    std::vector<TensorRef> tensors;
    Value root;
};

}  // namespace sb::pickle
