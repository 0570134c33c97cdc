#include "core/common/ProcessMemory.h"

#include <malloc.h>

namespace sb {

void keepFreedMemoryForReuse()
{
#ifdef __GLIBC__
    constexpr int kOneGiB = 1 << 30;
    mallopt(M_MMAP_THRESHOLD, kOneGiB);  // blocks below 1 GiB come from the heap ...
    mallopt(M_TRIM_THRESHOLD, kOneGiB);  // ... and up to 1 GiB of free heap stays mapped
#endif
}

}  // namespace sb
