#pragma once
// Read-only view of a zip archive as torch.save writes it: stored (uncompressed) records,
// optionally Zip64. Every offset and size is checked against the file before use, and
// records may not overlap, so a truncated or forged archive gives sb::Error, never a
// crash or a huge allocation.
#include <cstdint>
#include <string>
#include <vector>

namespace sb {

class ZipArchiveReader {
public:
    struct Entry {
        std::string name;
        uint64_t headerOffset = 0;  // where its local header starts
        uint64_t dataOffset = 0;    // where the record's bytes start in the file
        uint64_t size = 0;
        uint32_t crc = 0;
    };

    explicit ZipArchiveReader(std::string path);
    ~ZipArchiveReader();
    ZipArchiveReader(const ZipArchiveReader&) = delete;
    ZipArchiveReader& operator=(const ZipArchiveReader&) = delete;

    const std::vector<Entry>& entries() const { return entries_; }
    const Entry* find(const std::string& name) const;  // nullptr if absent
    // Reads the whole record into dest (entry.size bytes) and checks its CRC-32.
    void read(const Entry& entry, void* dest) const;
    // The record as a string; sb::Error if it is larger than maxBytes.
    std::string readString(const Entry& entry, uint64_t maxBytes) const;
    const std::string& path() const { return path_; }

private:
    void readAt(uint64_t offset, void* dest, uint64_t size) const;
    void parseCentralDirectory();
    void refuseOverlaps() const;
    uint64_t localDataOffset(uint64_t headerOffset, const std::string& name) const;

    std::string path_;
    int fd_ = -1;
    uint64_t fileSize_ = 0;
    std::vector<Entry> entries_;
};

}  // namespace sb
