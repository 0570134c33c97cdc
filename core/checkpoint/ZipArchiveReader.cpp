#include "core/checkpoint/ZipArchiveReader.h"

#include "core/common/Error.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace sb {

namespace {

constexpr uint32_t kEndOfCentralDir = 0x06054b50;
constexpr uint32_t kZip64EndLocator = 0x07064b50;
constexpr uint32_t kZip64End = 0x06064b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr size_t kEndRecordSize = 22;
constexpr size_t kMaxCommentSize = 0xFFFF;
constexpr uint64_t kMaxEntries = 1000000;  // a state dict has thousands at most

uint64_t le(const unsigned char* p, int bytes)
{
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

}  // namespace

ZipArchiveReader::ZipArchiveReader(std::string path) : path_(std::move(path))
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat below refuses it.
    fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd_ < 0) throw Error(std::string("cannot open checkpoint: ") + std::strerror(errno), path_);
    struct stat st {};
    if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd_);
        throw Error("not a regular file", path_);
    }
    fileSize_ = static_cast<uint64_t>(st.st_size);
    try {
        parseCentralDirectory();
    } catch (...) {
        ::close(fd_);
        throw;
    }
}

ZipArchiveReader::~ZipArchiveReader()
{
    if (fd_ >= 0) ::close(fd_);
}

