#include "core/data/NestedSubset.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/data/SeededRng.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace sb {

namespace {

struct Recording {
    std::string key;
    std::vector<size_t> clips;  // pool positions, ordered by segment
};

// One stratum's clips in the seeded, percentage-independent order described in the header.
std::vector<size_t> stratumOrder(const std::vector<Clip>& clips, const std::vector<size_t>& pool,
                                 const std::vector<size_t>& members, uint64_t seed, int scene, int device)
{
    std::map<std::string, std::vector<size_t>> byKey;  // ordered by key: input order is irrelevant
    for (const size_t m : members) byKey[clips[pool[m]].recordingKey()].push_back(m);
    std::vector<Recording> recordings;
    recordings.reserve(byKey.size());
    for (auto& [key, positions] : byKey) {
        std::sort(positions.begin(), positions.end(), [&](size_t x, size_t y) {
            const Clip& a = clips[pool[x]];
            const Clip& b = clips[pool[y]];
            return a.segment != b.segment ? a.segment < b.segment : a.fileName < b.fileName;
        });
        recordings.push_back({key, std::move(positions)});
    }
    const uint64_t stratumSeed = SeededRng::mix(
        seed, SeededRng::mix(SeededRng::hash(dcase::kScenes[size_t(scene)]), SeededRng::hash(dcase::kDevices[size_t(device)])));
    SeededRng rng(stratumSeed);
    for (size_t i = recordings.size(); i > 1; --i) std::swap(recordings[i - 1], recordings[rng.below(i)]);
    std::vector<size_t> order;
    order.reserve(members.size());
    for (const auto& r : recordings) order.insert(order.end(), r.clips.begin(), r.clips.end());
    return order;
}

}  // namespace

std::vector<size_t> nestedStratifiedSubset(const std::vector<Clip>& clips, const std::vector<size_t>& pool,
                                           double percent, uint64_t seed)
{
    if (!(percent > 0 && percent <= 100))
        throw Error("subset percentage must be in (0, 100], got " + std::to_string(percent), "percent");
    std::map<std::pair<int, int>, std::vector<size_t>> strata;  // (scene, device) -> pool positions
    for (size_t p = 0; p < pool.size(); ++p) {
        const Clip& c = clips[pool[p]];
        strata[{c.scene, c.device}].push_back(p);
    }
    std::vector<size_t> chosen;
    for (const auto& [stratum, members] : strata) {
        const auto order = stratumOrder(clips, pool, members, seed, stratum.first, stratum.second);
        const auto take = static_cast<size_t>(std::floor(double(order.size()) * percent / 100.0 + 0.5));
        chosen.insert(chosen.end(), order.begin(), order.begin() + static_cast<long>(std::min(take, order.size())));
    }
    std::sort(chosen.begin(), chosen.end());
    for (auto& p : chosen) p = pool[p];
    return chosen;
}

}  // namespace sb
