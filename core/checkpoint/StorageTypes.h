#pragma once
// The torch.<Name>Storage classes of the pickle format and the dtypes they stand for.
#include <torch/torch.h>

#include <optional>
#include <string>

namespace sb {

// "FloatStorage" -> Float, ...; nullopt for names that are not a supported storage class.
std::optional<c10::ScalarType> dtypeOfStorage(const std::string& className);
// Float -> "FloatStorage"; sb::Error for a dtype the format cannot carry.
std::string storageOfDtype(c10::ScalarType dtype);

}  // namespace sb
