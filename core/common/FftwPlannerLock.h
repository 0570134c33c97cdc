#pragma once
// FFTW's planner (plan creation and destruction, and its global settings such as the
// thread count of new plans) is not thread-safe, and the front ends and the t-SNE
// repulsion both use single-precision FFTW in the same process (the GUI runs them side
// by side). Every fftwf_plan_* and fftwf_destroy_plan call holds this one lock.
#include <mutex>

namespace sb {

std::mutex& fftwPlannerMutex();

}  // namespace sb
