#pragma once
// One generated bad input of the robustness suite: the files to write, the reader to
// drive, and what its error must name. Cases are plain values made by the generators
// (AudioCases, CsvCases, ExperimentCases, CheckpointCases) and run by CaseRunner.
#include <string>
#include <vector>

namespace sb::robust {

enum class Family { Audio, Csv, Experiment, Checkpoint };
const char* familyName(Family family);

// Which product entry point the isolated child calls (see ChildLoaders.h).
enum class Loader {
    Audio,           // probeAudio + FeatureExtractor (CpMel and fbank), as `features` and training do
    Dataset,         // loadDataset + selectClips + DatasetSummary text and JSON, as `dataset summary`
    Experiment,      // readExperiment, as `run`
    Checkpoint,      // readCheckpoint, as `model convert` and `model inspect` begin
    CheckpointModel, // readCheckpoint + detectModel + measure + strict load: `model inspect`, `eval`
};

struct InputFile {
    enum class Type { Regular, Fifo, Directory, Symlink };
    std::string path;   // relative to the case folder
    std::string bytes;  // Regular: the content; Symlink: the target
    Type type = Type::Regular;
};

struct RobustCase {
    std::string name;  // unique, e.g. "audio/wav16-truncated-at-43"
    Family family = Family::Audio;
    Loader loader = Loader::Audio;
    std::vector<InputFile> files;
    std::string input;  // relative to the case folder (or absolute, e.g. /dev/zero)
    // Substrings the error message must contain besides the file (e.g. the field path).
    std::vector<std::string> mustName;
    // Dataset cases: a validation-report entry must name this list file (relative to the
    // dataset root) and, when line > 0, this line; a thrown sb::Error must name the file.
    std::string reportFile;
    long reportLine = 0;
    // A control: a valid input that must load (with a clean report), which shows that the
    // bad cases fail because of their defect and not because the harness is wrong.
    bool valid = false;
};

}  // namespace sb::robust
