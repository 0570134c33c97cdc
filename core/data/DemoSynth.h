#pragma once
// Renders what an ideal microphone hears at a demo recording: overlapping sound events
// drawn from the scene's rates (shifted by city and place), a room, and a background
// noise bed. Pure function of the recording (its seeds), so any thread may call it and
// the result never depends on the thread count.
#include "core/data/DemoPlan.h"
#include "core/data/DemoWorld.h"

#include <string>
#include <vector>

namespace sb::demo {

struct EventOccurrence {
    Event type;
    double onset, offset;  // seconds from the start of the recording (may start before 0)
};

struct SceneAudio {
    std::vector<float> samples;  // segments x sampleRate samples
    std::vector<EventOccurrence> events;
};

SceneAudio renderScene(const DemoRecording& recording, int segments, int sampleRate);

// Labels of the events audible in 1-s segment `segment` (overlap >= 0.1 s, or half the
// event when it is shorter), sorted and unique.
std::vector<std::string> segmentEvents(const SceneAudio& scene, int segment);

}  // namespace sb::demo
