#include "core/data/TsvReader.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cstdint>
#include <fstream>

namespace sb {

int TsvTable::column(const std::string& name) const
{
    const auto it = std::find(header.begin(), header.end(), name);
    return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

std::vector<std::string> splitTabs(const std::string& line)
{
    std::vector<std::string> fields;
    size_t start = 0;
    for (;;) {
        const size_t tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) return fields;
        start = tab + 1;
    }
}

static void stripLineEnd(std::string& line)
{
    if (!line.empty() && line.back() == '\r') line.pop_back();
}

// Where the first byte that is not well-formed UTF-8 sits (overlong forms, surrogates and
// code points above U+10FFFF included), or npos. Lists are UTF-8 text; anything else would
// reach the report, the JSON summary and the views as bytes nothing can display.
static size_t invalidUtf8At(const std::string& s)
{
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        const size_t n = (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (n == 0 || i + n > s.size()) return i;
        uint32_t cp = c & (0x7f >> n);
        for (size_t k = 1; k < n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d >> 6) != 2) return i;
            cp = (cp << 6) | (d & 0x3f);
        }
        const uint32_t smallest = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
        if (cp < smallest || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
        i += n;
    }
    return std::string::npos;
}

// Why a line (its line end already stripped) is not text a list can hold; empty if it is.
static std::string unreadable(const std::string& line)
{
    if (line.find('\r') != std::string::npos)
        return "carriage return inside the line (old Mac line ends?); lists end lines with LF or CRLF";
    const size_t bad = invalidUtf8At(line);
    if (bad != std::string::npos) return "not valid UTF-8 text (byte " + std::to_string(bad + 1) + " of the line)";
    return {};
}

static std::string malformedReason(const std::string& line, size_t got, size_t want)
{
    std::string why = "expected " + std::to_string(want) + " tab-separated fields, found " + std::to_string(got);
    if (got == 1 && line.find(',') != std::string::npos) why += " (comma-separated? TAU22 lists use tabs)";
    return why;
}

TsvTable readTsv(const std::string& path, const std::string& displayName,
                 const std::vector<std::string>& requiredColumns, ValidationReport& report)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open list file", path);
    TsvTable table;
    std::string line;
    if (!std::getline(in, line)) throw Error("empty list file (no header line)", path);
    stripLineEnd(line);
    if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 byte-order mark
    if (const std::string why = unreadable(line); !why.empty()) throw Error("header line: " + why, atLine(path, 1));
    table.header = splitTabs(line);
    for (const auto& column : requiredColumns)
        if (table.column(column) < 0)
            throw Error("header lacks column '" + column + "' (header: '" + line + "')", atLine(path, 1));
    long number = 1;
    while (std::getline(in, line)) {
        ++number;
        stripLineEnd(line);
        if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines carry nothing
        if (const std::string why = unreadable(line); !why.empty()) {
            report.add(IssueKind::MalformedLine, displayName, number, why);
            continue;
        }
        auto fields = splitTabs(line);
        if (fields.size() != table.header.size()) {
            report.add(IssueKind::MalformedLine, displayName, number,
                       malformedReason(line, fields.size(), table.header.size()));
            continue;
        }
        table.rows.push_back({number, std::move(fields)});
    }
    return table;
}

}  // namespace sb
