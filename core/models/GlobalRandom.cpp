#include "core/models/GlobalRandom.h"

#include <ATen/CPUGeneratorImpl.h>

namespace sb {

std::mutex& globalRandomMutex()
{
    static std::mutex mutex;
    return mutex;
}

namespace {

// The generator's own mutex guards its state against a draw in progress.
torch::Tensor generatorState()
{
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    return generator.get_state();
}

}  // namespace

GlobalRandomBorrow::GlobalRandomBorrow() : lock_(globalRandomMutex()), state_(generatorState()) {}

GlobalRandomBorrow::~GlobalRandomBorrow()
{
    auto generator = at::detail::getDefaultCPUGenerator();
    std::lock_guard<std::mutex> lock(generator.mutex());
    generator.set_state(state_);
}

}  // namespace sb
