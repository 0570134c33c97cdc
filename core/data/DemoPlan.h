#pragma once
// Which recordings and clips the demo dataset holds, decided before any audio exists.
// Mirrors TAU22's structure: places (locations) in 10 cities, several recordings per
// place, each recording cut into 1-s segments, recorded by several devices at once
// (a, b, c) or simulated from a (s1-s6). Training and test use different places.
#include "core/data/ClipName.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sb::demo {

struct DemoSize {
    std::string name;
    int trainRecordingsA = 54;      // per scene: training recordings by device a
    int trainRecordingsOther = 4;   // per scene and device b, c, s1, s2, s3
    int testRecordings = 12;        // per scene; each recorded by 3 of the 9 devices
    int segments = 5;               // 1-s segments per recording
    int recordingsPerLocation = 3;  // recordings made at one place

    static DemoSize tiny();   // 220 training clips, 180 test clips: smoke tests
    static DemoSize small();  // 3,700 training clips, 1,800 test clips
    static DemoSize large();  // 22,200 training clips, 10,800 test clips
    // "tiny", "small" or "large"; throws sb::Error for anything else.
    static DemoSize named(const std::string& name);
};

struct DemoRecording {
    int scene = 0, city = 0;
    int place = 0;    // first location number, shared by the recordings of one place
    int take = 0;     // second location number, unique per recording
    bool test = false;
    std::vector<int> devices;  // dcase::kDevices indices, ascending
    uint64_t seed = 0;         // everything random about its audio derives from this
    uint64_t placeSeed = 0;    // what its place shares with the other recordings there
    std::string location() const { return std::to_string(place) + "-" + std::to_string(take); }
};

struct DemoClip {
    ClipName name;
    size_t recording = 0;  // index into DemoPlan::recordings
    int deviceIndex = 0;
    bool test = false;
};

struct DemoPlan {
    uint64_t seed = 0;
    DemoSize size;
    std::vector<DemoRecording> recordings;
    std::vector<DemoClip> clips;  // sorted by file name

    static DemoPlan make(uint64_t seed, const DemoSize& size);
};

}  // namespace sb::demo
