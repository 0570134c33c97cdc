#include "core/data/DatasetSummary.h"

#include "core/common/Dcase.h"

#include <iomanip>
#include <sstream>

namespace sb {

DatasetSummary::DatasetSummary(const DatasetIndex& index, Selection selection)
    : index_(index), selection_(std::move(selection)), counts_(Counts::of(index, selection_.clips))
{
    for (const size_t i : selection_.clips) withAudio_ += index.clips[i].hasAudio ? 1 : 0;
}

nlohmann::json DatasetSummary::toJson(size_t maxIssues) const
{
    using nlohmann::json;
    json j;
    j["root"] = index_.root;
    j["layout"] = layoutName(index_.layout);
    j["selection"] = {{"description", selection_.description}, {"list", selection_.list},
                      {"clips", selection_.clips.size()}};
    j["scenes"] = json(std::vector<std::string>(dcase::kScenes.begin(), dcase::kScenes.end()));
    j["devices"] = json(std::vector<std::string>(dcase::kDevices.begin(), dcase::kDevices.end()));
    j["cities"] = index_.cities;
    json sceneDevice = json::array(), sceneDeviceCity = json::array(), perScene = json::array();
    for (int s = 0; s < counts_.sceneCount(); ++s) {
        json row = json::array(), cube = json::array();
        for (int d = 0; d < counts_.deviceCount(); ++d) {
            row.push_back(counts_.sceneDevice(s, d));
            json cities = json::array();
            for (int c = 0; c < counts_.cityCount(); ++c) cities.push_back(counts_.at(s, d, c));
            cube.push_back(cities);
        }
        sceneDevice.push_back(row);
        sceneDeviceCity.push_back(cube);
        perScene.push_back(counts_.perScene(s));
    }
    json perDevice = json::array(), perCity = json::array();
    for (int d = 0; d < counts_.deviceCount(); ++d) perDevice.push_back(counts_.perDevice(d));
    for (int c = 0; c < counts_.cityCount(); ++c) perCity.push_back(counts_.perCity(c));
    j["counts"] = {{"total", counts_.total()},         {"per_scene", perScene},
                   {"per_device", perDevice},          {"per_city", perCity},
                   {"scene_device", sceneDevice},      {"scene_device_city", sceneDeviceCity}};
    json listsJson = json::object();
    for (const auto& [name, entries] : index_.lists)
        listsJson[name] = {{"file", index_.listFiles.at(name)}, {"clips", entries.size()}};
    j["lists"] = listsJson;
    j["audio"] = {{"checked", index_.audioChecked},
                  {"folder_present", index_.audioFolderPresent},
                  {"selected_with_audio", withAudio_},
                  {"selected_without_audio", long(selection_.clips.size()) - withAudio_}};
    json kinds = json::object();
    for (int k = 0; k < kIssueKindCount; ++k)
        kinds[issueKindName(IssueKind(k))] = index_.report.count(IssueKind(k));
    json entries = json::array();
    for (const auto& e : index_.report.entries()) {
        if (entries.size() >= maxIssues) break;
        entries.push_back({{"kind", issueKindName(e.kind)}, {"file", e.file}, {"line", e.line},
                           {"message", e.message}, {"count", e.count}});
    }
    j["validation"] = {{"total", index_.report.total()}, {"counts", kinds}, {"entries", entries}};
    return j;
}

std::string DatasetSummary::countsTable() const
{
    std::ostringstream out;
    out << std::left << std::setw(18) << "scene" << std::right;
    for (const auto d : dcase::kDevices) out << std::setw(7) << d;
    out << std::setw(8) << "total" << "\n";
    for (int s = 0; s < counts_.sceneCount(); ++s) {
        out << std::left << std::setw(18) << dcase::kScenes[size_t(s)] << std::right;
        for (int d = 0; d < counts_.deviceCount(); ++d) out << std::setw(7) << counts_.sceneDevice(s, d);
        out << std::setw(8) << counts_.perScene(s) << "\n";
    }
    out << std::left << std::setw(18) << "total" << std::right;
    for (int d = 0; d < counts_.deviceCount(); ++d) out << std::setw(7) << counts_.perDevice(d);
    out << std::setw(8) << counts_.total() << "\n";
    return out.str();
}

std::string DatasetSummary::citiesTable() const
{
    std::ostringstream out;
    for (int c = 0; c < counts_.cityCount(); ++c) {
        out << "  " << std::left << std::setw(12) << counts_.cities()[size_t(c)] << std::right << std::setw(7)
            << counts_.perCity(c) << ((c % 4 == 3 || c + 1 == counts_.cityCount()) ? "\n" : "");
    }
    return out.str();
}

std::string DatasetSummary::reportText(size_t issuesPerKind) const
{
    const ValidationReport& report = index_.report;
    std::ostringstream out;
    out << "Validation: " << (report.clean() ? "clean" : std::to_string(report.total()) + " problem(s)") << "\n";
    for (int k = 0; k < kIssueKindCount; ++k) {
        const auto kind = IssueKind(k);
        if (report.count(kind) == 0) continue;
        out << "  " << std::left << std::setw(17) << issueKindName(kind) << std::right << std::setw(7)
            << report.count(kind) << "\n";
        size_t shown = 0;
        long coveredByShown = 0;  // an entry may stand for many problems (e.g. no audio folder)
        for (const auto& e : report.entries()) {
            if (e.kind != kind || shown >= issuesPerKind) continue;
            out << "      " << e.file << (e.line > 0 ? ":" + std::to_string(e.line) : "") << ": " << e.message << "\n";
            ++shown;
            coveredByShown += e.count;
        }
        if (report.count(kind) > coveredByShown)
            out << "      ... and " << report.count(kind) - coveredByShown << " more\n";
    }
    return out.str();
}

std::string DatasetSummary::toText(size_t issuesPerKind) const
{
    std::ostringstream out;
    out << "Dataset:   " << index_.root << " (layout " << layoutName(index_.layout) << ")\n";
    out << "Selection: " << selection_.description << ", " << selection_.clips.size() << " clips\n";
    out << "Lists:    ";
    for (const auto& [name, entries] : index_.lists) out << " " << index_.listFiles.at(name) << " (" << entries.size() << ")";
    out << "\n";
    if (!index_.audioChecked)
        out << "Audio:     not checked\n";
    else if (!index_.audioFolderPresent)
        out << "Audio:     no audio/ folder (metadata only)\n";
    else
        out << "Audio:     " << withAudio_ << " of " << selection_.clips.size() << " selected clips have a file\n";
    out << "\nClips per scene x device\n" << countsTable() << "\nClips per city\n" << citiesTable() << "\n";
    out << reportText(issuesPerKind);
    return out.str();
}

}  // namespace sb
