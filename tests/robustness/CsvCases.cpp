#include "CsvCases.h"

#include "core/common/Dcase.h"

#include <functional>
#include <map>

namespace sb::robust {
namespace {

using namespace std::string_literals;

const char* const kMeta = "meta.csv";
const char* const kTrain = "evaluation_setup/fold1_train.csv";
const char* const kEvaluate = "evaluation_setup/fold1_evaluate.csv";
const char* const kTestList = "evaluation_setup/fold1_test.csv";
const std::vector<std::string> kSplits = {"split5.csv", "split10.csv", "split25.csv", "split50.csv", "split100.csv"};

struct Clip {
    std::string file, scene, city, location;
};

// 10 scenes x 2 training segments in barcelona, 1 test segment each in helsinki, device a.
std::vector<Clip> clips(bool test)
{
    std::vector<Clip> out;
    for (size_t s = 0; s < dcase::kScenes.size(); ++s) {
        const std::string scene(dcase::kScenes[s]);
        const std::string city = test ? "helsinki" : "barcelona";
        const std::string location = std::to_string((test ? 200 : 100) + s) + "-" + std::to_string((test ? 2000 : 1000) + s);
        for (int segment = 0; segment < (test ? 1 : 2); ++segment)
            out.push_back({"audio/" + scene + "-" + city + "-" + location + "-" + std::to_string(segment) + "-a.wav", scene,
                           city, location});
    }
    return out;
}

// A dataset as lines per list file (header first), rendered with "\n" line ends.
using Lists = std::map<std::string, std::vector<std::string>>;

Lists baseLists()
{
    Lists l;
    const auto train = clips(false), test = clips(true);
    l[kMeta] = {"filename\tscene_label\tidentifier\tsource_label"};
    for (const auto* part : {&train, &test})
        for (const auto& c : *part)
            l[kMeta].push_back(c.file + "\t" + c.scene + "\t" + c.city + "-" + c.location.substr(0, c.location.find('-')) +
                               "\ta");
    l[kTrain] = {"filename\tscene_label"};
    for (const auto& c : train) l[kTrain].push_back(c.file + "\t" + c.scene);
    l[kEvaluate] = {"filename\tscene_label"};
    l[kTestList] = {"filename"};
    for (const auto& c : test) {
        l[kEvaluate].push_back(c.file + "\t" + c.scene);
        l[kTestList].push_back(c.file);
    }
    const size_t counts[] = {2, 4, 6, 10, 20};  // nested prefixes of the training fold
    for (size_t i = 0; i < kSplits.size(); ++i) {
        l[kSplits[i]] = {"filename\tscene_label"};
        for (size_t k = 0; k < counts[i]; ++k) l[kSplits[i]].push_back(train[k].file + "\t" + train[k].scene);
    }
    return l;
}

std::string render(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& line : lines) text += line + "\n";
    return text;
}

class CsvCaseList {
public:
    explicit CsvCaseList(std::string audioFolder) : audio_(std::move(audioFolder)) {}

