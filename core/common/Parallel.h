#pragma once
// Data-parallel loops over plain std::threads. Exceptions thrown by a worker are
// re-thrown in the caller (the first one wins), after every worker has stopped.
#include <cstddef>
#include <functional>

namespace sb {

// All cores unless the user chose otherwise (SCENEBENCH_THREADS or --threads).
int defaultThreadCount();

// Calls body(begin, end) on contiguous chunks of [0, n) from up to `threads` threads.
// Chunks are handed out dynamically (grain items at a time) so uneven work balances.
void parallelFor(size_t n, int threads, const std::function<void(size_t begin, size_t end)>& body,
                 size_t grain = 1);

}  // namespace sb
