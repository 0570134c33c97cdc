#include "ui/runs/StudentSizes.h"

#include "ui/workbench/ErrorText.h"

#include "core/features/CpMel.h"
#include "core/models/Complexity.h"

#include <QObject>

namespace sb::ui {

StudentSizes::Size StudentSizes::get(int width, int depth, int mels)
{
    const auto key = std::make_tuple(width, depth, mels);
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        const auto found = sizes_.find(key);
        if (found != sizes_.end()) return found->second;
    }
    Size size;
    try {
        const sb::ModelComplexity c = sb::measureTfSepNet(width, depth, mels, sb::CpMel::framesPerSecond());
        size.params = c.params;
        size.macs = c.macs;
    } catch (const std::exception& e) {
        size.error = errorText(e).simplified();
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    sizes_.emplace(key, size);
    return size;
}

}  // namespace sb::ui
