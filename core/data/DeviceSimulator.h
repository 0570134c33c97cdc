#pragma once
// What a device makes of the scene: gain, band limits, resonances, self-noise,
// automatic gain control and clipping (DemoWorld's DeviceModel). b and c hear the same
// scene as a (recorded at the same time), s1-s6 are simulated from it, like in TAU22.
#include <cstdint>
#include <vector>

namespace sb::demo {

// `noiseSeed` makes the device's self-noise reproducible.
std::vector<float> recordWithDevice(const std::vector<float>& scene, int device, uint64_t noiseSeed, int sampleRate);

}  // namespace sb::demo
