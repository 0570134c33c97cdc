#pragma once
// On-disk cache of front-end outputs, one file per (audio file, front end) pair.
//
// Key: the audio file's identity (canonical path, size, modification time in ns) and the
// front end's fingerprint (every parameter that changes the output). Identity is
// path+size+mtime rather than a content hash because a lookup must stay far cheaper than
// the work it saves: hashing means reading and, for 140k clips, re-reading 6 GB of audio
// on every run. Editing, replacing or touching a file changes its size or mtime, so the
// entry misses. The full key text is stored in each entry and compared on load, so a
// hash collision can never return another clip's features.
//
// Entries are written atomically (temp file + rename), so a crash leaves no partial
// entry; a damaged or truncated entry fails its checksum and reads as Corrupt.
#include "core/features/FrontEnd.h"

#include <string>

namespace sb {

class FeatureCache {
public:
    explicit FeatureCache(std::string directory);

    // $SCENEBENCH_CACHE_DIR, else $XDG_CACHE_HOME/scenebench/features, else
    // ~/.cache/scenebench/features.
    static std::string defaultDirectory();

    enum class Status { Hit, Miss, Corrupt };
    struct Lookup {
        Status status = Status::Miss;
        FeatureMatrix features;  // valid when status == Hit
    };

    // Thread-safe. Throws sb::Error naming the audio file if it cannot be stat'ed.
    Lookup load(const std::string& audioPath, const std::string& fingerprint) const;
    // Thread-safe; a concurrent store of the same entry leaves one complete copy.
    void store(const std::string& audioPath, const std::string& fingerprint, const FeatureMatrix& features) const;

    const std::string& directory() const { return directory_; }
    // Where the entry for this pair lives (whether or not it exists).
    std::string entryPath(const std::string& audioPath, const std::string& fingerprint) const;

private:
    std::string keyText(const std::string& audioPath, const std::string& fingerprint) const;
    std::string pathForKey(const std::string& key) const;

    std::string directory_;
};

}  // namespace sb
