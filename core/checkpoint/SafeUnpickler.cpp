#include "core/checkpoint/SafeUnpickler.h"

#include "core/checkpoint/StorageTypes.h"
#include "core/checkpoint/Utf8.h"
#include "core/common/Error.h"

#include <cstring>

namespace sb {

using pickle::Kind;
using pickle::ObjectKind;
using pickle::Value;

namespace {

// Bounds that no genuine checkpoint comes near; they keep a forged pickle from exhausting memory.
constexpr uint64_t kMaxPushes = 1u << 24;  // values created in total
constexpr size_t kMaxMarks = 10000;        // MARK nesting
constexpr size_t kMaxObjects = 1u << 22;
constexpr size_t kMaxDims = 64;
constexpr size_t kMaxLine = 512;  // GLOBAL module / name
// Elements of all tensors together. A view with stride 0 may be larger than its storage
// (torch.save keeps expanded tensors), so storages alone do not bound what a reader of
// the tensors iterates over; BEATs has 9e7 parameters, 2^32 is 16 GiB of float32.
constexpr int64_t kMaxTotalElements = int64_t(1) << 32;

// What a global is to us. Only the first group is ever interpreted.
enum class Role {
    RebuildTensorV2, RebuildParameter, RebuildParameterWithState, RebuildFromTypeV2,
    TensorType, StorageType, OrderedDict, Set, CodecsEncode,
    Foreign,    // inert: carried by name, never called
    Forbidden,  // can run code or reach the system: the file is refused
};

// Modules whose every name can execute code, read or write files, or reach the network.
const char* const kForbiddenModules[] = {
    "os", "posix", "nt", "subprocess", "sys", "shutil", "socket", "importlib", "runpy", "pickle", "_pickle",
    "marshal", "ctypes", "code", "codeop", "pty", "webbrowser", "multiprocessing", "signal", "io", "_io",
    "tempfile", "threading", "_thread", "asyncio", "operator", "types", "inspect", "gc", "pdb", "timeit",
    "torch._C", "torch.jit", "torch.hub", "torch.ops", "torch.package", "torch.serialization",
    "torch.utils.cpp_extension", "torch.distributed", "numpy.testing", "_codecs", "codecs", "functools"};
// builtins that are plain data types (inert references); every other builtin is refused.
const char* const kInertBuiltins[] = {"int", "float", "str", "bool", "dict", "list", "tuple", "bytes",
                                      "bytearray", "complex", "slice", "range", "object", "NoneType"};

bool inModule(const std::string& module, const std::string& root)
{
    return module == root || module.rfind(root + ".", 0) == 0;
}

Role roleOf(const std::string& module, const std::string& name)
{
    const std::string full = module + "." + name;
    if (full == "torch._utils._rebuild_tensor_v2") return Role::RebuildTensorV2;
    if (full == "torch._utils._rebuild_parameter") return Role::RebuildParameter;
    if (full == "torch._utils._rebuild_parameter_with_state") return Role::RebuildParameterWithState;
    if (full == "torch._tensor._rebuild_from_type_v2") return Role::RebuildFromTypeV2;
    if (full == "torch.Tensor" || full == "torch._tensor.Tensor" || full == "torch.nn.parameter.Parameter")
        return Role::TensorType;
    if (module == "torch" && dtypeOfStorage(name)) return Role::StorageType;
    if (full == "collections.OrderedDict") return Role::OrderedDict;
    if (full == "builtins.set" || full == "builtins.frozenset") return Role::Set;
    if (full == "_codecs.encode") return Role::CodecsEncode;
    if (module == "builtins") {
        for (const char* inert : kInertBuiltins)
            if (name == inert) return Role::Foreign;
        return Role::Forbidden;
    }
    for (const char* forbidden : kForbiddenModules)
        if (inModule(module, forbidden)) return Role::Forbidden;
    return Role::Foreign;
}

Role roleOf(const std::string& full)
{
    const auto dot = full.rfind('.');
    return roleOf(full.substr(0, dot), full.substr(dot + 1));
}

// Python 2 names that protocol-2 pickles use for Python 3 modules.
std::string canonicalModule(const std::string& module)
{
    if (module == "__builtin__") return "builtins";
    if (module == "copy_reg") return "copyreg";
    return module;
}

// a * b + c on non-negative int64 values, false on overflow.
bool mulAdd(int64_t a, int64_t b, int64_t c, int64_t& out)
{
    int64_t product = 0;
    return !__builtin_mul_overflow(a, b, &product) && !__builtin_add_overflow(product, c, &out);
}

}  // namespace

Value Value::makeText(Kind kind, std::string s)
{
    Value v;
    v.kind = kind;
    v.text = std::make_shared<const std::string>(std::move(s));
    return v;
}

Value Value::makeRef(Kind kind, size_t index)
{
    Value v;
    v.kind = kind;
    v.integer = static_cast<int64_t>(index);
    return v;
}

SafeUnpickler::SafeUnpickler(const std::string& bytes, std::function<uint64_t(const std::string&)> recordSize,
                             std::string where)
    : bytes_(bytes), recordSize_(std::move(recordSize)), where_(std::move(where))
{
}

void SafeUnpickler::fail(const std::string& message) const
{
    throw Error(message + " (pickle byte " + std::to_string(opStart_) + ")", where_);
}

const unsigned char* SafeUnpickler::take(uint64_t n)
{
    if (n > bytes_.size() - pos_) fail("truncated pickle: needs " + std::to_string(n) + " more bytes");
    const auto* p = reinterpret_cast<const unsigned char*>(bytes_.data() + pos_);
    pos_ += n;
    return p;
}

uint64_t SafeUnpickler::readUInt(int bytes)
{
    const unsigned char* p = take(static_cast<uint64_t>(bytes));
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

std::string SafeUnpickler::readLine()
{
    const size_t end = bytes_.find('\n', pos_);
    if (end == std::string::npos) fail("truncated pickle: unterminated GLOBAL name");
    if (end - pos_ > kMaxLine) fail("malformed GLOBAL name (longer than " + std::to_string(kMaxLine) + " bytes)");
    std::string line = bytes_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return line;
}

void SafeUnpickler::push(Value v)
{
    if (++pushes_ > kMaxPushes) fail("pickle too large: more than " + std::to_string(kMaxPushes) + " values");
    stack_.push_back(std::move(v));
}

Value SafeUnpickler::pop()
{
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) fail("malformed pickle: stack underflow");
    Value v = std::move(stack_.back());
    stack_.pop_back();
    return v;
}

Value& SafeUnpickler::top()
{
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) fail("malformed pickle: empty stack");
    return stack_.back();
}

