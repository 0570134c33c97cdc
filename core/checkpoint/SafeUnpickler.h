#pragma once
// A pickle machine that only builds data: the opcodes of protocols 2-5 that torch.save and
// Lightning emit, and a closed set of globals it interprets itself (tensor and storage
// rebuilding, OrderedDict, set, _codecs.encode). It never imports or calls anything.
//  - Globals that can run code or touch the system (builtins.eval, os.system, subprocess...)
//    refuse the whole file, wherever they appear.
//  - Any other global (a user's class in Lightning hyper-parameters, numpy scalars...) becomes
//    an inert Foreign object that only carries its class name; the caller refuses it where it
//    needs data (a state dict, a cfg) and may ignore it elsewhere.
//  - Every size, index and nesting level is bounded; storages must match their records,
//    tensors must lie inside their storage, and all tensors together hold at most 2^32
//    elements (a stride-0 view can be far larger than its storage).
#include "core/checkpoint/PickleDocument.h"

#include <functional>
#include <string>
#include <unordered_map>

namespace sb {

class SafeUnpickler {
public:
    // recordSize(key): byte size of the storage record data/<key>; throws sb::Error if absent.
    // `where` names the file and record in every error.
    SafeUnpickler(const std::string& bytes, std::function<uint64_t(const std::string&)> recordSize,
                  std::string where);

    pickle::Document run();

private:
    using Value = pickle::Value;

    [[noreturn]] void fail(const std::string& message) const;
    const unsigned char* take(uint64_t n);
    uint64_t readUInt(int bytes);
    std::string readLine();

    void push(Value v);
    Value pop();
    Value& top();
    std::vector<Value> popToMark();
    size_t newObject(pickle::ObjectKind kind, std::vector<Value> items = {}, std::string className = {});
    pickle::Object& objectOf(const Value& v, const char* opcode);

    bool step(unsigned char op);  // false on STOP
    void pushGlobal(const std::string& module, const std::string& name);
    void reduce(const Value& callable, const Value& args);
    void build(const Value& target);
    void appendTo(const Value& target, std::vector<Value> values);
    void setItems(const Value& target, std::vector<Value> keysAndValues);
    Value persistentLoad(const Value& pid);
    Value rebuildTensor(const std::vector<Value>& args, const std::string& via);
    Value encodeLatin1(const std::vector<Value>& args);
    const std::vector<Value>& tupleItems(const Value& v, const char* what);

    const std::string& bytes_;
    std::function<uint64_t(const std::string&)> recordSize_;
    std::string where_;
    size_t pos_ = 0;
    size_t opStart_ = 0;
    uint64_t pushes_ = 0;
    int64_t elements_ = 0;  // of all tensors so far
    std::vector<Value> stack_;
    std::vector<size_t> marks_;
    std::unordered_map<uint64_t, Value> memo_;
    std::unordered_map<std::string, size_t> storageByKey_;
    pickle::Document doc_;
};

}  // namespace sb
