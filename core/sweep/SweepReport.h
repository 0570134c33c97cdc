#pragma once
// The learning curve of a sweep as a table: for each model (and ensemble, when the sweep
// varies it) and each subset size, test accuracy as mean ± standard deviation over the
// seeds of the finished cells, with seen/unseen-device accuracy; and the mean over the
// sizes, the paper's figure of merit (only for rows that have every size).
// A teacher (or a student without KD) run for several ensembles of the same size and
// seed counts once.
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace sb {

class SweepPlan;

struct ReportStats {
    double mean = 0, std = 0;  // accuracy in [0, 1]; std: sample (n − 1), 0 for one run
    double seen = 0, unseen = 0;  // means
    std::vector<int> seeds;
    std::vector<double> values;  // per seed, in `seeds` order
};

struct ReportRow {
    std::string ensemble;  // "" for teachers and no-KD students, or when the sweep has one ensemble
    std::string model;
    std::vector<std::optional<ReportStats>> bySize;  // aligned with SweepReport::sizes
    std::optional<double> sizeMean;  // mean over sizes of the per-size means
};

struct SweepReport {
    std::string sweep;
    std::vector<double> sizes;  // subset percentages, ascending
    std::vector<ReportRow> rows;
    int cellsDone = 0, cellsTotal = 0;
};

SweepReport makeSweepReport(const SweepPlan& plan);
std::string reportTable(const SweepReport& report);
std::string reportCsv(const SweepReport& report);
nlohmann::json reportJson(const SweepReport& report);

}  // namespace sb
