#pragma once
// The parameters and MACs (1-s clip) of each student size (width, depth, mel bins) the
// Runs view lists, measured once per size and kept for the view's life: its reloads,
// every 2 s while a run trains, measure nothing again. Measuring builds a TF-SepNet, whose
// initialisation draws from torch's global random numbers, as a run's dropout does; so a
// size not measured yet is left unmeasured while a run trains in this process (the run
// then gets exactly the numbers `scenebench-cli` would). Thread-safe: the view's load jobs
// share one.
#include <QString>

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <tuple>

namespace sb::ui {

class StudentSizes {
public:
    struct Size {
        std::optional<int64_t> params, macs;
        QString error;  // why they are missing
    };

    // The size's figures, measuring it first unless `mayMeasure` is false: then a size not
    // measured yet comes back without figures, saying so.
    Size get(int width, int depth, int mels, bool mayMeasure);

private:
    std::mutex mutex_;
    std::map<std::tuple<int, int, int>, Size> sizes_;
};

}  // namespace sb::ui
