#pragma once
// A dense row-major float matrix (N points × D dimensions): the input and output type
// of the embedding engine. Plain C++ so that ui/ and the CLI can use it directly.
#include <cstddef>
#include <string>
#include <vector>

namespace sb {

struct NpyArray;

struct FloatMatrix {
    size_t rows = 0;
    size_t cols = 0;
    std::vector<float> values;  // rows * cols, row-major

    FloatMatrix() = default;
    FloatMatrix(size_t r, size_t c) : rows(r), cols(c), values(r * c, 0.f) {}
    FloatMatrix(size_t r, size_t c, std::vector<float> v);

    float* row(size_t i) { return values.data() + i * cols; }
    const float* row(size_t i) const { return values.data() + i * cols; }
    float& at(size_t i, size_t j) { return values[i * cols + j]; }
    float at(size_t i, size_t j) const { return values[i * cols + j]; }

    // A float32 (N, D) array; throws sb::Error naming `where` for another dtype or
    // shape, or for a NaN/infinite entry (with its row and column).
    static FloatMatrix fromNpy(const NpyArray& array, const std::string& where);
    // Throws sb::Error naming `where`, row and column of the first non-finite value.
    void requireFinite(const std::string& where) const;
};

}  // namespace sb
