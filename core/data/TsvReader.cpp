#include "core/data/TsvReader.h"

#include "core/common/Error.h"

#include <algorithm>
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
    table.header = splitTabs(line);
    for (const auto& column : requiredColumns)
        if (table.column(column) < 0)
            throw Error("header lacks column '" + column + "' (header: '" + line + "')", atLine(path, 1));
    long number = 1;
    while (std::getline(in, line)) {
        ++number;
        stripLineEnd(line);
        if (line.find_first_not_of(" \t") == std::string::npos) continue;  // blank lines carry nothing
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
