#include "core/data/DemoPlan.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/data/SeededRng.h"

#include <algorithm>
#include <numeric>

namespace sb::demo {

DemoSize DemoSize::tiny()
{
    DemoSize s;
    s.name = "tiny";
    s.trainRecordingsA = 6;
    s.trainRecordingsOther = 1;
    s.testRecordings = 3;
    s.segments = 2;
    return s;
}

DemoSize DemoSize::small()
{
    DemoSize s;
    s.name = "small";
    return s;
}

DemoSize DemoSize::large()
{
    DemoSize s;
    s.name = "large";
    s.trainRecordingsA = 324;
    s.trainRecordingsOther = 24;
    s.testRecordings = 72;
    return s;
}

DemoSize DemoSize::named(const std::string& name)
{
    if (name == "tiny") return tiny();
    if (name == "small") return small();
    if (name == "large") return large();
    throw Error("unknown demo dataset size '" + name + "' (tiny, small or large)", "size");
}

namespace {

constexpr int kTrainDevices[] = {1, 2, 3, 4, 5};  // b, c, s1, s2, s3 (a records everything)

class Planner {
public:
    Planner(uint64_t seed, const DemoSize& size) : size_(size), rng_(SeededRng::mix(seed, SeededRng::hash("plan")))
    {
        plan_.seed = seed;
        plan_.size = size;
    }

    DemoPlan run()
    {
        if (size_.trainRecordingsA < size_.trainRecordingsOther || size_.testRecordings % 3 != 0 ||
            size_.segments < 1 || size_.recordingsPerLocation < 1)
            throw Error("inconsistent demo size: needs trainRecordingsA >= trainRecordingsOther, testRecordings "
                        "a multiple of 3, segments >= 1",
                        "size");
        for (int scene = 0; scene < int(dcase::kScenes.size()); ++scene) {
            addTraining(scene);
            addTest(scene);
        }
        makeClips();
        return std::move(plan_);
    }

private:
    // Recordings of one scene, spread over the cities, grouped into places.
    std::vector<size_t> addRecordings(int scene, int count, bool test)
    {
        std::vector<size_t> added;
        for (int i = 0; i < count; ++i) {
            if (i % size_.recordingsPerLocation == 0) {
                placeCity_ = int(rng_.below(dcase::kCities.size()));
                place_ = nextPlace_++;
            }
            DemoRecording r;
            r.scene = scene;
            r.city = placeCity_;
            r.place = place_;
            r.take = nextTake_++;
            r.test = test;
            r.seed = SeededRng::mix(plan_.seed, uint64_t(r.take));
            r.placeSeed = SeededRng::mix(plan_.seed ^ SeededRng::hash("place"), uint64_t(r.place));
            plan_.recordings.push_back(r);
            added.push_back(plan_.recordings.size() - 1);
        }
        return added;
    }

    void addTraining(int scene)
    {
        const auto ids = addRecordings(scene, size_.trainRecordingsA, false);
        for (const size_t id : ids) plan_.recordings[id].devices = {0};
        // Each other device records a random few of the same recordings (b, c at the same time
        // as a; s1-s3 simulated from a), so device a dominates like in the official splits.
        for (const int device : kTrainDevices) {
            std::vector<size_t> order(ids);
            for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng_.below(i)]);
            for (int k = 0; k < size_.trainRecordingsOther; ++k) plan_.recordings[order[size_t(k)]].devices.push_back(device);
        }
        for (const size_t id : ids) std::sort(plan_.recordings[id].devices.begin(), plan_.recordings[id].devices.end());
    }

    void addTest(int scene)
    {
        const auto ids = addRecordings(scene, size_.testRecordings, true);
        // In every block of 3 recordings, the 9 devices are dealt out 3 per recording:
        // each device gets the same number of test clips, in varied company.
        for (size_t block = 0; block < ids.size(); block += 3) {
            std::vector<int> devices(dcase::kDevices.size());
            std::iota(devices.begin(), devices.end(), 0);
            for (size_t i = devices.size(); i > 1; --i) std::swap(devices[i - 1], devices[rng_.below(i)]);
            for (size_t r = 0; r < 3; ++r) {
                auto& rec = plan_.recordings[ids[block + r]];
                rec.devices.assign(devices.begin() + long(3 * r), devices.begin() + long(3 * r + 3));
                std::sort(rec.devices.begin(), rec.devices.end());
            }
        }
    }

    void makeClips()
    {
        for (size_t id = 0; id < plan_.recordings.size(); ++id) {
            const auto& r = plan_.recordings[id];
            for (const int device : r.devices)
                for (int s = 0; s < size_.segments; ++s) {
                    DemoClip clip;
                    clip.name = {std::string(dcase::kScenes[size_t(r.scene)]), std::string(dcase::kCities[size_t(r.city)]),
                                 r.location(), s, std::string(dcase::kDevices[size_t(device)])};
                    clip.recording = id;
                    clip.deviceIndex = device;
                    clip.test = r.test;
                    plan_.clips.push_back(clip);
                }
        }
        std::sort(plan_.clips.begin(), plan_.clips.end(),
                  [](const DemoClip& a, const DemoClip& b) { return a.name.fileName() < b.name.fileName(); });
    }

    DemoSize size_;
    SeededRng rng_;
    DemoPlan plan_;
    int nextPlace_ = 100;
    int nextTake_ = 1000;
    int place_ = 0;
    int placeCity_ = 0;
};

}  // namespace

DemoPlan DemoPlan::make(uint64_t seed, const DemoSize& size) { return Planner(seed, size).run(); }

}  // namespace sb::demo
