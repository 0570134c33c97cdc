#pragma once
// TAU22 clip file names: audio/<scene>-<city>-<location>-<segment>-<device>.wav, where
// the location is two dash-separated numbers in the real data ("1000-40000": a place
// and one 10-s recording there) and the segment is the 1-s piece of that recording.
// Scene labels contain underscores, never dashes, so splitting on '-' is unambiguous.
#include <optional>
#include <string>

namespace sb {

struct ClipName {
    std::string scene;     // "airport"
    std::string city;      // "lisbon"
    std::string location;  // "1000-40000"
    int segment = 0;       // 0..9 in TAU22
    std::string device;    // "a"

    // "audio/airport-lisbon-1000-40000-0-a.wav"
    std::string fileName() const;
    // The place without the recording number: "lisbon-1000" (meta.csv's identifier).
    std::string identifier() const;
};

// Parses a list entry (with or without the "audio/" folder). Returns nullopt and sets
// `whyNot` when the name does not follow the pattern. Labels are not checked here.
std::optional<ClipName> parseClipName(const std::string& fileName, std::string* whyNot = nullptr);

}  // namespace sb
