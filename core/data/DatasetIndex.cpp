#include "core/data/DatasetIndex.h"

#include "core/common/Dcase.h"
#include "core/common/Error.h"

#include <algorithm>

namespace sb {

const char* layoutName(DatasetLayout layout)
{
    return layout == DatasetLayout::Tau22 ? "tau22" : "splits-only";
}

std::string Clip::recordingKey() const
{
    // The file name minus the segment number: scene-city-location-device.
    const std::string base = fileName.substr(fileName.find_last_of('/') + 1);
    const size_t deviceDash = base.rfind('-');
    const size_t segmentDash = base.rfind('-', deviceDash - 1);
    return base.substr(0, segmentDash) + base.substr(deviceDash, base.size() - deviceDash - 4);
}

std::string lists::split(int percent) { return "split" + std::to_string(percent); }

const std::vector<size_t>& DatasetIndex::list(const std::string& name) const
{
    const auto it = lists.find(name);
    if (it == lists.end()) throw Error("the dataset has no list '" + name + "'", root);
    return it->second;
}

std::string DatasetIndex::trainingPoolName() const
{
    if (hasList(lists::split(100))) return lists::split(100);
    if (hasList(lists::kTrain)) return lists::kTrain;
    for (auto it = dcase::kSplitPercents.rbegin(); it != dcase::kSplitPercents.rend(); ++it)
        if (hasList(lists::split(*it))) return lists::split(*it);
    return {};
}

std::string DatasetIndex::testListName() const
{
    if (hasList(lists::kEvaluate)) return lists::kEvaluate;
    if (hasList(lists::kTest)) return lists::kTest;
    return {};
}

long DatasetIndex::clipsWithAudio() const
{
    return static_cast<long>(std::count_if(clips.begin(), clips.end(), [](const Clip& c) { return c.hasAudio; }));
}

}  // namespace sb
