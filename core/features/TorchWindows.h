#pragma once
// Window functions with the float32 values PyTorch produces, so that our front ends see
// the same numbers as the Python references (a double-precision closed form differs by
// up to 4e-7, which shows up as 3e-4 in the log-mel domain; beats.md §1).
#include <vector>

namespace sb {

// torch.hann_window(length, periodic) in float32.
std::vector<float> torchHannWindow(int length, bool periodic);

// Kaldi's "povey" window as torchaudio makes it: torch.hann_window(length, False).pow(0.85).
std::vector<float> torchPoveyWindow(int length);

}  // namespace sb
