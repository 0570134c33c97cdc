#include "ZipBytes.h"

#include "WavBytes.h"

#include <zlib.h>

#include <stdexcept>

namespace sb::robust {
namespace {

uint64_t readLe(const std::string& b, size_t at, int bytes)
{
    if (at + size_t(bytes) > b.size()) throw std::runtime_error("zipLayout: past the end");
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b[at + size_t(i)]);
    return v;
}

std::string deflated(const std::string& data)
{
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY);  // raw deflate, as zip stores it
    std::string out(deflateBound(&z, uLong(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

}  // namespace

std::string zipBytes(const std::vector<ZipEntrySpec>& entries, const ZipForgery& forgery)
{
    std::string out, central;
    std::vector<uint32_t> headerAt(entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        const ZipEntrySpec& e = entries[i];
        const uint32_t crc = e.crc.value_or(uint32_t(crc32(0, reinterpret_cast<const Bytef*>(e.data.data()), uInt(e.data.size()))));
        const std::string stored = e.deflate ? deflated(e.data) : e.data;
        const uint16_t method = e.method.value_or(e.deflate ? 8 : 0), flags = e.flags.value_or(0);
        const uint32_t size = e.size.value_or(uint32_t(e.data.size())), compressed = e.size.value_or(uint32_t(stored.size()));
        if (e.sameDataAs) {
            headerAt[i] = headerAt[*e.sameDataAs];
        } else {
            headerAt[i] = uint32_t(out.size());
            out += le32(0x04034b50) + le16(20) + le16(flags) + le16(method) + le32(0) + le32(crc) + le32(compressed) +
                   le32(size) + le16(uint16_t(e.name.size())) + le16(0) + e.name + stored;
        }
        central += le32(0x02014b50) + le16(20) + le16(20) + le16(flags) + le16(method) + le32(0) + le32(crc) +
                   le32(compressed) + le32(size) + le16(uint16_t(e.name.size())) + le16(0) + le16(0) + le16(0) + le16(0) +
                   le32(0) + le32(headerAt[i]) + e.name;
    }
    const uint32_t dirOffset = uint32_t(out.size());
    out += central;
    out += le32(0x06054b50) + le16(0) + le16(0) + le16(forgery.count.value_or(uint16_t(entries.size()))) +
           le16(forgery.count.value_or(uint16_t(entries.size()))) + le32(forgery.dirSize.value_or(uint32_t(central.size()))) +
           le32(forgery.dirOffset.value_or(dirOffset)) + le16(uint16_t(forgery.comment.size())) + forgery.comment;
    return out;
}

const ZipLayout::Entry& ZipLayout::entry(const std::string& suffix) const
{
    for (const auto& e : entries)
        if (e.name.size() >= suffix.size() && e.name.compare(e.name.size() - suffix.size(), suffix.size(), suffix) == 0)
            return e;
    throw std::runtime_error("zipLayout: no record " + suffix);
}

ZipLayout zipLayout(const std::string& b)
{
    ZipLayout z;
    z.endOffset = b.rfind(std::string("PK\x05\x06", 4));
    if (z.endOffset == std::string::npos) throw std::runtime_error("zipLayout: no end record");
    const uint64_t count = readLe(b, z.endOffset + 10, 2);
    z.dirOffset = readLe(b, z.endOffset + 16, 4);
    size_t at = z.dirOffset;
    for (uint64_t i = 0; i < count; ++i) {
        ZipLayout::Entry e;
        e.central = at;
        e.size = readLe(b, at + 24, 4);
        const size_t nameLen = readLe(b, at + 28, 2), extraLen = readLe(b, at + 30, 2), commentLen = readLe(b, at + 32, 2);
        e.header = readLe(b, at + 42, 4);
        e.name = b.substr(at + 46, nameLen);
        e.data = e.header + 30 + readLe(b, e.header + 26, 2) + readLe(b, e.header + 28, 2);
        z.entries.push_back(e);
        at += 46 + nameLen + extraLen + commentLen;
    }
    return z;
}

std::vector<ZipEntrySpec> zipRecords(const std::string& archive)
{
    std::vector<ZipEntrySpec> out;
    for (const auto& e : zipLayout(archive).entries) {
        ZipEntrySpec r;
        r.name = e.name;
        r.data = archive.substr(e.data, e.size);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace sb::robust
