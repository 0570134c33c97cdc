#include "core/sweep/SweepReport.h"

#include "core/common/Error.h"
#include "core/experiment/RunDirectory.h"
#include "core/sweep/SweepPlan.h"
#include "core/sweep/SweepStatus.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace sb {
namespace {

struct Sample {
    int seed = 0;
    double accuracy = 0, seen = 0, unseen = 0;
};

using RowKey = std::pair<std::string, std::string>;  // (ensemble label, model)

nlohmann::json readSummary(const std::string& runFolder)
{
    const std::string path = (fs::path(runFolder) / RunDirectory::kSummaryFile).string();
    std::ifstream in(path);
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("unreadable summary: ") + e.what(), path);
    }
}

std::string ensembleLabel(const SweepCell& cell)
{
    std::string label;
    for (const auto& n : cell.ensemble) label += (label.empty() ? "" : "+") + n;
    return label;
}

ReportStats stats(std::vector<Sample> samples)
{
    std::sort(samples.begin(), samples.end(), [](const Sample& a, const Sample& b) { return a.seed < b.seed; });
    ReportStats s;
    const double n = double(samples.size());
    for (const auto& x : samples) {
        s.seeds.push_back(x.seed);
        s.values.push_back(x.accuracy);
        s.mean += x.accuracy / n;
        s.seen += x.seen / n;
        s.unseen += x.unseen / n;
    }
    double squares = 0;
    for (const auto& x : samples) squares += (x.accuracy - s.mean) * (x.accuracy - s.mean);
    s.std = samples.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
    return s;
}

// Models in the order a reader expects: teachers (as the experiment lists them), then
// per ensemble: ensemble, students; anything else after, by name.
int modelRank(const std::string& model, const std::vector<std::string>& teachers)
{
    const auto t = std::find(teachers.begin(), teachers.end(), model);
    if (t != teachers.end()) return int(t - teachers.begin());
    static const std::vector<std::string> order = {"ensemble", "student", "student-int8", "student-nokd",
                                                   "student-nokd-int8"};
    const auto o = std::find(order.begin(), order.end(), model);
    return 1000 + (o != order.end() ? int(o - order.begin()) : int(order.size()));
}

// `text` right-aligned in `width` characters; "±" is one character but two bytes.
std::string padded(const std::string& text, size_t width)
{
    size_t characters = 0;
    for (const unsigned char c : text) characters += (c & 0xC0) != 0x80;
    return std::string(width > characters ? width - characters : 0, ' ') + text;
}

std::string percentText(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

}  // namespace

SweepReport makeSweepReport(const SweepPlan& plan)
{
    SweepReport report;
    report.sweep = plan.name();
    report.cellsTotal = int(plan.cells().size());
    std::set<double> sizes;
    for (const auto& c : plan.cells()) sizes.insert(c.subsetPercent());
    report.sizes.assign(sizes.begin(), sizes.end());

    std::vector<std::string> teachers;
    for (const auto& t : cellExperiment(plan.config(), plan.cells().front()).teachers) teachers.push_back(t.name);
    const bool severalEnsembles = plan.config().sweep.ensembles.size() > 1;

    std::map<RowKey, std::map<double, std::map<int, Sample>>> samples;  // row -> size -> seed -> sample
    for (const auto& cell : plan.cells()) {
        const std::string run = plan.runFolder(cell);
        if (!isRunFinished(run)) continue;
        ++report.cellsDone;
        const nlohmann::json summary = readSummary(run);
        for (const auto& [model, m] : summary.items()) {
            if (!m.is_object() || !m.contains("accuracy")) continue;
            // A teacher, or a student without KD, is the same in every ensemble's cell of a
            // size and seed: it counts once.
            const bool sharedModel = std::count(teachers.begin(), teachers.end(), model) > 0 ||
                                     model.rfind("student-nokd", 0) == 0;
            const RowKey key{sharedModel || !severalEnsembles ? "" : ensembleLabel(cell), model};
            samples[key][cell.subsetPercent()][cell.seed] = {cell.seed, m.value("accuracy", 0.0),
                                                             m.value("accuracy_seen_devices", 0.0),
                                                             m.value("accuracy_unseen_devices", 0.0)};
        }
    }
    for (const auto& [key, bySize] : samples) {
        ReportRow row{key.first, key.second, {}, {}};
        double sum = 0;
        for (double size : report.sizes) {
            const auto it = bySize.find(size);
            if (it == bySize.end()) {
                row.bySize.push_back(std::nullopt);
                continue;
            }
            std::vector<Sample> values;
            for (const auto& [seed, s] : it->second) values.push_back(s);
            row.bySize.push_back(stats(values));
            sum += row.bySize.back()->mean;
        }
        if (std::all_of(row.bySize.begin(), row.bySize.end(), [](const auto& s) { return s.has_value(); }))
            row.sizeMean = sum / double(report.sizes.size());
        report.rows.push_back(row);
    }
    // Shared rows first, then the ensembles in the sweep's order.
    std::map<std::string, size_t> ensembleOrder = {{"", 0}};
    for (const auto& cell : plan.cells()) ensembleOrder.emplace(ensembleLabel(cell), ensembleOrder.size());
    std::stable_sort(report.rows.begin(), report.rows.end(), [&](const ReportRow& a, const ReportRow& b) {
        if (a.ensemble != b.ensemble) return ensembleOrder[a.ensemble] < ensembleOrder[b.ensemble];
        return modelRank(a.model, teachers) < modelRank(b.model, teachers);
    });
    return report;
}