std::vector<Value> SafeUnpickler::popToMark()
{
    if (marks_.empty()) fail("malformed pickle: no MARK");
    const size_t mark = marks_.back();
    marks_.pop_back();
    std::vector<Value> items(std::make_move_iterator(stack_.begin() + static_cast<long>(mark)),
                             std::make_move_iterator(stack_.end()));
    stack_.resize(mark);
    return items;
}

size_t SafeUnpickler::newObject(ObjectKind kind, std::vector<Value> items, std::string className)
{
    if (doc_.objects.size() >= kMaxObjects) fail("pickle too large: too many objects");
    doc_.objects.push_back({kind, std::move(items), std::move(className)});
    return doc_.objects.size() - 1;
}

pickle::Object& SafeUnpickler::objectOf(const Value& v, const char* opcode)
{
    if (v.kind != Kind::Object) fail(std::string(opcode) + " on a value that is not a container");
    return doc_.objects[v.index()];
}

const std::vector<Value>& SafeUnpickler::tupleItems(const Value& v, const char* what)
{
    if (v.kind != Kind::Object || doc_.objects[v.index()].kind != ObjectKind::Tuple)
        fail(std::string(what) + " must be a tuple");
    return doc_.objects[v.index()].items;
}

pickle::Document SafeUnpickler::run()
{
    while (true) {
        opStart_ = pos_;
        if (pos_ >= bytes_.size()) fail("truncated pickle: no STOP");
        if (!step(static_cast<unsigned char>(bytes_[pos_++]))) break;
    }
    if (stack_.size() != 1 || !marks_.empty()) fail("malformed pickle: STOP with " + std::to_string(stack_.size()) + " values on the stack");
    doc_.root = std::move(stack_.back());
    return std::move(doc_);
}

