#pragma once
// Byte-level zip archives for forged checkpoints: a writer of stored (or deflated)
// records whose every central-directory field can be forged, and a reader of an
// existing archive's layout (where each record's header and bytes lie).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sb::robust {

struct ZipEntrySpec {
    std::string name;
    std::string data;
    bool deflate = false;                 // compress the bytes (method 8)
    std::optional<uint16_t> method = {}, flags = {};
    std::optional<uint32_t> crc = {}, size = {};  // forged central-directory fields
    std::optional<size_t> sameDataAs = {};        // an earlier entry's index: share its local header and bytes
};

struct ZipForgery {
    std::optional<uint16_t> count = {};  // the end record's entry count
    std::optional<uint32_t> dirOffset = {}, dirSize = {};
    std::string comment = {};
};

std::string zipBytes(const std::vector<ZipEntrySpec>& entries, const ZipForgery& forgery = {});

struct ZipLayout {
    struct Entry {
        std::string name;
        uint64_t header = 0, data = 0, size = 0;  // local header offset, data offset, byte count
        uint64_t central = 0;                      // its central directory entry's offset
    };
    std::vector<Entry> entries;
    uint64_t dirOffset = 0, endOffset = 0;

    const Entry& entry(const std::string& suffix) const;  // the first whose name ends with suffix
};

ZipLayout zipLayout(const std::string& archive);  // stored, non-Zip64 archives (torch.save's)
// Every record's name and bytes, in order (to rebuild an archive with one change).
std::vector<ZipEntrySpec> zipRecords(const std::string& archive);

}  // namespace sb::robust