void ZipArchiveReader::readAt(uint64_t offset, void* dest, uint64_t size) const
{
    if (offset > fileSize_ || size > fileSize_ - offset)
        throw Error("truncated archive: a record reaches past the end of the file (" + std::to_string(fileSize_) +
                        " bytes)",
                    path_);
    auto* out = static_cast<char*>(dest);
    while (size > 0) {
        const ssize_t n = ::pread(fd_, out, std::min<uint64_t>(size, 1u << 30), static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw Error(std::string("read failed: ") + (n < 0 ? std::strerror(errno) : "unexpected end"), path_);
        out += n;
        offset += static_cast<uint64_t>(n);
        size -= static_cast<uint64_t>(n);
    }
}

void ZipArchiveReader::parseCentralDirectory()
{
    if (fileSize_ < kEndRecordSize)
        throw Error("not a zip archive (too short); a PyTorch checkpoint saved by torch >= 1.6 is a zip file", path_);
    // The end record sits in the last 22 + comment bytes; search backwards for its signature.
    const uint64_t tailSize = std::min<uint64_t>(fileSize_, kEndRecordSize + kMaxCommentSize);
    std::vector<unsigned char> tail(tailSize);
    readAt(fileSize_ - tailSize, tail.data(), tailSize);
    long endPos = -1;
    for (long i = static_cast<long>(tailSize - kEndRecordSize); i >= 0; --i)
        if (le(&tail[static_cast<size_t>(i)], 4) == kEndOfCentralDir) {
            endPos = i;
            break;
        }
    if (endPos < 0)
        throw Error("not a zip archive or truncated (no end-of-central-directory record); legacy (PyTorch < 1.6) "
                    "checkpoints are not supported, re-save them with a recent torch",
                    path_);
    const unsigned char* end = &tail[static_cast<size_t>(endPos)];
    uint64_t count = le(end + 10, 2);
    uint64_t dirSize = le(end + 12, 4);
    uint64_t dirOffset = le(end + 16, 4);
    if (count == 0xFFFF || dirSize == 0xFFFFFFFF || dirOffset == 0xFFFFFFFF) {
        const uint64_t endAbs = fileSize_ - tailSize + static_cast<uint64_t>(endPos);
        if (endAbs < 20) throw Error("corrupt Zip64 archive (no locator)", path_);
        unsigned char loc[20];
        readAt(endAbs - 20, loc, 20);
        if (le(loc, 4) != kZip64EndLocator) throw Error("corrupt Zip64 archive (bad locator)", path_);
        unsigned char end64[56];
        readAt(le(loc + 8, 8), end64, 56);
        if (le(end64, 4) != kZip64End) throw Error("corrupt Zip64 archive (bad end record)", path_);
        count = le(end64 + 32, 8);
        dirSize = le(end64 + 40, 8);
        dirOffset = le(end64 + 48, 8);
    }
    if (count > kMaxEntries || count * 46 > dirSize)
        throw Error("corrupt archive: implausible record count " + std::to_string(count), path_);
    if (dirOffset > fileSize_ || dirSize > fileSize_ - dirOffset)
        throw Error("truncated archive: the central directory lies past the end of the file", path_);
    std::vector<unsigned char> dir(dirSize);
    readAt(dirOffset, dir.data(), dirSize);

    std::set<std::string> seen;
    size_t pos = 0;
    for (uint64_t i = 0; i < count; ++i) {
        if (dirSize - pos < 46 || le(&dir[pos], 4) != kCentralHeader)
            throw Error("corrupt archive: bad central directory entry " + std::to_string(i), path_);
        const unsigned char* h = &dir[pos];
        const uint64_t flags = le(h + 8, 2), method = le(h + 10, 2);
        uint64_t compressed = le(h + 20, 4), size = le(h + 24, 4), local = le(h + 42, 4);
        const size_t nameLen = le(h + 28, 2), extraLen = le(h + 30, 2), commentLen = le(h + 32, 2);
        if (dirSize - pos - 46 < nameLen + extraLen + commentLen)
            throw Error("corrupt archive: central directory entry " + std::to_string(i) + " overruns", path_);
        Entry e;
        e.name.assign(reinterpret_cast<const char*>(h + 46), nameLen);
        e.crc = static_cast<uint32_t>(le(h + 16, 4));
        // Zip64 extra field: the 64-bit values of the fields that hold 0xFFFFFFFF, in order.
        for (size_t x = 0; x + 4 <= extraLen;) {
            const unsigned char* f = h + 46 + nameLen + x;
            const size_t id = le(f, 2), len = le(f + 2, 2);
            if (x + 4 + len > extraLen) break;
            if (id == 1) {
                size_t at = 4;
                auto take = [&](uint64_t& field) {
                    if (field == 0xFFFFFFFF && at + 8 <= 4 + len) {
                        field = le(f + at, 8);
                        at += 8;
                    }
                };
                take(size);
                take(compressed);
                take(local);
            }
            x += 4 + len;
        }
        if (flags & 1) throw Error("encrypted record '" + e.name + "' is not supported", path_);
        if (method != 0 || compressed != size)
            throw Error("record '" + e.name + "' is compressed; torch.save writes stored records only", path_);
        if (!seen.insert(e.name).second) throw Error("duplicate record '" + e.name + "'", path_);
        e.size = size;
        e.dataOffset = localDataOffset(local, e.name);
        if (e.dataOffset > dirOffset || e.size > dirOffset - e.dataOffset)
            throw Error("truncated or corrupt archive: record '" + e.name + "' (" + std::to_string(e.size) +
                            " bytes) overruns the file",
                        path_);
        e.headerOffset = local;
        entries_.push_back(std::move(e));
        pos += 46 + nameLen + extraLen + commentLen;
    }
    refuseOverlaps();
}

void ZipArchiveReader::refuseOverlaps() const
{
    // Records that share bytes let a small file stand for many large ones (a zip bomb
    // without compression: each storage is read and allocated on its own). torch.save
    // never writes them.
    std::vector<const Entry*> byOffset;
    for (const auto& e : entries_) byOffset.push_back(&e);
    std::sort(byOffset.begin(), byOffset.end(), [](auto* a, auto* b) { return a->headerOffset < b->headerOffset; });
    for (size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->headerOffset < byOffset[i - 1]->dataOffset + byOffset[i - 1]->size)
            throw Error("corrupt archive: records '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name +
                            "' overlap",
                        path_);
}

uint64_t ZipArchiveReader::localDataOffset(uint64_t headerOffset, const std::string& name) const
{
    unsigned char h[30];
    readAt(headerOffset, h, 30);
    if (le(h, 4) != kLocalHeader) throw Error("corrupt archive: bad local header of record '" + name + "'", path_);
    return headerOffset + 30 + le(h + 26, 2) + le(h + 28, 2);
}

const ZipArchiveReader::Entry* ZipArchiveReader::find(const std::string& name) const
{
    for (const auto& e : entries_)
        if (e.name == name) return &e;
    return nullptr;
}

void ZipArchiveReader::read(const Entry& entry, void* dest) const
{
    readAt(entry.dataOffset, dest, entry.size);
    // zlib's crc32 takes uInt lengths; feed it in chunks.
    uLong crc = crc32(0L, Z_NULL, 0);
    const auto* p = static_cast<const Bytef*>(dest);
    for (uint64_t left = entry.size; left > 0;) {
        const uInt n = static_cast<uInt>(std::min<uint64_t>(left, 1u << 30));
        crc = crc32(crc, p, n);
        p += n;
        left -= n;
    }
    if (static_cast<uint32_t>(crc) != entry.crc)
        throw Error("corrupt archive: CRC mismatch in record '" + entry.name + "'", path_);
}

std::string ZipArchiveReader::readString(const Entry& entry, uint64_t maxBytes) const
{
    if (entry.size > maxBytes)
        throw Error("record '" + entry.name + "' is " + std::to_string(entry.size) + " bytes, more than the " +
                        std::to_string(maxBytes) + " allowed",
                    path_);
    std::string s(entry.size, '\0');
    read(entry, s.data());
    return s;
}

}  // namespace sb
