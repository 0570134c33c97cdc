#include "core/embed/FloatMatrix.h"

#include "core/common/Error.h"
#include "core/common/Npy.h"

#include <cmath>

namespace sb {

FloatMatrix::FloatMatrix(size_t r, size_t c, std::vector<float> v) : rows(r), cols(c), values(std::move(v))
{
    if (values.size() != r * c)
        throw Error("matrix of " + std::to_string(r) + "x" + std::to_string(c) + " given " +
                    std::to_string(values.size()) + " values");
}

FloatMatrix FloatMatrix::fromNpy(const NpyArray& array, const std::string& where)
{
    if (array.dtype != "<f4")
        throw Error("expected a float32 array, got dtype '" + array.dtype + "'", where);
    if (array.shape.size() != 2)
        throw Error("expected a 2-D array (points, dimensions), got " + std::to_string(array.shape.size()) +
                        " dimensions",
                    where);
    if (array.shape[0] < 1 || array.shape[1] < 1) throw Error("the array is empty", where);
    FloatMatrix m(static_cast<size_t>(array.shape[0]), static_cast<size_t>(array.shape[1]), array.toFloat());
    m.requireFinite(where);
    return m;
}

void FloatMatrix::requireFinite(const std::string& where) const
{
    for (size_t i = 0; i < values.size(); ++i)
        if (!std::isfinite(values[i]))
            throw Error("non-finite value (" + std::to_string(values[i]) + ") at row " + std::to_string(i / cols) +
                            ", column " + std::to_string(i % cols),
                        where);
}

}  // namespace sb
