#pragma once
// Header checks libsndfile does not make. For the chunked containers (RIFF/RIFX/RF64
// WAVE, AIFF/AIFC) libsndfile silently shortens a sample chunk that claims more bytes
// than the file holds, so a truncated or forged file would load as a shorter clip; here
// it is an error. The WAVE format chunk's block alignment must also agree with its
// channels and sample width (PCM and float), and an uncompressed AIFF's frame count with
// its SSND chunk. Other containers are left to libsndfile.
#include <string>

namespace sb {

// Throws sb::Error naming the file when its container header contradicts the file.
void checkAudioContainer(const std::string& path);

}  // namespace sb
