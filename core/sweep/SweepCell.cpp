#include "core/sweep/SweepCell.h"

#include "core/common/Error.h"

#include <algorithm>
#include <cstdio>
#include <set>

namespace sb {
namespace {

// 2.5 -> "2.5", 7 -> "7": the shortest text that reads back as the same number.
std::string shortNumber(double value)
{
    char text[32];
    for (int digits = 1; digits <= 17; ++digits) {
        std::snprintf(text, sizeof text, "%.*g", digits, value);
        if (std::stod(text) == value) break;
    }
    return text;
}

// Teacher names may hold any character; an id is a folder name and a Slurm log name.
std::string idPart(const std::string& name)
{
    std::string out;
    for (const char c : name) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                           c == '-' || c == '_';
        out += plain ? c : '_';
    }
    return out;
}

std::string cellId(const SweepCell& cell, bool withEnsemble)
{
    std::string id = cell.percent > 0 ? "pct" + shortNumber(cell.percent) : "split" + std::to_string(cell.split);
    id += "-seed" + std::to_string(cell.seed);
    if (withEnsemble) {
        std::string names;
        for (const auto& n : cell.ensemble) names += (names.empty() ? "" : "+") + idPart(n);
        id += "-" + names;
    }
    return id;
}

}  // namespace

std::vector<SweepCell> expandSweep(const ExperimentConfig& config)
{
    const SweepConfig& w = config.sweep;
    // Each axis: the sweep's values, else the experiment's own single value.
    std::vector<std::pair<int, double>> sizes;  // (split, percent)
    for (int s : w.splits) sizes.push_back({s, 0.0});
    for (double p : w.percents) sizes.push_back({0, p});
    if (sizes.empty())
        sizes.push_back(config.dataset.percent > 0 ? std::make_pair(0, config.dataset.percent)
                                                   : std::make_pair(config.dataset.split, 0.0));
    const std::vector<int> seeds = w.seeds.empty() ? std::vector<int>{config.seed} : w.seeds;
    const std::vector<std::vector<std::string>> ensembles =
        w.ensembles.empty() ? std::vector<std::vector<std::string>>{{}} : w.ensembles;

    std::vector<SweepCell> cells;
    std::set<std::string> ids;
    for (const auto& [split, percent] : sizes)
        for (int seed : seeds)
            for (const auto& ensemble : ensembles) {
                SweepCell cell;
                cell.index = cells.size();
                cell.split = split;
                cell.percent = percent;
                cell.seed = seed;
                cell.ensemble = ensemble;
                cell.id = cellId(cell, !w.ensembles.empty());
                if (!ids.insert(cell.id).second)
                    throw Error("two cells would share the id '" + cell.id +
                                    "': rename the teachers so their names differ in letters, digits, '.', '-' or '_'",
                                "sweep.ensembles");
                cells.push_back(cell);
            }
    return cells;
}

ExperimentConfig cellExperiment(const ExperimentConfig& config, const SweepCell& cell)
{
    ExperimentConfig c = config;
    c.sweep = SweepConfig{};
    c.name = config.name + " " + cell.id;
    c.seed = cell.seed;
    c.dataset.split = cell.split > 0 ? cell.split : config.dataset.split;
    c.dataset.percent = cell.percent;
    if (!config.sweep.ensembles.empty()) {
        std::set<std::string> used;
        for (const auto& e : config.sweep.ensembles) used.insert(e.begin(), e.end());
        c.teachers.clear();
        for (const auto& t : config.teachers)
            if (used.count(t.name)) c.teachers.push_back(t);
        c.ensemble = cell.ensemble;
    }
    return c;
}

}  // namespace sb
