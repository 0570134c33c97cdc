#pragma once
// FFT lengths with small prime factors: FFTW and torch's pocketfft are ~10× slower on a
// length with a large prime factor than on a neighbouring 2·3·5-smooth one.
#include <cstddef>

namespace sb {

// The smallest integer >= n whose only prime factors are 2, 3 and 5.
size_t fftFriendlySize(size_t n);

}  // namespace sb
