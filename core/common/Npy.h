#pragma once
// NumPy .npy files (format 1.0/2.0/3.0, C order, little-endian): the exchange format of
// the CLI and of the reference outputs in tests/data/reference.
#include <cstdint>
#include <string>
#include <vector>

namespace sb {

struct NpyArray {
    std::string dtype;             // NumPy descr: "<f4", "<f8", "<i8", "<i4", "|u1", ...
    std::vector<int64_t> shape;
    std::vector<unsigned char> bytes;  // raw little-endian data, C order

    int64_t elementCount() const;
    // Converted copies; throw sb::Error if the dtype cannot be converted.
    std::vector<float> toFloat() const;
    std::vector<int64_t> toInt64() const;
};

// Throws sb::Error naming the file for anything that is not a valid C-order .npy.
NpyArray readNpy(const std::string& path);

// Atomic writes (temp file + rename): a crash never leaves a half-written array.
void writeNpy(const std::string& path, const float* data, const std::vector<int64_t>& shape);
void writeNpy(const std::string& path, const int64_t* data, const std::vector<int64_t>& shape);
void writeNpy(const std::string& path, const NpyArray& array);

}  // namespace sb