bool SafeUnpickler::step(unsigned char op)
{
    switch (op) {
    case 0x80: {  // PROTO
        const uint64_t protocol = readUInt(1);
        if (protocol < 2 || protocol > 5) fail("unsupported pickle protocol " + std::to_string(protocol));
        break;
    }
    case 0x95: take(8); break;  // FRAME: a length hint only
    case '.': return false;     // STOP
    case '(':                   // MARK
        if (marks_.size() >= kMaxMarks) fail("pickle nested too deeply (more than " + std::to_string(kMaxMarks) + " levels)");
        marks_.push_back(stack_.size());
        break;
    case '0': pop(); break;         // POP
    case '1': popToMark(); break;   // POP_MARK
    case '2': push(top()); break;   // DUP
    case 'N': push(Value{}); break;  // NONE
    case 0x88:
    case 0x89: {  // NEWTRUE / NEWFALSE
        Value v;
        v.kind = Kind::Bool;
        v.integer = op == 0x88;
        push(v);
        break;
    }
    case 'J':
    case 'K':
    case 'M':
    case 0x8a: {  // BININT, BININT1, BININT2, LONG1
        Value v;
        v.kind = Kind::Int;
        if (op == 'J') v.integer = static_cast<int32_t>(readUInt(4));
        else if (op == 'K') v.integer = static_cast<int64_t>(readUInt(1));
        else if (op == 'M') v.integer = static_cast<int64_t>(readUInt(2));
        else {
            const int n = static_cast<int>(readUInt(1));
            if (n > 8) fail("integer wider than 64 bits");
            uint64_t u = n ? readUInt(n) : 0;
            if (n > 0 && n < 8 && (u >> (8 * n - 1)) & 1) u |= ~uint64_t(0) << (8 * n);  // sign-extend
            v.integer = static_cast<int64_t>(u);
        }
        push(v);
        break;
    }
    case 'G': {  // BINFLOAT, big-endian
        const unsigned char* p = take(8);
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | p[i];
        Value v;
        v.kind = Kind::Float;
        std::memcpy(&v.real, &bits, 8);
        push(v);
        break;
    }
    case 'X':
    case 0x8c:
    case 0x8d:
    case 'T':
    case 'U': {  // BINUNICODE, SHORT_BINUNICODE, BINUNICODE8, BINSTRING, SHORT_BINSTRING
        const int width = op == 'X' || op == 'T' ? 4 : op == 0x8d ? 8 : 1;
        const uint64_t n = readUInt(width);
        std::string s(reinterpret_cast<const char*>(take(n)), n);
        if (!isValidUtf8(s)) fail("string is not valid UTF-8");
        push(Value::makeText(Kind::String, std::move(s)));
        break;
    }
    case 'B':
    case 'C':
    case 0x8e: {  // BINBYTES, SHORT_BINBYTES, BINBYTES8
        const uint64_t n = readUInt(op == 'B' ? 4 : op == 'C' ? 1 : 8);
        push(Value::makeText(Kind::Bytes, std::string(reinterpret_cast<const char*>(take(n)), n)));
        break;
    }
    case ')': push(Value::makeRef(Kind::Object, newObject(ObjectKind::Tuple))); break;  // EMPTY_TUPLE
    case 't': push(Value::makeRef(Kind::Object, newObject(ObjectKind::Tuple, popToMark()))); break;
    case 0x85:
    case 0x86:
    case 0x87: {  // TUPLE1..3
        std::vector<Value> items(static_cast<size_t>(op - 0x84));
        for (size_t i = items.size(); i-- > 0;) items[i] = pop();
        push(Value::makeRef(Kind::Object, newObject(ObjectKind::Tuple, std::move(items))));
        break;
    }
    case ']': push(Value::makeRef(Kind::Object, newObject(ObjectKind::List))); break;  // EMPTY_LIST
    case 'l': push(Value::makeRef(Kind::Object, newObject(ObjectKind::List, popToMark()))); break;  // LIST
    case '}': push(Value::makeRef(Kind::Object, newObject(ObjectKind::Dict))); break;  // EMPTY_DICT
    case 'd': {  // DICT
        auto items = popToMark();
        if (items.size() % 2) fail("DICT with an odd number of items");
        push(Value::makeRef(Kind::Object, newObject(ObjectKind::Dict, std::move(items))));
        break;
    }
    case 0x8f: push(Value::makeRef(Kind::Object, newObject(ObjectKind::List))); break;  // EMPTY_SET
    case 0x91: push(Value::makeRef(Kind::Object, newObject(ObjectKind::List, popToMark()))); break;  // FROZENSET
    case 'a': {  // APPEND
        Value v = pop();
        appendTo(top(), {std::move(v)});
        break;
    }
    case 'e':
    case 0x90: {  // APPENDS, ADDITEMS
        auto items = popToMark();
        appendTo(top(), std::move(items));
        break;
    }
    case 's': {  // SETITEM
        Value value = pop();
        Value key = pop();
        setItems(top(), {std::move(key), std::move(value)});
        break;
    }
    case 'u': {  // SETITEMS
        auto items = popToMark();
        if (items.size() % 2) fail("SETITEMS with an odd number of items");
        setItems(top(), std::move(items));
        break;
    }
    case 'q':
    case 'r':
    case 0x94: {  // BINPUT, LONG_BINPUT, MEMOIZE
        const uint64_t index = op == 'q' ? readUInt(1) : op == 'r' ? readUInt(4) : memo_.size();
        memo_[index] = top();
        break;
    }
    case 'h':
    case 'j': {  // BINGET, LONG_BINGET
        const uint64_t index = readUInt(op == 'h' ? 1 : 4);
        const auto it = memo_.find(index);
        if (it == memo_.end()) fail("memo entry " + std::to_string(index) + " used before it was stored");
        push(it->second);
        break;
    }
    case 'c': {  // GLOBAL
        const std::string module = readLine();
        pushGlobal(module, readLine());
        break;
    }
    case 0x93: {  // STACK_GLOBAL
        const Value name = pop();
        const Value module = pop();
        if (module.kind != Kind::String || name.kind != Kind::String) fail("STACK_GLOBAL needs two strings");
        pushGlobal(module.str(), name.str());
        break;
    }
    case 'R': {  // REDUCE
        Value args = pop();
        Value callable = pop();
        reduce(callable, args);
        break;
    }
    case 0x81: {  // NEWOBJ: cls.__new__(cls, *args)
        Value args = pop();
        Value cls = pop();
        reduce(cls, args);
        break;
    }
    case 0x92: {  // NEWOBJ_EX
        pop();  // kwargs: only meaningful for the classes we never build
        Value args = pop();
        Value cls = pop();
        reduce(cls, args);
        break;
    }
    case 'b': {  // BUILD
        pop();  // the state; see build() for who may receive it
        build(top());
        break;
    }
    case 'Q': {  // BINPERSID
        Value pid = pop();
        push(persistentLoad(pid));
        break;
    }
    default: {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02x", op);
        fail(std::string("refused pickle opcode ") + hex +
             " (not part of a state dict; only protocol 2-5 data opcodes are accepted)");
    }
    }
    return true;
}

