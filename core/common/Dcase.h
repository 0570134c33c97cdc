#pragma once
// Facts of DCASE 2024 Task 1 (data-efficient low-complexity ASC) and the TAU Urban
// Acoustic Scenes 2022 Mobile development set. Their one home in the code.
// Sources: DCASE 2024 Task 1 task page; shared/spec/science.md.
#include <array>
#include <cstdint>
#include <string_view>

namespace sb::dcase {

// The 10 scene labels, in the order the seed code (and the DCASE submission format) uses.
inline constexpr std::array<std::string_view, 10> kScenes = {
    "airport", "bus", "metro", "metro_station", "park",
    "public_square", "shopping_mall", "street_pedestrian", "street_traffic", "tram"};

// Recording devices: a (reference), b, c (phones), s1-s6 (simulated from a).
inline constexpr std::array<std::string_view, 9> kDevices = {"a", "b", "c", "s1", "s2", "s3", "s4", "s5", "s6"};
// Devices absent from every training split: the "unseen devices" of the test fold.
inline constexpr std::array<std::string_view, 3> kUnseenDevices = {"s4", "s5", "s6"};

// The 10 cities of the development set (the evaluation set adds amsterdam and madrid).
inline constexpr std::array<std::string_view, 10> kCities = {
    "barcelona", "helsinki", "lisbon", "london", "lyon",
    "milan", "paris", "prague", "stockholm", "vienna"};

// Official training subsets (percent of fold1_train) and their row counts.
inline constexpr std::array<int, 5> kSplitPercents = {5, 10, 25, 50, 100};
inline constexpr std::array<long, 5> kSplitRows = {6980, 13960, 34900, 69800, 139620};
inline constexpr long kTestRows = 29680;

// Complexity limits for the submitted model (Task 1 rules).
inline constexpr int64_t kMaxParameterBytes = 128 * 1024;  // 128 kB of parameter memory
inline constexpr int64_t kMaxMacs = 30'000'000;            // per 1-second clip

// Sample rates of the two front ends (science.md).
inline constexpr int kTeacherSampleRate = 16000;  // BEATs
inline constexpr int kStudentSampleRate = 32000;  // TF-SepNet / CpMel
inline constexpr int kDatasetSampleRate = 44100;  // TAU22 audio as distributed

// The DCASE 2024 Task 1 baseline (simplified CP-Mobile, 61,148 parameters): macro accuracy
// on the development-test split per training split, mean and standard deviation over 5
// runs, in percent. Source: CPJKU/dcase2024_task1_baseline README, "Baseline Results"
// (also arXiv 2405.10018, "ranges from 42.40% on the smallest to 56.99% on the largest").
struct BaselineResult {
    int splitPercent;
    double accuracyPercent;
    double stdPercent;
};
inline constexpr std::array<BaselineResult, 5> kBaseline2024 = {{
    {5, 42.40, 0.42}, {10, 45.29, 1.01}, {25, 50.29, 0.87}, {50, 53.19, 0.68}, {100, 56.99, 1.11}}};

int sceneIndex(std::string_view scene);    // -1 if not a TAU22 scene label
int deviceIndex(std::string_view device);  // -1 if not a TAU22 device
bool isUnseenDevice(std::string_view device);

}  // namespace sb::dcase
