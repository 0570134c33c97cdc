#pragma once
// Small float kernels written so the compiler vectorises them (the front ends spend most
// of their time here). Results do not depend on the vector width.
#include <cstddef>

namespace sb {

// Natural log of n values in place. Cephes' logf polynomial: within 2 ulp of the exact
// value for positive normal input; anything else (0, subnormal, negative, inf, NaN) goes
// through std::log.
void logInPlace(float* values, size_t n);

}  // namespace sb
