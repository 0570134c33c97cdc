#pragma once
// Which clips a view, a summary or a run works on: an official split, a custom nested
// stratified subset, the test list, or everything the dataset lists.
#include "core/data/DatasetIndex.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sb {

struct SubsetChoice {
    enum class Kind { Official, Custom, Test, All };
    Kind kind = Kind::Official;
    int officialPercent = 100;   // Kind::Official: 5, 10, 25, 50 or 100
    double customPercent = 5;    // Kind::Custom: (0, 100] of the training pool
    uint64_t seed = 0;           // Kind::Custom

    static SubsetChoice official(int percent);
    static SubsetChoice custom(double percent, uint64_t seed);
    static SubsetChoice test();
    static SubsetChoice all();
};

struct Selection {
    std::vector<size_t> clips;  // indices into DatasetIndex::clips, ascending or list order
    std::string description;    // "official split 5% (split5.csv)", "custom 7% of split100.csv, seed 3", ...
    std::string list;           // the list it was drawn from ("split5", "split100", "test", "" for all)
};

// Throws sb::Error naming what is missing (e.g. the split file) or wrong (the percentage).
Selection selectClips(const DatasetIndex& index, const SubsetChoice& choice);

}  // namespace sb
