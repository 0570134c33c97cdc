#include "core/common/Npy.h"

#include "core/common/AtomicFile.h"
#include "core/common/Error.h"

#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

namespace sb {
namespace {

constexpr char kMagic[] = "\x93NUMPY";

int dtypeSize(const std::string& dtype)
{
    if (dtype.size() < 3) return 0;
    return std::atoi(dtype.c_str() + 2);
}

std::string headerString(const std::string& dtype, const std::vector<int64_t>& shape)
{
    std::ostringstream s;
    s << "{'descr': '" << dtype << "', 'fortran_order': False, 'shape': (";
    for (size_t i = 0; i < shape.size(); ++i) s << (i ? ", " : "") << shape[i];
    if (shape.size() == 1) s << ",";
    s << "), }";
    std::string h = s.str();
    // Pad with spaces so that magic + lengths + header + '\n' is a multiple of 64.
    const size_t unpadded = 6 + 2 + 2 + h.size() + 1;
    h.append((64 - unpadded % 64) % 64, ' ');
    h.push_back('\n');
    return h;
}

template <typename T>
std::vector<T> convert(const NpyArray& a, const std::string& path_hint)
{
    const int64_t n = a.elementCount();
    std::vector<T> out(static_cast<size_t>(n));
    const unsigned char* p = a.bytes.data();
    auto each = [&](auto tag) {
        using S = decltype(tag);
        for (int64_t i = 0; i < n; ++i) {
            S v;
            std::memcpy(&v, p + i * sizeof(S), sizeof(S));
            out[static_cast<size_t>(i)] = static_cast<T>(v);
        }
    };
    if (a.dtype == "<f4") each(float{});
    else if (a.dtype == "<f8") each(double{});
    else if (a.dtype == "<i8") each(int64_t{});
    else if (a.dtype == "<i4") each(int32_t{});
    else if (a.dtype == "|u1") each(uint8_t{});
    else if (a.dtype == "|b1") each(uint8_t{});
    else throw Error("cannot convert .npy dtype '" + a.dtype + "'", path_hint);
    return out;
}

}  // namespace

int64_t NpyArray::elementCount() const
{
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

std::vector<float> NpyArray::toFloat() const { return convert<float>(*this, "npy array"); }
std::vector<int64_t> NpyArray::toInt64() const { return convert<int64_t>(*this, "npy array"); }

NpyArray readNpy(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open file", path);
    char magic[6];
    unsigned char version[2];
    if (!in.read(magic, 6) || std::memcmp(magic, kMagic, 6) != 0)
        throw Error("not a NumPy .npy file (bad magic)", path);
    if (!in.read(reinterpret_cast<char*>(version), 2)) throw Error("truncated .npy header", path);
    uint32_t headerLen = 0;
    if (version[0] == 1) {
        unsigned char l[2];
        if (!in.read(reinterpret_cast<char*>(l), 2)) throw Error("truncated .npy header", path);
        headerLen = l[0] | (l[1] << 8);
    } else if (version[0] == 2 || version[0] == 3) {
        unsigned char l[4];
        if (!in.read(reinterpret_cast<char*>(l), 4)) throw Error("truncated .npy header", path);
        headerLen = l[0] | (l[1] << 8) | (l[2] << 16) | (uint32_t(l[3]) << 24);
    } else {
        throw Error("unsupported .npy version " + std::to_string(version[0]), path);
    }
    if (headerLen > (1u << 20)) throw Error(".npy header is implausibly large", path);
    std::string header(headerLen, '\0');
    if (!in.read(header.data(), headerLen)) throw Error("truncated .npy header", path);

    std::smatch m;
    NpyArray a;
    if (!std::regex_search(header, m, std::regex("'descr'\\s*:\\s*'([^']+)'")))
        throw Error(".npy header has no 'descr'", path);
    a.dtype = m[1];
    if (std::regex_search(header, m, std::regex("'fortran_order'\\s*:\\s*True")))
        throw Error("Fortran-order .npy arrays are not supported; save with C order", path);
    if (!std::regex_search(header, m, std::regex("'shape'\\s*:\\s*\\(([^)]*)\\)")))
        throw Error(".npy header has no 'shape'", path);
    std::string dims = m[1];
    std::regex num("[0-9]+");
    for (auto it = std::sregex_iterator(dims.begin(), dims.end(), num); it != std::sregex_iterator(); ++it) {
        // The header is the file's word, not a fact: a dimension too long for int64 is an error.
        if (it->str().size() > 18) throw Error(".npy shape dimension " + it->str() + " is too large", path);
        a.shape.push_back(std::stoll(it->str()));
    }
    if (a.dtype[0] == '>') throw Error("big-endian .npy arrays are not supported", path);
    const int size = dtypeSize(a.dtype);
    if (size <= 0) throw Error("unsupported .npy dtype '" + a.dtype + "'", path);
    // The bytes the shape claims, without overflow, and never more than the file holds:
    // a forged header must not make us allocate what is not there.
    const std::streamoff dataStart = in.tellg();
    in.seekg(0, std::ios::end);
    const int64_t available = int64_t(in.tellg() - dataStart);
    in.seekg(dataStart);
    int64_t nbytes = size;
    for (int64_t d : a.shape) {
        if (d != 0 && nbytes > available / d) nbytes = available + 1;  // more than the file holds
        else nbytes *= d;
    }
    if (nbytes > available)
        throw Error("truncated .npy data: the shape needs more bytes than the file's " + std::to_string(available), path);
    a.bytes.resize(static_cast<size_t>(nbytes));
    if (!in.read(reinterpret_cast<char*>(a.bytes.data()), nbytes))
        throw Error("truncated .npy data: expected " + std::to_string(nbytes) + " bytes", path);
    return a;
}

void writeNpy(const std::string& path, const NpyArray& array)
{
    const std::string header = headerString(array.dtype, array.shape);
    std::string blob(kMagic, 6);
    blob.push_back('\x01');
    blob.push_back('\x00');
    blob.push_back(static_cast<char>(header.size() & 0xff));
    blob.push_back(static_cast<char>((header.size() >> 8) & 0xff));
    blob += header;
    blob.append(reinterpret_cast<const char*>(array.bytes.data()), array.bytes.size());
    writeFileAtomic(path, blob);
}

static NpyArray makeArray(const char* dtype, const void* data, size_t elementSize, const std::vector<int64_t>& shape)
{
    NpyArray a;
    a.dtype = dtype;
    a.shape = shape;
    const auto* p = static_cast<const unsigned char*>(data);
    a.bytes.assign(p, p + a.elementCount() * static_cast<int64_t>(elementSize));
    return a;
}

void writeNpy(const std::string& path, const float* data, const std::vector<int64_t>& shape)
{
    writeNpy(path, makeArray("<f4", data, sizeof(float), shape));
}

void writeNpy(const std::string& path, const int64_t* data, const std::vector<int64_t>& shape)
{
    writeNpy(path, makeArray("<i8", data, sizeof(int64_t), shape));
}

}  // namespace sb
