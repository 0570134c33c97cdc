#include "core/data/ValidationReport.h"

#include <numeric>

namespace sb {

const char* issueKindName(IssueKind kind)
{
    switch (kind) {
    case IssueKind::MalformedLine: return "malformed_line";
    case IssueKind::BadFileName: return "bad_file_name";
    case IssueKind::UnknownLabel: return "unknown_label";
    case IssueKind::LabelMismatch: return "label_mismatch";
    case IssueKind::DuplicateRow: return "duplicate_row";
    case IssueKind::NotInMeta: return "not_in_meta";
    case IssueKind::MissingAudio: return "missing_audio";
    case IssueKind::BadAudio: return "bad_audio";
    case IssueKind::MissingList: return "missing_list";
    case IssueKind::SplitNotNested: return "split_not_nested";
    case IssueKind::SplitOverlap: return "split_overlap";
    }
    return "unknown";
}

void ValidationReport::add(IssueKind kind, std::string file, long line, std::string message, long count)
{
    const auto k = static_cast<size_t>(kind);
    counts_[k] += count;
    if (stored_[k] >= kMaxEntriesPerKind) return;
    ++stored_[k];
    entries_.push_back({kind, std::move(file), line, std::move(message), count});
}

long ValidationReport::total() const { return std::accumulate(counts_.begin(), counts_.end(), 0L); }

}  // namespace sb
