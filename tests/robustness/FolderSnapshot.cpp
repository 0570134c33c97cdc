#include "FolderSnapshot.h"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sb::robust {
namespace {

// FNV-1a over the file's bytes: enough to notice any change a reader could make.
uint64_t hashFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    uint64_t h = 1469598103934665603ull;
    char buffer[65536];
    while (in) {
        in.read(buffer, sizeof buffer);
        for (std::streamsize i = 0; i < in.gcount(); ++i) {
            h ^= static_cast<unsigned char>(buffer[i]);
            h *= 1099511628211ull;
        }
    }
    return h;
}

}  // namespace

FolderSnapshot FolderSnapshot::take(const std::string& folder)
{
    FolderSnapshot s;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::file_status st = it->symlink_status();
        Entry e;
        if (fs::is_symlink(st)) e.type = 'l';
        else if (fs::is_directory(st)) e.type = 'd';
        else if (fs::is_fifo(st)) e.type = 'p';
        else if (fs::is_regular_file(st)) {
            e.size = fs::file_size(it->path());
            e.hash = hashFile(it->path());
        } else e.type = 'o';
        s.entries_[it->path().lexically_relative(folder).string()] = e;  // never resolves links
    }
    return s;
}

std::vector<std::string> FolderSnapshot::differencesFrom(const FolderSnapshot& before) const
{
    std::vector<std::string> out;
    for (const auto& [path, entry] : entries_) {
        const auto it = before.entries_.find(path);
        if (it == before.entries_.end()) out.push_back("added " + path);
        else if (!(it->second == entry)) out.push_back("changed " + path);
    }
    for (const auto& [path, entry] : before.entries_)
        if (!entries_.count(path)) out.push_back("removed " + path);
    return out;
}

}  // namespace sb::robust
