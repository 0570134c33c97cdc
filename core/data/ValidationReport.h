#pragma once
// What is wrong with a dataset, line by line. Loading never stops at a bad row: the
// row is skipped (or kept, for warnings) and an issue is recorded here. Counts per kind
// are exact; stored entries are capped per kind so that, e.g., 230k missing files do
// not flood memory or a view (the count still says 230k).
#include <array>
#include <string>
#include <vector>

namespace sb {

enum class IssueKind {
    MalformedLine,   // wrong number of fields, empty file name, unreadable header
    BadFileName,     // file name not <scene>-<city>-<loc>-<loc>-<segment>-<device>.wav
    UnknownLabel,    // scene or device label not one of TAU22's
    LabelMismatch,   // scene_label column differs from the scene in the file name
    DuplicateRow,    // the same file listed twice in one list
    NotInMeta,       // a list names a file that meta.csv does not
    MissingAudio,    // no audio file for a listed clip
    BadAudio,        // audio file unreadable or not 1-channel audio (optional check)
    MissingList,     // an expected list file is absent
    SplitNotNested,  // splitN row absent from the next larger split
    SplitOverlap,    // a clip both in a training list and in the test list
};
inline constexpr int kIssueKindCount = 11;

// Stable snake_case names (used in JSON output and the UI): "malformed_line", ...
const char* issueKindName(IssueKind kind);

struct ValidationIssue {
    IssueKind kind = IssueKind::MalformedLine;
    std::string file;     // relative to the dataset root, e.g. "evaluation_setup/fold1_train.csv"
    long line = 0;        // 1-based line in `file`; 0 when the issue is not about a line
    std::string message;  // what is wrong, for a person
    long count = 1;       // problems this entry stands for (>1 for a summarised entry)
};

class ValidationReport {
public:
    static constexpr size_t kMaxEntriesPerKind = 2000;

    void add(IssueKind kind, std::string file, long line, std::string message, long count = 1);

    // Entries in the order they were found (at most kMaxEntriesPerKind per kind).
    const std::vector<ValidationIssue>& entries() const { return entries_; }
    long count(IssueKind kind) const { return counts_[static_cast<size_t>(kind)]; }
    long total() const;
    bool clean() const { return total() == 0; }

private:
    std::vector<ValidationIssue> entries_;
    std::array<long, kIssueKindCount> counts_{};
    std::array<size_t, kIssueKindCount> stored_{};
};

}  // namespace sb