void SafeUnpickler::pushGlobal(const std::string& rawModule, const std::string& name)
{
    const std::string module = canonicalModule(rawModule);
    if (roleOf(module, name) == Role::Forbidden)
        fail("refused global '" + module + "." + name +
             "': it could run code or reach the system, and a checkpoint never needs it");
    push(Value::makeText(Kind::Global, module + "." + name));
}

void SafeUnpickler::reduce(const Value& callable, const Value& args)
{
    if (callable.kind == Kind::Object && doc_.objects[callable.index()].kind == ObjectKind::Foreign) {
        push(Value::makeRef(Kind::Object, newObject(ObjectKind::Foreign, {}, doc_.objects[callable.index()].className)));
        return;
    }
    if (callable.kind != Kind::Global) fail("REDUCE on a value that is not a known global");
    const std::vector<Value> a = tupleItems(args, "call arguments");  // a copy: the arena may grow below
    switch (roleOf(callable.str())) {
    case Role::RebuildTensorV2: push(rebuildTensor(a, callable.str())); return;
    case Role::RebuildParameter:
    case Role::RebuildParameterWithState:
        // (data, requires_grad, backward_hooks[, state]): the data tensor is all we keep.
        if (a.size() < 3 || a[0].kind != Kind::Tensor) fail(callable.str() + " expects a tensor");
        push(a[0]);
        return;
    case Role::RebuildFromTypeV2: {
        // (func, type, args, state): a plain tensor or Parameter rebuilt by func.
        if (a.size() != 4 || a[0].kind != Kind::Global || a[1].kind != Kind::Global ||
            roleOf(a[1].str()) != Role::TensorType)
            fail("_rebuild_from_type_v2 of something other than a tensor");
        const Role inner = roleOf(a[0].str());
        if (inner != Role::RebuildTensorV2 && inner != Role::RebuildParameter) fail("_rebuild_from_type_v2 with " + a[0].str());
        reduce(a[0], a[2]);
        return;
    }
    case Role::OrderedDict:
        if (!a.empty()) fail("OrderedDict with constructor arguments");
        push(Value::makeRef(Kind::Object, newObject(ObjectKind::OrderedDict)));
        return;
    case Role::Set: {
        std::vector<Value> items;
        if (!a.empty()) {
            if (a[0].kind != Kind::Object) fail("set() of a non-container");
            items = doc_.objects[a[0].index()].items;
        }
        push(Value::makeRef(Kind::Object, newObject(ObjectKind::List, std::move(items))));
        return;
    }
    case Role::CodecsEncode: push(encodeLatin1(a)); return;
    case Role::Foreign:
        push(Value::makeRef(Kind::Object, newObject(ObjectKind::Foreign, {}, callable.str())));
        return;
    case Role::TensorType:
    case Role::StorageType:
    case Role::Forbidden: break;
    }
    fail("refused call of '" + callable.str() + "'");
}

