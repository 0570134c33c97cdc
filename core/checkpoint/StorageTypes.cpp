#include "core/checkpoint/StorageTypes.h"

#include "core/common/Error.h"

#include <utility>

namespace sb {

namespace {

const std::pair<const char*, c10::ScalarType> kStorages[] = {
    {"FloatStorage", c10::ScalarType::Float},       {"DoubleStorage", c10::ScalarType::Double},
    {"HalfStorage", c10::ScalarType::Half},         {"BFloat16Storage", c10::ScalarType::BFloat16},
    {"LongStorage", c10::ScalarType::Long},         {"IntStorage", c10::ScalarType::Int},
    {"ShortStorage", c10::ScalarType::Short},       {"CharStorage", c10::ScalarType::Char},
    {"ByteStorage", c10::ScalarType::Byte},         {"BoolStorage", c10::ScalarType::Bool},
    {"ComplexFloatStorage", c10::ScalarType::ComplexFloat},
    {"ComplexDoubleStorage", c10::ScalarType::ComplexDouble},
};

}  // namespace

std::optional<c10::ScalarType> dtypeOfStorage(const std::string& className)
{
    for (const auto& [name, dtype] : kStorages)
        if (className == name) return dtype;
    return std::nullopt;
}

std::string storageOfDtype(c10::ScalarType dtype)
{
    for (const auto& [name, type] : kStorages)
        if (type == dtype) return name;
    throw Error(std::string("tensors of dtype ") + c10::toString(dtype) + " cannot be written to a checkpoint");
}

}  // namespace sb
