#pragma once
// A raw pickle emitter for forged checkpoints: the opcodes torch.save writes, plus any
// byte sequence (unsupported opcodes, broken lengths, hostile globals), and the usual
// state-dict shape built from them. Unlike sb::PickleWriter it checks nothing.
#include <cstdint>
#include <string>
#include <vector>

namespace sb::robust {

struct TensorSpec {
    std::string name = "weight";
    std::string storageKey = "0";
    std::string storageType = "FloatStorage";  // the torch.<Type> of the persistent id
    int64_t numel = 4;                        // declared storage elements
    int64_t offset = 0;
    std::vector<int64_t> sizes = {4}, strides = {1};
};

class PickleBytes {
public:
    PickleBytes& proto(int version = 2);
    PickleBytes& op(char code);
    PickleBytes& raw(const std::string& bytes);
    PickleBytes& integer(int64_t value);  // BININT / LONG1
    PickleBytes& text(const std::string& s);  // BINUNICODE, no UTF-8 check
    PickleBytes& global(const std::string& module, const std::string& name);  // GLOBAL
    PickleBytes& stackGlobal(const std::string& module, const std::string& name);  // STACK_GLOBAL
    PickleBytes& tensor(const TensorSpec& t);  // _rebuild_tensor_v2(persistent storage, ...)
    PickleBytes& orderedDict();                // collections.OrderedDict()
    PickleBytes& stop() { return op('.'); }
    const std::string& bytes() const { return out_; }

private:
    std::string out_;
};

// {name: tensor, ...} as an OrderedDict, STOP included.
std::string stateDictPickle(const std::vector<TensorSpec>& tensors);

}  // namespace sb::robust
