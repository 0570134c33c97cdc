#pragma once
// Custom training subsets of any size: stratified by scene x device, seeded, nested.
//
// Algorithm, per stratum (one scene on one device):
//   1. group the stratum's clips by recording (Clip::recordingKey: the 1-s segments of
//      one recording by one device), order recordings by key and segments by number;
//   2. shuffle the recordings with a generator seeded by (seed, scene, device);
//   3. lay the segments out recording after recording, and take the first
//      round(percent/100 * n) clips of that sequence.
// The sequence depends on the seed and the pool only, never on the percentage, so for
// one seed a smaller subset is always a prefix of, hence inside, a larger one. Whole
// recordings are taken (only the last one per stratum may be cut), like the official
// splits, which keep the 10 segments of a recording together: segments of one
// recording are near-duplicates, and splitting them would overstate how much
// different data a small subset holds.
#include "core/data/DatasetIndex.h"

#include <cstdint>
#include <vector>

namespace sb {

// `pool`: indices into `clips` (e.g. the training list). `percent` in (0, 100].
// Returns the chosen indices in pool order. Throws sb::Error for a bad percentage.
std::vector<size_t> nestedStratifiedSubset(const std::vector<Clip>& clips, const std::vector<size_t>& pool,
                                           double percent, uint64_t seed);

}  // namespace sb
