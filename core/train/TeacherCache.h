#pragma once
// Trained teachers shared between runs: a sweep's cells of the same subset and seed (one
// per ensemble), or a sweep planned again with another student. An entry holds what the
// teacher stage leaves in a run (its checkpoint, models/<name>/ with its logits,
// predictions and embeddings, its summary entry and its metrics events), under a key
// made of everything that decides the result: the teacher's settings and position, the
// seed, the dataset and the exact training, test and validation clips, the encoder file,
// the device IRs, the thread count and the device. A run that finds its key restores the
// entry instead of training; one that does not trains and stores it.
// The entry's lock (a FileLock on <key>.lock) is held for the object's life, so of two
// cells that need the same teacher at once one trains it and the other waits, then
// restores it. Entries appear by renaming a finished folder, so a kill never leaves half
// of one.
#include "core/common/FileLock.h"

#include <cstdint>
#include "core/experiment/MetricsLog.h"
#include "core/experiment/RunDirectory.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sb {

struct TeacherCacheInputs {
    nlohmann::json teacher;  // the teacher's entry of the experiment file
    size_t position = 0;     // its place in the teacher list (its initial weights depend on it)
    int seed = 0;
    std::string datasetRoot;
    std::vector<std::string> trainFiles, testFiles, validationFiles;
    std::string encoder;  // the pre-trained encoder's checkpoint file
    std::string irs;      // the device IR folder, when the teacher uses IRs
    int threads = 0;
    std::string device;
};

class TeacherCache {
public:
    // Computes the key and waits for the entry's lock.
    TeacherCache(const std::string& folder, const TeacherCacheInputs& inputs);

    const std::string& key() const { return key_; }
    // Copies the entry into `run` as teacher `name` and appends its metrics events to
    // `log`; false when there is no entry (or a stale one with another description).
    bool restore(const RunDirectory& run, const std::string& name, MetricsLog& log) const;
    // Stores teacher `name` of `run`; its metrics events are those of that model from byte
    // `metricsFrom` of the run's metrics.jsonl on.
    void store(const RunDirectory& run, const std::string& name, uint64_t metricsFrom) const;

private:
    std::string entry() const;
    std::string folder_;
    nlohmann::json description_;
    std::string key_;
    FileLock lock_;
};

}  // namespace sb
