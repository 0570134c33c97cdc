#pragma once
// Torch's global random generator is one per process. Training draws from it (weights
// initialised after a seed, dropout, layer drop) and must draw the same numbers as in a
// run alone, to the bit, even while the GUI builds throw-away models in other threads
// (the complexity meter measures a TF-SepNet on every edit of the student). So every use
// of the generator in SceneBench happens inside one of these two guards:
//  - GlobalRandomUse: a training step, or "seed, then build a model"; one at a time;
//  - GlobalRandomBorrow: a side use (measuring a model); it waits for the current use to
//    end and gives the generator its state back, so the training around it draws the
//    sequence it would have drawn without it.
#include <torch/types.h>

#include <mutex>

namespace sb {

std::mutex& globalRandomMutex();

class GlobalRandomUse {
public:
    GlobalRandomUse() : lock_(globalRandomMutex()) {}

private:
    std::lock_guard<std::mutex> lock_;
};

class GlobalRandomBorrow {
public:
    GlobalRandomBorrow();
    ~GlobalRandomBorrow();
    GlobalRandomBorrow(const GlobalRandomBorrow&) = delete;
    GlobalRandomBorrow& operator=(const GlobalRandomBorrow&) = delete;

private:
    std::lock_guard<std::mutex> lock_;
    torch::Tensor state_;
};

}  // namespace sb
