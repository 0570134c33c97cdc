#pragma once
// Loads a TAU22-style dataset folder into a DatasetIndex, as a job: progress goes to
// the observer, the token is polled between files and every few thousand rows, so the
// real dataset (~230k files) can be loaded from a GUI worker thread and cancelled.
//
// Layout detection (see docs/data.md):
//   - DIR/meta.csv exists                          -> DatasetLayout::Tau22
//   - else any list file below exists              -> DatasetLayout::SplitsOnly
//   - else sb::Error("not a TAU22 dataset folder")
// List files looked for (the first existing candidate wins):
//   meta.csv; evaluation_setup/fold1_{train,evaluate,test}.csv;
//   splitN.csv (N = 5, 10, 25, 50, 100) in DIR, DIR/split_setup or DIR/evaluation_setup;
//   test.csv (the DCASE 2024 test list) in DIR or DIR/split_setup.
// Bad rows never stop loading: they are skipped and recorded in index.report.
#include "core/common/CancellationToken.h"
#include "core/common/JobObserver.h"
#include "core/data/DatasetIndex.h"

#include <string>

namespace sb {

struct DatasetLoadParams {
    std::string root;
    bool checkAudio = true;   // look for each clip's audio file (one listing of DIR/audio)
    bool probeAudio = false;  // also open every audio header (slow on the full dataset)
    int threads = 0;          // for probeAudio; 0 = defaultThreadCount()
};

// Throws sb::Error when `root` is not a dataset folder or a list file is unreadable
// as a whole (missing header columns); sb::Cancelled when the token is cancelled.
DatasetIndex loadDataset(const DatasetLoadParams& params, JobObserver* observer, CancellationToken& token);

// Just the layout decision, without reading anything (throws like loadDataset).
DatasetLayout detectLayout(const std::string& root);

}  // namespace sb