    // A dataset whose `file` holds `bytes` (or is replaced by `special`); the others are valid.
    void add(const std::string& name, const std::string& file, const std::string& bytes, const std::string& reportFile,
             long line, InputFile::Type type = InputFile::Type::Regular)
    {
        RobustCase c;
        c.name = "csv/" + name;
        c.family = Family::Csv;
        c.loader = Loader::Dataset;
        c.input = "dataset";
        for (const auto& [path, lines] : base_)
            if (path != file) c.files.push_back({"dataset/" + path, render(lines)});
        c.files.push_back({"dataset/" + file, bytes, type});
        c.files.push_back({"dataset/audio", audio_, InputFile::Type::Symlink});
        c.reportFile = reportFile;
        c.reportLine = line;
        cases.push_back(std::move(c));
    }
    // The base with `lines` as the content of `file`; the report must name file:line.
    void lines(const std::string& name, const std::string& file, const std::vector<std::string>& content, long line)
    {
        add(name, file, render(content), file, line);
    }
    const Lists& base() const { return base_; }
    std::vector<RobustCase> cases;

private:
    std::string audio_;
    Lists base_ = baseLists();
};

std::string replaceAll(std::string s, const std::string& from, const std::string& to)
{
    for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
    return s;
}

std::string slug(const std::string& file)
{
    std::string s = file.substr(file.find_last_of('/') + 1);
    return s.substr(0, s.find('.'));
}

// Defects of one row: the row (0-based among data rows) is rewritten, the report must
// name its line (row + 2: the header is line 1).
using RowEdit = std::function<std::string(const std::string& row)>;

std::vector<std::pair<std::string, RowEdit>> rowEdits(bool multiColumn)
{
    std::vector<std::pair<std::string, RowEdit>> edits = {
        {"bom-in-name", [](const std::string& r) { return replaceAll(r, "audio/", "audio/\xEF\xBB\xBF"); }},
        {"cr-cr-lf", [](const std::string& r) { return r + "\r\r"; }},
        {"cr-in-name", [](const std::string& r) { return replaceAll(r, ".wav", ".w\rav"); }},
        {"utf8-ff", [](const std::string& r) { return replaceAll(r, "-a.wav", "-a\xFF.wav"); }},
        {"utf8-overlong-nul", [](const std::string& r) { return replaceAll(r, "audio/", "audio/\xC0\x80"); }},
        {"utf8-lone-continuation", [](const std::string& r) { return replaceAll(r, "audio/", "audio/\x80"); }},
        {"utf8-truncated-sequence", [](const std::string& r) { return replaceAll(r, ".wav", "\xE2\x82.wav"); }},
        {"utf8-surrogate", [](const std::string& r) { return replaceAll(r, "audio/", "audio/\xED\xA0\x80"); }},
        {"utf8-above-10ffff", [](const std::string& r) { return replaceAll(r, "audio/", "audio/\xF4\x90\x80\x80"); }},
        {"nul-in-name", [](const std::string& r) { return replaceAll(r, "-a.wav", "-a\0.wav"s); }},
        {"not-wav", [](const std::string& r) { return replaceAll(r, ".wav", ".mp3"); }},
        {"path-traversal", [](const std::string& r) { return "../../../etc/passwd" + r.substr(r.find(".wav") + 4); }},
        {"segment-not-number", [](const std::string& r) { return replaceAll(r, "-a.wav", "x-a.wav"); }},
        {"segment-overflow", [](const std::string& r) { return replaceAll(r, "-a.wav", "99999999999999999999-a.wav"); }},
        {"seven-name-fields", [](const std::string& r) { return replaceAll(r, "-a.wav", "-1-a.wav"); }},
        {"unknown-device", [](const std::string& r) { return replaceAll(r, "-a.wav", "-z9.wav"); }},
        {"huge-name", [](const std::string& r) { return replaceAll(r, "audio/", "audio/" + std::string(100000, 'q')); }},
        {"unknown-file", [](const std::string& r) { return replaceAll(r, "-a.wav", "-b.wav"); }},
    };
    if (multiColumn) {
        const std::vector<std::pair<std::string, RowEdit>> more = {
            {"empty-name", [](const std::string& r) { return r.substr(r.find('\t')); }},
            {"comma-separated", [](const std::string& r) { return replaceAll(r, "\t", ","); }},
            {"semicolon-separated", [](const std::string& r) { return replaceAll(r, "\t", ";"); }},
            {"space-separated", [](const std::string& r) { return replaceAll(r, "\t", " "); }},
            {"double-tab", [](const std::string& r) { return replaceAll(r, "\t", "\t\t"); }},
            {"missing-field", [](const std::string& r) { return r.substr(0, r.find_last_of('\t')); }},
            {"extra-field", [](const std::string& r) { return r + "\textra"; }},
            {"label-unknown", [](const std::string& r) { return r.substr(0, r.find('\t')) + "\tspaceport" + r.substr(r.find('\t', r.find('\t') + 1) == std::string::npos ? r.size() : r.find('\t', r.find('\t') + 1)); }},
            {"label-bad-utf8", [](const std::string& r) { return replaceAll(r, "\t", "\t\xFE"); }},
            {"label-trailing-space", [](const std::string& r) { return replaceAll(r, "\t", " \t"); }},
        };
        edits.insert(edits.end(), more.begin(), more.end());
    }
    return edits;
}

void rowDefects(CsvCaseList& list, std::mt19937& rng)
{
    for (const auto& [file, lines] : list.base()) {
        const bool multi = file != kTestList;
        const size_t rows = lines.size() - 1;
        for (const auto& [editName, edit] : rowEdits(multi)) {
            // One row chosen by the seed.
            const size_t row = std::uniform_int_distribution<size_t>(0, rows - 1)(rng);
            auto content = lines;
            content[row + 1] = edit(content[row + 1]);
            list.lines(editName + "-" + slug(file) + "-row-" + std::to_string(row + 1), file, content, long(row) + 2);
        }
    }
}

void fileDefects(CsvCaseList& list, std::mt19937& rng)
{
    for (const auto& [file, lines] : list.base()) {
        const std::string text = render(lines), s = slug(file);
        list.add("empty-file-" + s, file, "", file, 1);
        list.add("blank-lines-only-" + s, file, "\n\n\n", file, 1);
        list.add("bom-only-" + s, file, "\xEF\xBB\xBF", file, 1);
        list.add("double-bom-" + s, file, "\xEF\xBB\xBF\xEF\xBB\xBF" + text, file, 1);
        list.add("cr-line-ends-" + s, file, replaceAll(text, "\n", "\r"), file, 1);
        list.add("header-bad-utf8-" + s, file, "\xFF" + text, file, 1);
        std::string utf16 = "\xFF\xFE";
        for (const char ch : text) utf16 += std::string(1, ch) + '\0';
        list.add("utf16le-" + s, file, utf16, file, 1);
        std::string garbage(2048, '\0');
        for (auto& b : garbage) b = char(std::uniform_int_distribution<int>(0, 255)(rng));
        list.add("binary-garbage-" + s, file, garbage, file, 1);
        auto renamed = lines;
        renamed[0] = replaceAll(renamed[0], "filename", "file_name");
        list.lines("header-renamed-column-" + s, file, renamed, 1);
        // A defect after CRLF and a BOM, both of which are accepted on their own.
        auto crlf = lines;
        crlf.back() += "\textra";
        list.add("bom-crlf-then-extra-field-" + s, file, "\xEF\xBB\xBF" + replaceAll(render(crlf), "\n", "\r\n"), file,
                 long(lines.size()));
        auto dup = lines;
        dup.push_back(lines[1]);
        list.lines("duplicate-first-row-at-end-" + s, file, dup, long(dup.size()));
        auto dupHeader = lines;
        dupHeader.insert(dupHeader.begin() + 2, lines[0]);
        list.lines("header-repeated-as-row-" + s, file, dupHeader, 3);
        auto merged = text;
        merged[merged.find('\n', merged.find('\n') + 1)] = '\r';  // the first row's end becomes a lone CR
        list.add("lone-cr-merges-rows-" + s, file, merged, file, 2);
        if (file == kTestList) continue;
        list.add("comma-separated-file-" + s, file, replaceAll(text, "\t", ","), file, 1);
        auto noLabel = lines;
        noLabel[0] = replaceAll(noLabel[0], "scene_label", "label");
        list.lines("header-missing-scene-label-" + s, file, noLabel, 1);
        auto swapped = lines;
        swapped[0] = file == kMeta ? "scene_label\tfilename\tidentifier\tsource_label" : "scene_label\tfilename";
        list.lines("header-columns-swapped-" + s, file, swapped, 2);
    }
}

void semanticDefects(CsvCaseList& list)
{
    const Lists& base = list.base();
    const auto train = clips(false), test = clips(true);
    // A training clip in split5.csv that split10.csv lacks.
    auto split5 = base.at("split5.csv");
    split5.push_back(train[15].file + "\t" + train[15].scene);
    list.lines("split-not-nested", "split5.csv", split5, long(split5.size()));
    // A test clip in a training split: the test list's line is reported.
    for (const auto& split : kSplits) {
        auto content = base.at(split);
        content.push_back(test[3].file + "\t" + test[3].scene);
        list.add("test-clip-in-" + slug(split), split, render(content), kEvaluate, 5);
    }
    auto evaluate = base.at(kEvaluate);
    evaluate.push_back(train[0].file + "\t" + train[0].scene);
    list.add("training-clip-in-test-list", kEvaluate, render(evaluate), kEvaluate, long(evaluate.size()));
    // Two lists disagree on a clip's scene.
    auto relabelled = base.at(kTrain);
    relabelled[3] = train[2].file + "\t" + std::string(dcase::kScenes[5]);
    list.lines("label-contradicts-meta", kTrain, relabelled, 4);
    // A list that is a directory or a FIFO is absent: the missing list is reported.
    for (const std::string file : {kTrain, kEvaluate, "split5.csv", "split50.csv", "split100.csv"}) {
        list.add("directory-instead-of-" + slug(file), file, "", file, 0, InputFile::Type::Directory);
        list.add("fifo-instead-of-" + slug(file), file, "", file, 0, InputFile::Type::Fifo);
    }
}

}  // namespace

std::vector<std::string> baseAudioFiles()
{
    std::vector<std::string> out;
    for (const bool test : {false, true})
        for (const auto& c : clips(test)) out.push_back(c.file.substr(6));
    return out;
}

std::vector<RobustCase> csvCases(std::mt19937& rng, const std::string& audioFolder)
{
    CsvCaseList list(audioFolder);
    list.lines("control", kMeta, list.base().at(kMeta), 0);
    list.cases.back().valid = true;
    rowDefects(list, rng);
    fileDefects(list, rng);
    semanticDefects(list);
    return list.cases;
}

}  // namespace sb::robust
