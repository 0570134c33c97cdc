#pragma once
// Device impulse responses for the demo, the stand-in for the MicIRP microphone
// responses the method convolves device-a clips with. They are drawn from the same
// family of filters as the demo's devices (band limits, resonances) but are none of
// them: like real DIR augmentation, they teach robustness to devices in general, not
// to the unseen test devices s4-s6.
#include <cstdint>
#include <string>

namespace sb::demo {

// The folder the demo's IRs live in: <demoRoot>/impulse_responses.
std::string impulseResponseFolder(const std::string& demoRoot);

// Writes `count` IRs (16-bit wav, 32 kHz, 4096 samples) as ir-01.wav ... into
// impulseResponseFolder(demoRoot), deterministically from `seed`, unless they are
// already there. Returns the folder.
std::string writeDemoImpulseResponses(const std::string& demoRoot, uint64_t seed = 1, int count = 12);

}  // namespace sb::demo
