#pragma once
// What a folder holds, recursively: each entry's relative path, type, size and content
// hash (regular files), taken without following links or opening FIFOs. Two snapshots
// compared tell which files appeared, disappeared or changed.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sb::robust {

class FolderSnapshot {
public:
    static FolderSnapshot take(const std::string& folder);

    // "added x", "removed y", "changed z" for every difference from `before`.
    std::vector<std::string> differencesFrom(const FolderSnapshot& before) const;
    size_t size() const { return entries_.size(); }

private:
    struct Entry {
        char type = 'f';  // f regular, d directory, l link, p FIFO, o other
        uint64_t size = 0;
        uint64_t hash = 0;
        bool operator==(const Entry& o) const { return type == o.type && size == o.size && hash == o.hash; }
    };
    std::map<std::string, Entry> entries_;
};

}  // namespace sb::robust
