#pragma once
// Whether every file of a run folder is whole, as a reader after a crash would find it:
// JSON parses, checkpoints and optimiser archives load, .npy arrays read, CSV files end
// with a newline and keep their header's column count, every metrics.jsonl line is an
// event. Atomic-write temporaries (a kill mid-write) are counted, not checked: resume
// deletes them.
#include <string>
#include <vector>

namespace sb::test {

struct RunFolderReport {
    int files = 0;                     // whole files checked
    std::vector<std::string> broken;   // "<relative path>: what is wrong"
    std::vector<std::string> temporaries;
};

RunFolderReport checkRunFolder(const std::string& folder);

}  // namespace sb::test
