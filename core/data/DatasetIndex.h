#pragma once
// A loaded dataset as plain values: every clip any list names, the lists themselves as
// clip indices, and the validation report. Built by loadDataset(); read by subsets,
// counts, the CLI and the UI's Dataset view. Immutable once built, so any thread may
// read it.
#include "core/data/ValidationReport.h"

#include <map>
#include <string>
#include <vector>

namespace sb {

enum class DatasetLayout {
    Tau22,       // meta.csv at the root (the dataset as distributed, or the demo dataset)
    SplitsOnly,  // no meta.csv: only list files (e.g. tests/data/dcase2024-task1-splits)
};
const char* layoutName(DatasetLayout layout);  // "tau22", "splits-only"

struct Clip {
    std::string fileName;  // as listed: "audio/airport-lisbon-1000-40000-0-a.wav"
    int scene = -1;        // index into dcase::kScenes
    int device = -1;       // index into dcase::kDevices
    int city = -1;         // index into DatasetIndex::cities
    std::string location;  // "1000-40000"
    int segment = 0;
    bool hasAudio = false;  // the audio file exists (false when not checked or absent)

    // The segments of one recording by one device share this key; subsets keep them
    // together (see NestedSubset.h).
    std::string recordingKey() const;
};

// Canonical list names, whatever file they came from.
namespace lists {
inline constexpr const char* kMeta = "meta";                  // meta.csv
inline constexpr const char* kTrain = "fold1_train";          // evaluation_setup/fold1_train.csv
inline constexpr const char* kEvaluate = "fold1_evaluate";    // evaluation_setup/fold1_evaluate.csv
inline constexpr const char* kTestUnlabelled = "fold1_test";  // evaluation_setup/fold1_test.csv
inline constexpr const char* kTest = "test";                  // DCASE 2024 test.csv (= fold1_evaluate)
std::string split(int percent);                               // "split5" ... "split100"
}  // namespace lists

struct DatasetIndex {
    std::string root;
    DatasetLayout layout = DatasetLayout::Tau22;
    std::vector<std::string> cities;  // the 10 TAU22 cities first, others after (sorted)
    std::vector<Clip> clips;          // each file once, in order of first mention
    std::map<std::string, std::vector<size_t>> lists;     // list name -> clip indices, file order
    std::map<std::string, std::string> listFiles;         // list name -> file, relative to root
    bool audioFolderPresent = false;
    bool audioChecked = false;        // hasAudio flags are meaningful
    ValidationReport report;

    bool hasList(const std::string& name) const { return lists.count(name) > 0; }
    // Throws sb::Error naming the list when it is absent.
    const std::vector<size_t>& list(const std::string& name) const;
    // The full training set: split100, else fold1_train, else the largest splitN present.
    std::string trainingPoolName() const;
    // The labelled test set: fold1_evaluate, else test; empty string when neither.
    std::string testListName() const;
    long clipsWithAudio() const;
};

}  // namespace sb
