#pragma once
// Atomic file writes: write a temporary file beside the target, fsync, rename.
// A crash or kill at any moment leaves either the old file or the new one, never a mix.
#include <string>

namespace sb {

void writeFileAtomic(const std::string& path, const std::string& contents);

// Whether `fileName` is the temporary of an atomic write ("<target>.tmp.<pid>.<n>").
bool isAtomicTemporary(const std::string& fileName);

// Deletes, under `folder` (recursively), the temporaries that writers killed mid-write
// left behind, and returns how many. Only for a folder no live writer uses (e.g. a run
// whose RunLock the caller holds): a live writer's temporary would vanish under it.
int removeAtomicTemporaries(const std::string& folder);

// Appends `line` and a newline to `path` (created if needed) in one write() with
// O_APPEND: writers on several processes or nodes never interleave within a line.
void appendLine(const std::string& path, const std::string& line);

// Streaming variant for large outputs: write to stream(), then commit().
// Destroying it without commit() removes the temporary file and keeps the old target.
class AtomicFileWriter {
public:
    explicit AtomicFileWriter(std::string path);
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(const char* data, size_t size);
    void write(const std::string& text) { write(text.data(), text.size()); }
    void commit();

private:
    std::string path_;
    std::string tempPath_;
    int fd_ = -1;
};

}  // namespace sb
