#include "core/common/FftSize.h"

#include <algorithm>

namespace sb {

size_t fftFriendlySize(size_t n)
{
    for (size_t m = std::max<size_t>(1, n);; ++m) {
        size_t r = m;
        for (size_t f : {2, 3, 5})
            while (r % f == 0) r /= f;
        if (r == 1) return m;
    }
}

}  // namespace sb
