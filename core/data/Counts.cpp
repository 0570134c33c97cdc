#include "core/data/Counts.h"

#include "core/common/Dcase.h"

namespace sb {

Counts::Counts(std::vector<std::string> cities)
    : cities_(std::move(cities)), cells_(dcase::kScenes.size() * dcase::kDevices.size() * cities_.size(), 0)
{
}

Counts Counts::of(const DatasetIndex& index, const std::vector<size_t>& selection)
{
    Counts counts(index.cities);
    for (const size_t i : selection) {
        const Clip& c = index.clips[i];
        counts.add(c.scene, c.device, c.city);
    }
    return counts;
}

int Counts::sceneCount() const { return static_cast<int>(dcase::kScenes.size()); }
int Counts::deviceCount() const { return static_cast<int>(dcase::kDevices.size()); }

size_t Counts::offset(int scene, int device, int city) const
{
    return (size_t(scene) * dcase::kDevices.size() + size_t(device)) * cities_.size() + size_t(city);
}

void Counts::add(int scene, int device, int city, long n)
{
    cells_[offset(scene, device, city)] += n;
    total_ += n;
}

long Counts::at(int scene, int device, int city) const { return cells_[offset(scene, device, city)]; }

long Counts::sceneDevice(int scene, int device) const
{
    long n = 0;
    for (int c = 0; c < cityCount(); ++c) n += at(scene, device, c);
    return n;
}

long Counts::sceneCity(int scene, int city) const
{
    long n = 0;
    for (int d = 0; d < deviceCount(); ++d) n += at(scene, d, city);
    return n;
}

long Counts::perScene(int scene) const
{
    long n = 0;
    for (int d = 0; d < deviceCount(); ++d) n += sceneDevice(scene, d);
    return n;
}

long Counts::perDevice(int device) const
{
    long n = 0;
    for (int s = 0; s < sceneCount(); ++s) n += sceneDevice(s, device);
    return n;
}

long Counts::perCity(int city) const
{
    long n = 0;
    for (int s = 0; s < sceneCount(); ++s) n += sceneCity(s, city);
    return n;
}

}  // namespace sb
