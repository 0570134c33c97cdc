#include "core/features/FeatureCache.h"

#include "core/common/AtomicFile.h"
#include "core/common/Error.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace fs = std::filesystem;

namespace sb {
namespace {

// Entry layout (little-endian): magic[8], u32 key length, key, i64 rows, i64 cols,
// rows*cols f32, u64 FNV-1a of every byte before it.
constexpr char kMagic[8] = {'S', 'B', 'F', 'E', 'A', 'T', '0', '1'};

// FNV-1a, 64 bit: stable across compilers and runs (std::hash is not).
uint64_t fnv1a(const char* data, size_t size, uint64_t hash = 1469598103934665603ull)
{
    for (size_t i = 0; i < size; ++i) {
        hash ^= static_cast<unsigned char>(data[i]);
        hash *= 1099511628211ull;
    }
    return hash;
}

template <typename T>
void append(std::string& out, const T& value)
{
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
bool take(const std::string& in, size_t& pos, T& value)
{
    if (in.size() - pos < sizeof value) return false;
    std::memcpy(&value, in.data() + pos, sizeof value);
    pos += sizeof value;
    return true;
}

std::string hex(uint64_t v)
{
    static const char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<size_t>(i)] = digits[v & 15];
    return s;
}

// Parses an entry; false for anything damaged or written for another key.
bool decode(const std::string& bytes, const std::string& key, FeatureMatrix& out)
{
    size_t pos = 0;
    if (bytes.size() < sizeof kMagic + sizeof(uint64_t) || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0)
        return false;
    pos = sizeof kMagic;
    uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + bytes.size() - sizeof stored, sizeof stored);
    if (fnv1a(bytes.data(), bytes.size() - sizeof stored) != stored) return false;
    uint32_t keyLength = 0;
    if (!take(bytes, pos, keyLength) || keyLength != key.size() || bytes.compare(pos, keyLength, key) != 0)
        return false;
    pos += keyLength;
    int64_t rows = 0, cols = 0;
    if (!take(bytes, pos, rows) || !take(bytes, pos, cols) || rows < 0 || cols < 0) return false;
    const auto count = static_cast<size_t>(rows * cols);
    if (bytes.size() - pos != count * sizeof(float) + sizeof stored) return false;
    out.rows = rows;
    out.cols = cols;
    out.data.resize(count);
    std::memcpy(out.data.data(), bytes.data() + pos, count * sizeof(float));
    return true;
}

}  // namespace

FeatureCache::FeatureCache(std::string directory) : directory_(std::move(directory))
{
    if (directory_.empty()) throw Error("feature cache directory is empty", "feature cache");
}

std::string FeatureCache::defaultDirectory()
{
    if (const char* dir = std::getenv("SCENEBENCH_CACHE_DIR"); dir && *dir) return dir;
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/scenebench/features";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/scenebench/features";
    return (fs::temp_directory_path() / "scenebench-features").string();
}

std::string FeatureCache::keyText(const std::string& audioPath, const std::string& fingerprint) const
{
    std::error_code ec;
    const fs::path canonical = fs::canonical(audioPath, ec);
    if (ec) throw Error("audio file does not exist", audioPath);
    const auto size = fs::file_size(canonical, ec);
    const auto mtime = fs::last_write_time(canonical, ec).time_since_epoch();
    if (ec) throw Error("cannot read file size and time: " + ec.message(), audioPath);
    return canonical.string() + "\n" + std::to_string(size) + "\n" +
           std::to_string(std::chrono::duration_cast<std::chrono::nanoseconds>(mtime).count()) + "\n" + fingerprint;
}

std::string FeatureCache::pathForKey(const std::string& key) const
{
    const std::string name = hex(fnv1a(key.data(), key.size()));
    // 256 subfolders keep directories small for the 140k clips of the full set.
    return directory_ + "/" + name.substr(0, 2) + "/" + name + ".sbfeat";
}

std::string FeatureCache::entryPath(const std::string& audioPath, const std::string& fingerprint) const
{
    return pathForKey(keyText(audioPath, fingerprint));
}

FeatureCache::Lookup FeatureCache::load(const std::string& audioPath, const std::string& fingerprint) const
{
    const std::string key = keyText(audioPath, fingerprint);
    std::ifstream in(pathForKey(key), std::ios::binary);
    if (!in) return {};
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Lookup result;
    result.status = decode(bytes, key, result.features) ? Status::Hit : Status::Corrupt;
    return result;
}

void FeatureCache::store(const std::string& audioPath, const std::string& fingerprint, const FeatureMatrix& features) const
{
    const std::string key = keyText(audioPath, fingerprint);
    const std::string path = pathForKey(key);
    std::string bytes(kMagic, sizeof kMagic);
    append(bytes, static_cast<uint32_t>(key.size()));
    bytes += key;
    append(bytes, features.rows);
    append(bytes, features.cols);
    bytes.append(reinterpret_cast<const char*>(features.data.data()), features.data.size() * sizeof(float));
    append(bytes, fnv1a(bytes.data(), bytes.size()));
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    if (ec) throw Error("cannot create the feature cache folder: " + ec.message(), fs::path(path).parent_path().string());
    writeFileAtomic(path, bytes);
}

}  // namespace sb