void SafeUnpickler::build(const Value& target)
{
    // Python would set instance state. Dicts (OrderedDict's _metadata) and foreign objects
    // receive it and we drop it: neither carries tensors we keep.
    const auto& o = objectOf(target, "BUILD");
    if (o.kind != ObjectKind::Foreign && o.kind != ObjectKind::Dict && o.kind != ObjectKind::OrderedDict)
        fail("BUILD on a value that has no state");
}

void SafeUnpickler::appendTo(const Value& target, std::vector<Value> values)
{
    auto& o = objectOf(target, "APPEND");
    if (o.kind == ObjectKind::Foreign) return;
    if (o.kind != ObjectKind::List) fail("APPEND to a value that is not a list");
    o.items.insert(o.items.end(), std::make_move_iterator(values.begin()), std::make_move_iterator(values.end()));
}

void SafeUnpickler::setItems(const Value& target, std::vector<Value> keysAndValues)
{
    auto& o = objectOf(target, "SETITEM");
    if (o.kind == ObjectKind::Foreign) return;
    if (o.kind != ObjectKind::Dict && o.kind != ObjectKind::OrderedDict) fail("SETITEM on a value that is not a dict");
    o.items.insert(o.items.end(), std::make_move_iterator(keysAndValues.begin()),
                   std::make_move_iterator(keysAndValues.end()));
}

Value SafeUnpickler::persistentLoad(const Value& pid)
{
    // ('storage', torch.<Type>Storage, key, location, numel), as torch.save writes it.
    const auto& t = tupleItems(pid, "a persistent id");
    if (t.size() != 5 || t[0].kind != Kind::String || t[0].str() != "storage" || t[1].kind != Kind::Global ||
        t[2].kind != Kind::String || t[3].kind != Kind::String || t[4].kind != Kind::Int)
        fail("malformed storage reference");
    const std::string& typeName = t[1].str();
    const auto dtype = typeName.rfind("torch.", 0) == 0 ? dtypeOfStorage(typeName.substr(6)) : std::nullopt;
    if (!dtype) fail("unsupported storage type '" + typeName + "'");
    const std::string& key = t[2].str();
    if (key.empty() || key.size() > 64 || key.find('/') != std::string::npos) fail("malformed storage key '" + key + "'");
    const int64_t numel = t[4].integer;
    const auto found = storageByKey_.find(key);
    if (found != storageByKey_.end()) {
        const auto& s = doc_.storages[found->second];
        if (s.dtype != *dtype || s.numel != numel) fail("storage '" + key + "' is declared twice with different types or sizes");
        return Value::makeRef(Kind::Storage, found->second);
    }
    const uint64_t recordBytes = recordSize_(key);
    const auto itemSize = static_cast<int64_t>(c10::elementSize(*dtype));
    int64_t declaredBytes = 0;
    if (numel < 0 || !mulAdd(numel, itemSize, 0, declaredBytes) || static_cast<uint64_t>(declaredBytes) != recordBytes)
        fail("storage '" + key + "' declares " + std::to_string(numel) + " elements of " + typeName + " but its record holds " +
             std::to_string(recordBytes) + " bytes");
    doc_.storages.push_back({key, *dtype, numel});
    storageByKey_[key] = doc_.storages.size() - 1;
    return Value::makeRef(Kind::Storage, doc_.storages.size() - 1);
}

