#include "PickleBytes.h"

#include "WavBytes.h"

namespace sb::robust {

PickleBytes& PickleBytes::proto(int version)
{
    out_ += '\x80';
    out_ += char(version);
    return *this;
}

PickleBytes& PickleBytes::op(char code)
{
    out_ += code;
    return *this;
}

PickleBytes& PickleBytes::raw(const std::string& bytes)
{
    out_ += bytes;
    return *this;
}

PickleBytes& PickleBytes::integer(int64_t value)
{
    if (value >= INT32_MIN && value <= INT32_MAX) return op('J').raw(le32(uint32_t(int32_t(value))));
    return op('\x8a').raw(std::string(1, '\x08') + le64(uint64_t(value)));
}

PickleBytes& PickleBytes::text(const std::string& s) { return op('X').raw(le32(uint32_t(s.size())) + s); }

PickleBytes& PickleBytes::global(const std::string& module, const std::string& name)
{
    return op('c').raw(module + "\n" + name + "\n");
}

PickleBytes& PickleBytes::stackGlobal(const std::string& module, const std::string& name)
{
    return text(module).text(name).op('\x93');
}

PickleBytes& PickleBytes::orderedDict() { return global("collections", "OrderedDict").op(')').op('R'); }

PickleBytes& PickleBytes::tensor(const TensorSpec& t)
{
    global("torch._utils", "_rebuild_tensor_v2").op('(');
    op('(').text("storage").global("torch", t.storageType).text(t.storageKey).text("cpu").integer(t.numel).op('t').op('Q');
    integer(t.offset).op('(');
    for (const auto s : t.sizes) integer(s);
    op('t').op('(');
    for (const auto s : t.strides) integer(s);
    op('t').op('\x89');  // requires_grad False
    orderedDict();        // no backward hooks
    return op('t').op('R');
}

std::string stateDictPickle(const std::vector<TensorSpec>& tensors)
{
    PickleBytes p;
    p.proto().orderedDict().op('(');
    for (const auto& t : tensors) p.text(t.name).tensor(t);
    return p.op('u').stop().bytes();
}

}  // namespace sb::robust
