#include "core/common/Dcase.h"

#include <algorithm>

namespace sb::dcase {

template <typename Array>
static int indexIn(const Array& names, std::string_view name)
{
    const auto it = std::find(names.begin(), names.end(), name);
    return it == names.end() ? -1 : static_cast<int>(it - names.begin());
}

int sceneIndex(std::string_view scene) { return indexIn(kScenes, scene); }
int deviceIndex(std::string_view device) { return indexIn(kDevices, device); }
bool isUnseenDevice(std::string_view device) { return indexIn(kUnseenDevices, device) >= 0; }

}  // namespace sb::dcase