std::string reportTable(const SweepReport& r)
{
    std::ostringstream out;
    out << "sweep " << r.sweep << ": " << r.cellsDone << " of " << r.cellsTotal
        << " cells done; test accuracy %, mean ± std over seeds (n)\n";
    size_t nameWidth = 10;
    for (const auto& row : r.rows)
        nameWidth = std::max(nameWidth, row.model.size() + (row.ensemble.empty() ? 0 : row.ensemble.size() + 2));
    char text[64];
    out << std::string(nameWidth, ' ');
    for (double size : r.sizes) out << padded(percentText(size) + " %", 18);
    out << padded("size mean", 12) << "\n";
    for (const auto& row : r.rows) {
        const std::string name = row.ensemble.empty() ? row.model : row.ensemble + ": " + row.model;
        out << name << std::string(nameWidth - name.size(), ' ');
        for (const auto& s : row.bySize) {
            if (s) std::snprintf(text, sizeof text, "%.1f ± %.1f (%zu)", 100 * s->mean, 100 * s->std, s->values.size());
            out << padded(s ? text : "-", 18);
        }
        if (row.sizeMean) std::snprintf(text, sizeof text, "%.1f", 100 * *row.sizeMean);
        out << padded(row.sizeMean ? text : "-", 12) << "\n";
    }
    return out.str();
}

std::string reportCsv(const SweepReport& r)
{
    std::ostringstream out;
    out << "ensemble,model,percent,runs,mean,std,seen_mean,unseen_mean,seeds\n";
    char number[32];
    auto fixed = [&](double v) {
        std::snprintf(number, sizeof number, "%.6f", v);
        return std::string(number);
    };
    for (const auto& row : r.rows)
        for (size_t i = 0; i < r.sizes.size(); ++i) {
            if (!row.bySize[i]) continue;
            const auto& s = *row.bySize[i];
            std::string seeds;
            for (int seed : s.seeds) seeds += (seeds.empty() ? "" : " ") + std::to_string(seed);
            out << '"' << row.ensemble << "\",\"" << row.model << "\"," << percentText(r.sizes[i]) << ','
                << s.values.size() << ',' << fixed(s.mean) << ',' << fixed(s.std) << ',' << fixed(s.seen) << ','
                << fixed(s.unseen) << ',' << seeds << "\n";
        }
    return out.str();
}

nlohmann::json reportJson(const SweepReport& r)
{
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : r.rows) {
        nlohmann::json bySize = nlohmann::json::object();
        for (size_t i = 0; i < r.sizes.size(); ++i) {
            if (!row.bySize[i]) continue;
            const auto& s = *row.bySize[i];
            bySize[percentText(r.sizes[i])] = {{"mean", s.mean},     {"std", s.std},         {"seen", s.seen},
                                               {"unseen", s.unseen}, {"seeds", s.seeds},     {"values", s.values}};
        }
        rows.push_back({{"ensemble", row.ensemble},
                        {"model", row.model},
                        {"by_percent", bySize},
                        {"size_mean", row.sizeMean ? nlohmann::json(*row.sizeMean) : nlohmann::json()}});
    }
    return {{"sweep", r.sweep}, {"percents", r.sizes}, {"cells_done", r.cellsDone}, {"cells_total", r.cellsTotal},
            {"rows", rows}};
}

}  // namespace sb
