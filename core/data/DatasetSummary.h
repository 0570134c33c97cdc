#pragma once
// A selection of a dataset summarised for people and programs: counts per
// scene x device (x city), totals, audio presence and the validation report. The CLI
// prints it; its JSON keys are stable (documented in docs/data.md).
#include "core/data/Counts.h"
#include "core/data/DatasetIndex.h"
#include "core/data/SubsetChoice.h"

#include <nlohmann/json.hpp>

#include <string>

namespace sb {

class DatasetSummary {
public:
    DatasetSummary(const DatasetIndex& index, Selection selection);

    const Counts& counts() const { return counts_; }
    const Selection& selection() const { return selection_; }
    long selectedWithAudio() const { return withAudio_; }

    // `maxIssues`: report entries to include (counts per kind are always complete).
    nlohmann::json toJson(size_t maxIssues = 20) const;
    // Terminal text: tables, then the report condensed to `issuesPerKind` lines per kind.
    std::string toText(size_t issuesPerKind = 3) const;

private:
    std::string countsTable() const;
    std::string citiesTable() const;
    std::string reportText(size_t issuesPerKind) const;

    const DatasetIndex& index_;
    Selection selection_;
    Counts counts_;
    long withAudio_ = 0;
};

}  // namespace sb