Value SafeUnpickler::rebuildTensor(const std::vector<Value>& a, const std::string& via)
{
    // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    if (a.size() < 6 || a.size() > 7 || a[0].kind != Kind::Storage || a[1].kind != Kind::Int)
        fail("malformed arguments of " + via);
    const auto& sizes = tupleItems(a[2], "tensor size");
    const auto& strides = tupleItems(a[3], "tensor stride");
    if (sizes.size() != strides.size() || sizes.size() > kMaxDims) fail("tensor size and stride do not match");
    if (a[5].kind != Kind::Object || !doc_.objects[a[5].index()].items.empty())
        fail("tensor with backward hooks (they would be code)");
    if (a.size() == 7 && a[6].kind != Kind::None &&
        !(a[6].kind == Kind::Object && doc_.objects[a[6].index()].items.empty()))
        fail("tensor with metadata");
    const auto& storage = doc_.storages[a[0].index()];
    pickle::TensorRef t;
    t.storage = a[0].index();
    t.offset = a[1].integer;
    int64_t last = t.offset;  // highest element index the tensor touches
    bool empty = false;
    for (size_t d = 0; d < sizes.size(); ++d) {
        if (sizes[d].kind != Kind::Int || strides[d].kind != Kind::Int || sizes[d].integer < 0 || strides[d].integer < 0)
            fail("tensor size or stride is not a non-negative integer");
        t.sizes.push_back(sizes[d].integer);
        t.strides.push_back(strides[d].integer);
        empty = empty || sizes[d].integer == 0;
        if (!empty && !mulAdd(sizes[d].integer - 1, strides[d].integer, last, last)) fail("tensor extent overflows");
    }
    if (t.offset < 0 || (empty ? t.offset > storage.numel : last >= storage.numel))
        fail("tensor (offset " + std::to_string(t.offset) + ", size and stride) reaches past its storage '" + storage.key +
             "' of " + std::to_string(storage.numel) + " elements");
    int64_t numel = 1;
    for (const int64_t size : t.sizes)
        if (!mulAdd(numel, size, 0, numel)) fail("tensor element count overflows");
    if (!mulAdd(1, numel, elements_, elements_) || elements_ > kMaxTotalElements)
        fail("tensors hold more than " + std::to_string(kMaxTotalElements) + " elements in total");
    doc_.tensors.push_back(std::move(t));
    return Value::makeRef(Kind::Tensor, doc_.tensors.size() - 1);
}

Value SafeUnpickler::encodeLatin1(const std::vector<Value>& a)
{
    // Protocol 2 writes Python 3 bytes as _codecs.encode(text, 'latin1').
    if (a.size() != 2 || a[0].kind != Kind::String || a[1].kind != Kind::String ||
        (a[1].str() != "latin1" && a[1].str() != "latin-1"))
        fail("_codecs.encode other than to latin1");
    std::string out;
    const std::string& s = a[0].str();
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) out += static_cast<char>(c);
        else if ((c >> 5) == 6 && c <= 0xc3 && i + 1 < s.size())
            out += static_cast<char>(((c & 0x1f) << 6) | (static_cast<unsigned char>(s[++i]) & 0x3f));
        else fail("_codecs.encode of a character outside latin1");
    }
    return Value::makeText(Kind::Bytes, std::move(out));
}

}  // namespace sb
