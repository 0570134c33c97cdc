#pragma once
// The parameters and MACs (1-s clip) of each student size (width, depth, mel bins) the
// Runs view lists, measured once per size and kept for the view's life: its reloads,
// every 2 s while a run trains, measure nothing again. (Measuring never disturbs a run
// training in this process: sb::measureTfSepNet borrows torch's generator and restores it.)
// Thread-safe: the view's load jobs share one.
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

    // The size's figures, measured the first time it is asked for.
    Size get(int width, int depth, int mels);

private:
    std::mutex mutex_;
    std::map<std::tuple<int, int, int>, Size> sizes_;
};

}  // namespace sb::ui
