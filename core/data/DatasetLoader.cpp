#include "core/data/DatasetLoader.h"

#include "core/audio/AudioFile.h"
#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"
#include "core/data/ClipName.h"
#include "core/data/TsvReader.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace fs = std::filesystem;

namespace sb {

namespace {

struct ListSpec {
    std::string name;
    std::vector<std::string> candidates;  // relative to the root, first existing wins
    std::vector<std::string> columns;     // required header columns
};

std::vector<ListSpec> listSpecs()
{
    std::vector<ListSpec> specs = {
        {lists::kMeta, {"meta.csv"}, {"filename", "scene_label"}},
        {lists::kTrain, {"evaluation_setup/fold1_train.csv"}, {"filename", "scene_label"}},
        {lists::kEvaluate, {"evaluation_setup/fold1_evaluate.csv"}, {"filename", "scene_label"}},
        {lists::kTestUnlabelled, {"evaluation_setup/fold1_test.csv"}, {"filename"}},
    };
    for (const int p : dcase::kSplitPercents) {
        const std::string file = lists::split(p) + ".csv";
        specs.push_back({lists::split(p), {file, "split_setup/" + file, "evaluation_setup/" + file}, {"filename", "scene_label"}});
    }
    specs.push_back({lists::kTest, {"test.csv", "split_setup/test.csv"}, {"filename", "scene_label"}});
    return specs;
}

std::string findCandidate(const std::string& root, const ListSpec& spec)
{
    for (const auto& c : spec.candidates)
        if (fs::is_regular_file(fs::path(root) / c)) return c;
    return {};
}

// Where a clip was first named, for report lines about the clip itself.
struct FirstMention {
    std::string file;
    long line = 0;
};

class Loader {
public:
    Loader(const DatasetLoadParams& params, JobObserver* observer, CancellationToken& token)
        : params_(params), observer_(observer), token_(token)
    {
    }

    DatasetIndex run();

private:
    void readList(const ListSpec& spec, const std::string& relative);
    void addRow(const std::string& listName, const std::string& file, const TsvTable& table, const TsvRow& row);
    size_t clipFor(const ClipName& name, int scene, int device, const std::string& file, long line,
                   const std::string& listName);
    void reportMissingLists();
    void checkNesting();
    void checkOverlap();
    void finishCities();
    void checkAudioPresence();
    void probeAudioFiles();

