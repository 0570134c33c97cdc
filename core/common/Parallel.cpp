#include "core/common/Parallel.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sb {

int defaultThreadCount()
{
    if (const char* env = std::getenv("SCENEBENCH_THREADS")) {
        const int n = std::atoi(env);
        if (n > 0) return n;
    }
    return std::max(1u, std::thread::hardware_concurrency());
}

void parallelFor(size_t n, int threads, const std::function<void(size_t, size_t)>& body, size_t grain)
{
    if (n == 0) return;
    grain = std::max<size_t>(1, grain);
    const size_t chunks = (n + grain - 1) / grain;
    const size_t workers = std::min<size_t>(static_cast<size_t>(std::max(1, threads)), chunks);
    if (workers <= 1) {
        body(0, n);
        return;
    }
    std::atomic<size_t> next{0};
    std::exception_ptr firstError;
    std::mutex errorMutex;
    auto run = [&] {
        for (;;) {
            const size_t begin = next.fetch_add(grain);
            if (begin >= n) return;
            try {
                body(begin, std::min(n, begin + grain));
            } catch (...) {
                std::lock_guard<std::mutex> lock(errorMutex);
                if (!firstError) firstError = std::current_exception();
                next = n;  // stop handing out work
                return;
            }
        }
    };
    std::vector<std::thread> pool;
    for (size_t i = 1; i < workers; ++i) pool.emplace_back(run);
    run();
    for (auto& t : pool) t.join();
    if (firstError) std::rethrow_exception(firstError);
}

}  // namespace sb
