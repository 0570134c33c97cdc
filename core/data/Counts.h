#pragma once
// Clip counts per scene x device x city for a selection of clips, with the marginals a
// table or heatmap needs. Scenes and devices follow dcase::kScenes / kDevices; cities
// follow the DatasetIndex they came from.
#include "core/data/DatasetIndex.h"

#include <string>
#include <vector>

namespace sb {

class Counts {
public:
    explicit Counts(std::vector<std::string> cities);
    // Counts of `selection` (indices into index.clips).
    static Counts of(const DatasetIndex& index, const std::vector<size_t>& selection);

    void add(int scene, int device, int city, long n = 1);

    const std::vector<std::string>& cities() const { return cities_; }
    int sceneCount() const;
    int deviceCount() const;
    int cityCount() const { return static_cast<int>(cities_.size()); }

    long at(int scene, int device, int city) const;
    long sceneDevice(int scene, int device) const;
    long sceneCity(int scene, int city) const;
    long perScene(int scene) const;
    long perDevice(int device) const;
    long perCity(int city) const;
    long total() const { return total_; }

private:
    size_t offset(int scene, int device, int city) const;

    std::vector<std::string> cities_;
    std::vector<long> cells_;  // [scene][device][city]
    long total_ = 0;
};

}  // namespace sb
