#pragma once
// Tab-separated list files of TAU22 (meta.csv, fold1_*.csv, splitN.csv): a header line,
// then one row per clip, UTF-8 text with LF or CRLF line ends (a BOM is accepted).
// Malformed lines (wrong field count, invalid UTF-8, a carriage return inside the line)
// are reported with their line numbers and skipped; the rest of the file still loads.
#include "core/data/ValidationReport.h"

#include <string>
#include <vector>

namespace sb {

struct TsvRow {
    long line = 0;  // 1-based line number in the file (the header is line 1)
    std::vector<std::string> fields;
};

struct TsvTable {
    std::vector<std::string> header;
    std::vector<TsvRow> rows;
    // Index of a header column, or -1.
    int column(const std::string& name) const;
};

// The tab-separated fields of one line (n tabs give n + 1 fields).
std::vector<std::string> splitTabs(const std::string& line);

// Reads `path`; `displayName` names the file in report entries. Throws sb::Error when
// the file cannot be opened, its header line is not UTF-8 text or lacks one of
// `requiredColumns`.
TsvTable readTsv(const std::string& path, const std::string& displayName,
                 const std::vector<std::string>& requiredColumns, ValidationReport& report);

}  // namespace sb