    const DatasetLoadParams& params_;
    JobObserver* observer_;
    CancellationToken& token_;
    DatasetIndex index_;
    std::unordered_map<std::string, size_t> byFile_;
    std::vector<std::string> cityNames_;  // per clip, resolved to indices at the end
    std::vector<FirstMention> firstMention_;
    std::map<std::string, std::vector<long>> listLines_;  // list name -> line of each entry
    std::unordered_map<size_t, long> seenInList_;         // clip -> line, for the list being read
};

DatasetIndex Loader::run()
{
    index_.root = params_.root;
    index_.layout = detectLayout(params_.root);
    const auto specs = listSpecs();
    ProgressTracker progress(observer_, "reading lists", long(specs.size()));
    for (const auto& spec : specs) {
        token_.checkpoint();
        const std::string relative = findCandidate(params_.root, spec);
        if (!relative.empty()) readList(spec, relative);
        progress.advance();
    }
    reportMissingLists();
    checkNesting();
    checkOverlap();
    finishCities();
    if (params_.checkAudio) checkAudioPresence();
    if (params_.checkAudio && params_.probeAudio) probeAudioFiles();
    return std::move(index_);
}

void Loader::readList(const ListSpec& spec, const std::string& relative)
{
    TsvTable table;
    try {
        table = readTsv((fs::path(params_.root) / relative).string(), relative, spec.columns, index_.report);
    } catch (const Error& e) {
        // A whole file is unusable (no header, unreadable): report it, load the others.
        index_.report.add(IssueKind::MalformedLine, relative, 1, e.message());
        return;
    }
    index_.lists[spec.name];  // an empty but present list is still a list
    seenInList_.clear();
    index_.listFiles[spec.name] = relative;
    for (size_t r = 0; r < table.rows.size(); ++r) {
        if (r % 4096 == 0) token_.checkpoint();
        addRow(spec.name, relative, table, table.rows[r]);
    }
}

void Loader::addRow(const std::string& listName, const std::string& file, const TsvTable& table, const TsvRow& row)
{
    const std::string& fileName = row.fields[size_t(table.column("filename"))];
    std::string why;
    const auto name = parseClipName(fileName, &why);
    if (!name) {
        index_.report.add(IssueKind::BadFileName, file, row.line, "'" + fileName + "': " + why);
        return;
    }
    const int labelColumn = table.column("scene_label");
    const std::string label = labelColumn >= 0 ? row.fields[size_t(labelColumn)] : name->scene;
    const int scene = dcase::sceneIndex(label);
    const int device = dcase::deviceIndex(name->device);
    if (scene < 0) {
        index_.report.add(IssueKind::UnknownLabel, file, row.line, "unknown scene label '" + label + "'");
        return;
    }
    if (device < 0) {
        index_.report.add(IssueKind::UnknownLabel, file, row.line, "unknown device '" + name->device + "' in '" + fileName + "'");
        return;
    }
    if (label != name->scene)
        index_.report.add(IssueKind::LabelMismatch, file, row.line,
                          "scene_label '" + label + "' but the file name says '" + name->scene + "'");
    const int sourceColumn = table.column("source_label");
    if (sourceColumn >= 0 && row.fields[size_t(sourceColumn)] != name->device)
        index_.report.add(IssueKind::LabelMismatch, file, row.line,
                          "source_label '" + row.fields[size_t(sourceColumn)] + "' but the file name says device '" +
                              name->device + "'");
    const size_t clip = clipFor(*name, scene, device, file, row.line, listName);
    const auto [seen, isNew] = seenInList_.emplace(clip, row.line);
    if (!isNew) {
        index_.report.add(IssueKind::DuplicateRow, file, row.line,
                          "'" + fileName + "' listed again (first at line " + std::to_string(seen->second) + ")");
        return;
    }
    index_.lists[listName].push_back(clip);
    listLines_[listName].push_back(row.line);
}

size_t Loader::clipFor(const ClipName& name, int scene, int device, const std::string& file, long line,
                       const std::string& listName)
{
    const std::string fileName = name.fileName();
    const auto it = byFile_.find(fileName);
    if (it != byFile_.end()) {
        const Clip& known = index_.clips[it->second];
        if (known.scene != scene)
            index_.report.add(IssueKind::LabelMismatch, file, line,
                              "labelled '" + std::string(dcase::kScenes[size_t(scene)]) + "' here but '" +
                                  std::string(dcase::kScenes[size_t(known.scene)]) + "' in " +
                                  firstMention_[it->second].file);
        return it->second;
    }
    if (listName != lists::kMeta && index_.hasList(lists::kMeta))
        index_.report.add(IssueKind::NotInMeta, file, line, "'" + fileName + "' is not in meta.csv");
    Clip clip;
    clip.fileName = fileName;
    clip.scene = scene;
    clip.device = device;
    clip.location = name.location;
    clip.segment = name.segment;
    index_.clips.push_back(std::move(clip));
    cityNames_.push_back(name.city);
    firstMention_.push_back({file, line});
    byFile_.emplace(fileName, index_.clips.size() - 1);
    return index_.clips.size() - 1;
}

void Loader::reportMissingLists()
{
    auto missing = [&](const std::string& file, const std::string& why) {
        index_.report.add(IssueKind::MissingList, file, 0, why);
    };
    if (index_.layout == DatasetLayout::Tau22) {
        if (!index_.hasList(lists::kTrain)) missing("evaluation_setup/fold1_train.csv", "training list not found");
        if (!index_.hasList(lists::kEvaluate)) missing("evaluation_setup/fold1_evaluate.csv", "test list not found");
    }
    std::vector<std::string> absent;
    for (const int p : dcase::kSplitPercents)
        if (!index_.hasList(lists::split(p))) absent.push_back(lists::split(p) + ".csv");
    if (absent.empty()) return;
    std::string names;
    for (const auto& a : absent) names += (names.empty() ? "" : ", ") + a;
    missing(absent.front(), "official DCASE 2024 split lists not found: " + names +
                                " (looked in the folder, split_setup/ and evaluation_setup/)");
}

void Loader::checkNesting()
{
    std::vector<int> present;
    for (const int p : dcase::kSplitPercents)
        if (index_.hasList(lists::split(p))) present.push_back(p);
    for (size_t i = 0; i + 1 < present.size(); ++i) {
        const std::string small = lists::split(present[i]);
        const std::string large = lists::split(present[i + 1]);
        const auto& bigger = index_.lists[large];
        const std::unordered_set<size_t> inLarge(bigger.begin(), bigger.end());
        const auto& entries = index_.lists[small];
        for (size_t k = 0; k < entries.size(); ++k)
            if (!inLarge.count(entries[k]))
                index_.report.add(IssueKind::SplitNotNested, index_.listFiles[small], listLines_[small][k],
                                  "'" + index_.clips[entries[k]].fileName + "' is not in " + index_.listFiles[large]);
    }
}

void Loader::checkOverlap()
{
    const std::string test = index_.testListName();
    if (test.empty()) return;
    std::unordered_set<size_t> training;
    for (const auto& [name, entries] : index_.lists)
        if (name == lists::kTrain || name.rfind("split", 0) == 0) training.insert(entries.begin(), entries.end());
    const auto& entries = index_.lists[test];
    for (size_t k = 0; k < entries.size(); ++k)
        if (training.count(entries[k]))
            index_.report.add(IssueKind::SplitOverlap, index_.listFiles[test], listLines_[test][k],
                              "'" + index_.clips[entries[k]].fileName + "' is also in a training list");
}

void Loader::finishCities()
{
    std::set<std::string> extra;
    for (const auto& c : cityNames_)
        if (std::find(dcase::kCities.begin(), dcase::kCities.end(), c) == dcase::kCities.end()) extra.insert(c);
    index_.cities.assign(dcase::kCities.begin(), dcase::kCities.end());
    index_.cities.insert(index_.cities.end(), extra.begin(), extra.end());
    std::unordered_map<std::string, int> cityIndex;
    for (size_t i = 0; i < index_.cities.size(); ++i) cityIndex[index_.cities[i]] = int(i);
    for (size_t i = 0; i < index_.clips.size(); ++i) index_.clips[i].city = cityIndex[cityNames_[i]];
}

void Loader::checkAudioPresence()
{
    const fs::path audioDir = fs::path(params_.root) / "audio";
    index_.audioChecked = true;
    index_.audioFolderPresent = fs::is_directory(audioDir);
    const long clipCount = long(index_.clips.size());
    if (!index_.audioFolderPresent) {
        // Metadata only: one summarising line, not one per clip.
        if (clipCount > 0)
            index_.report.add(IssueKind::MissingAudio, "audio/", 0,
                              "audio folder not found: all " + std::to_string(clipCount) +
                                  " listed clips have no audio (metadata only)",
                              clipCount);
        return;
    }
    // One directory listing instead of a stat() per clip: much faster on 230k files.
    std::unordered_set<std::string> present;
    ProgressTracker progress(observer_, "listing audio", 0);
    long seen = 0;
    for (const auto& entry : fs::directory_iterator(audioDir)) {
        if (++seen % 4096 == 0) {
            token_.checkpoint();
            progress.advance(4096);
        }
        present.insert("audio/" + entry.path().filename().string());
    }
    long missing = 0;
    for (auto& clip : index_.clips) {
        clip.hasAudio = present.count(clip.fileName) > 0;
        missing += clip.hasAudio ? 0 : 1;
    }
    if (missing == clipCount && clipCount > 0) {
        index_.report.add(IssueKind::MissingAudio, "audio/", 0,
                          "none of the " + std::to_string(clipCount) + " listed clips has a file in audio/", clipCount);
        return;
    }
    for (size_t i = 0; i < index_.clips.size(); ++i)
        if (!index_.clips[i].hasAudio)
            index_.report.add(IssueKind::MissingAudio, firstMention_[i].file, firstMention_[i].line,
                              "no audio file " + index_.clips[i].fileName);
}

void Loader::probeAudioFiles()
{
    std::vector<std::string> problems(index_.clips.size());
    ProgressTracker progress(observer_, "probing audio", long(index_.clips.size()));
    const int threads = params_.threads > 0 ? params_.threads : defaultThreadCount();
    parallelFor(index_.clips.size(), threads, [&](size_t begin, size_t end) {
        token_.checkpoint();
        for (size_t i = begin; i < end; ++i) {
            const Clip& clip = index_.clips[i];
            if (!clip.hasAudio) continue;
            try {
                const AudioInfo info = probeAudio((fs::path(params_.root) / clip.fileName).string());
                if (info.channels != 1 || info.frames == 0)
                    problems[i] = clip.fileName + ": " + std::to_string(info.channels) + " channel(s), " +
                                  std::to_string(info.frames) + " frames (expected mono, non-empty)";
            } catch (const Error& e) {
                problems[i] = e.what();
            }
        }
        progress.advance(long(end - begin));
    }, 256);
    for (size_t i = 0; i < problems.size(); ++i)
        if (!problems[i].empty())
            index_.report.add(IssueKind::BadAudio, firstMention_[i].file, firstMention_[i].line, problems[i]);
}

}  // namespace

DatasetLayout detectLayout(const std::string& root)
{
    if (!fs::is_directory(root)) throw Error("dataset folder does not exist", root);
    if (fs::is_regular_file(fs::path(root) / "meta.csv")) return DatasetLayout::Tau22;
    for (const auto& spec : listSpecs())
        if (!findCandidate(root, spec).empty()) return DatasetLayout::SplitsOnly;
    throw Error("not a TAU22 dataset folder: no meta.csv and no list files "
                "(splitN.csv, test.csv, evaluation_setup/fold1_*.csv)",
                root);
}

DatasetIndex loadDataset(const DatasetLoadParams& params, JobObserver* observer, CancellationToken& token)
{
    return Loader(params, observer, token).run();
}

}  // namespace sb
