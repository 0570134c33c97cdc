#include "core/common/FftwPlannerLock.h"

namespace sb {

std::mutex& fftwPlannerMutex()
{
    static std::mutex mutex;
    return mutex;
}

}  // namespace sb
