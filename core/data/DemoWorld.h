#pragma once
// The generative model of the demo dataset, as tables: a vocabulary of sound events,
// each scene's event rates and background, each city's shifts, each device's
// frequency response and defects. docs/data.md prints the same tables.
#include <array>
#include <string_view>
#include <vector>

namespace sb::demo {

// Bump whenever the rendered sound changes: cached demo datasets and pre-trained demo
// encoders of another version are then made again (version 2: event levels are RMS).
inline constexpr int kDemoWorldVersion = 2;

enum class EventCategory { Traffic, Crowd, Nature, Weather, Transit, Venue };
inline constexpr int kCategoryCount = 6;

enum Event : int {
    Footsteps, CrowdBabble, Speech, EngineHum, BrakesSqueal, Birds, Chime, Announcement, Door, Wind, Rain,
    TrafficSwoosh, RailClatter, Music, Children, DogBark, CarHorn, Siren, RollingLuggage, Beep, MotorWhine,
    Fountain, Aircraft, BicycleBell, TramBell, Cutlery, kEventCount
};

struct EventType {
    std::string_view name;  // the label written to events.csv
    EventCategory category;
    float minSeconds, maxSeconds;
    float levelDb;          // typical loudness (RMS over the event), dBFS at device a, before per-occurrence jitter
};
const std::array<EventType, kEventCount>& eventTypes();

struct EventRate {
    Event event;
    float perSecond;  // mean onsets per second (Poisson)
};

struct SceneModel {
    std::vector<EventRate> rates;
    float backgroundDb;  // RMS of the background noise bed, dBFS
    float tilt;          // 0 = bright hiss ... 1 = brown rumble
    float humHz;         // steady engine/ventilation hum, 0 = none
    float humDb;
    float reverb;        // wet mix of the room
    bool outdoor;        // weather (wind, rain) only outdoors
};
// Indexed like dcase::kScenes.
const SceneModel& sceneModel(int scene);

struct CityModel {
    std::array<float, kCategoryCount> rateFactor;  // multiplies event rates per category
    float backgroundDb;                            // added to the scene's background level
    float reverbScale;                             // narrow old streets vs open boulevards
    float tiltShift;
    float windRate;         // wind gusts per second, outdoors
    float rainProbability;  // chance that a recording was made in the rain
};
// Indexed like dcase::kCities.
const CityModel& cityModel(int city);

struct DeviceModel {
    float highpassHz, lowpassHz;
    int lowpassStages;            // 2 = steeper band limit
    std::array<float, 3> peak1;   // {Hz, dB, Q}; dB 0 = none
    std::array<float, 3> peak2;
    float gainDb;
    float noiseDb;                // self-noise floor, dBFS RMS
    float clipLevel;              // hard clipping at +-clipLevel; 0 = none
    bool agc;                     // phone-style automatic gain control
};
// Indexed like dcase::kDevices.
const DeviceModel& deviceModel(int device);

}  // namespace sb::demo
