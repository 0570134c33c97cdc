#include "core/data/DemoWorld.h"

namespace sb::demo {

using C = EventCategory;

const std::array<EventType, kEventCount>& eventTypes()
{
    static const std::array<EventType, kEventCount> types = {{
        {"footsteps", C::Crowd, 1.0f, 3.0f, -30},
        {"crowd_babble", C::Crowd, 1.5f, 4.0f, -34},
        {"speech", C::Crowd, 0.8f, 2.5f, -28},
        {"engine_hum", C::Traffic, 1.5f, 5.0f, -27},
        {"brakes_squeal", C::Transit, 0.4f, 1.5f, -30},
        {"birds", C::Nature, 0.5f, 2.0f, -32},
        {"chime", C::Venue, 1.2f, 1.8f, -28},
        {"announcement", C::Venue, 2.0f, 4.0f, -26},
        {"door", C::Transit, 0.6f, 0.8f, -28},
        {"wind", C::Weather, 2.0f, 6.0f, -30},
        {"rain", C::Weather, 3.0f, 6.0f, -36},
        {"traffic_swoosh", C::Traffic, 1.5f, 4.0f, -26},
        {"rail_clatter", C::Transit, 1.0f, 4.0f, -26},
        {"music", C::Venue, 2.0f, 6.0f, -32},
        {"children", C::Crowd, 0.5f, 2.0f, -30},
        {"dog_bark", C::Nature, 0.4f, 1.2f, -28},
        {"car_horn", C::Traffic, 0.3f, 1.2f, -24},
        {"siren", C::Traffic, 2.0f, 5.0f, -28},
        {"rolling_luggage", C::Crowd, 1.5f, 4.0f, -33},
        {"beep", C::Venue, 0.2f, 0.6f, -30},
        {"motor_whine", C::Transit, 1.5f, 4.0f, -30},
        {"fountain", C::Nature, 3.0f, 6.0f, -34},
        {"aircraft", C::Traffic, 4.0f, 8.0f, -30},
        {"bicycle_bell", C::Traffic, 0.4f, 0.8f, -30},
        {"tram_bell", C::Transit, 0.6f, 1.0f, -25},
        {"cutlery", C::Venue, 1.0f, 2.0f, -34},
    }};
    return types;
}

// Scenes share events on purpose (metro vs tram, street_pedestrian vs public_square,
// airport vs shopping_mall vs metro_station) so that 1-s clips are confusable.
const SceneModel& sceneModel(int scene)
{
    static const std::array<SceneModel, 10> scenes = {{
        // airport
        {{{Footsteps, .5f}, {CrowdBabble, .5f}, {Speech, .25f}, {RollingLuggage, .6f}, {Announcement, .2f},
          {Chime, .15f}, {Aircraft, .08f}, {Beep, .1f}, {Music, .04f}},
         -38, .35f, 0, -90, .55f, false},
        // bus
        {{{EngineHum, .7f}, {Speech, .25f}, {CrowdBabble, .15f}, {BrakesSqueal, .12f}, {Door, .08f}, {Beep, .12f},
          {TrafficSwoosh, .15f}, {MotorWhine, .05f}, {Music, .03f}},
         -30, .85f, 45, -34, .12f, false},
        // metro
        {{{RailClatter, .6f}, {MotorWhine, .35f}, {BrakesSqueal, .2f}, {Announcement, .12f}, {Chime, .08f},
          {Door, .08f}, {CrowdBabble, .2f}, {Speech, .2f}, {Beep, .03f}},
         -28, .9f, 0, -90, .15f, false},
        // metro_station
        {{{Footsteps, .55f}, {CrowdBabble, .45f}, {Announcement, .22f}, {Chime, .12f}, {RailClatter, .18f},
          {BrakesSqueal, .14f}, {MotorWhine, .12f}, {Beep, .18f}, {Music, .06f}, {RollingLuggage, .15f}},
         -35, .6f, 0, -90, .6f, false},
        // park
        {{{Birds, .9f}, {Children, .25f}, {DogBark, .1f}, {Speech, .15f}, {Footsteps, .2f}, {BicycleBell, .06f},
          {Fountain, .12f}, {TrafficSwoosh, .08f}, {Aircraft, .04f}},
         -46, .45f, 0, -90, .03f, true},
        // public_square
        {{{CrowdBabble, .35f}, {Footsteps, .4f}, {Fountain, .25f}, {Birds, .3f}, {Children, .2f}, {Music, .12f},
          {TrafficSwoosh, .18f}, {BicycleBell, .08f}, {Speech, .3f}, {DogBark, .05f}},
         -40, .5f, 0, -90, .12f, true},
        // shopping_mall
        {{{CrowdBabble, .7f}, {Music, .45f}, {Footsteps, .5f}, {Children, .18f}, {Cutlery, .3f}, {Beep, .18f},
          {Announcement, .08f}, {Chime, .05f}, {RollingLuggage, .12f}, {Speech, .2f}},
         -37, .4f, 120, -50, .5f, false},
        // street_pedestrian
        {{{Footsteps, .55f}, {Speech, .35f}, {CrowdBabble, .25f}, {TrafficSwoosh, .3f}, {BicycleBell, .1f},
          {Birds, .15f}, {CarHorn, .05f}, {Music, .05f}, {DogBark, .05f}, {RollingLuggage, .15f}, {Children, .08f}},
         -39, .55f, 0, -90, .15f, true},
        // street_traffic
        {{{TrafficSwoosh, 1.1f}, {EngineHum, .35f}, {CarHorn, .12f}, {BrakesSqueal, .08f}, {Siren, .04f},
          {Footsteps, .1f}, {Speech, .05f}, {BicycleBell, .03f}},
         -32, .8f, 0, -90, .1f, true},
        // tram
        {{{RailClatter, .45f}, {MotorWhine, .45f}, {TramBell, .15f}, {BrakesSqueal, .14f}, {Door, .08f},
          {Speech, .25f}, {CrowdBabble, .2f}, {Beep, .1f}, {Announcement, .1f}, {TrafficSwoosh, .12f}},
         -31, .8f, 0, -90, .12f, false},
    }};
    return scenes[size_t(scene)];
}

// Rate factors: {traffic, crowd, nature, weather (unused: see windRate/rainProbability), transit, venue}.
const CityModel& cityModel(int city)
{
    static const std::array<CityModel, 10> cities = {{
        {{1.2f, 1.3f, 0.9f, 1, 1.0f, 1.1f}, 1.0f, 1.0f, 0.0f, .05f, .05f},    // barcelona
        {{0.8f, 0.8f, 1.3f, 1, 1.1f, 0.9f}, -2.0f, 0.9f, 0.08f, .2f, .25f},   // helsinki
        {{1.0f, 1.1f, 1.0f, 1, 0.9f, 1.0f}, 0.0f, 1.15f, -0.04f, .25f, .1f},  // lisbon
        {{1.3f, 1.2f, 0.9f, 1, 1.2f, 1.0f}, 2.0f, 1.0f, -0.06f, .12f, .35f},  // london
        {{0.9f, 1.0f, 1.1f, 1, 0.9f, 1.0f}, -1.0f, 1.05f, 0.04f, .08f, .15f}, // lyon
        {{1.25f, 1.1f, 0.8f, 1, 1.0f, 1.2f}, 1.5f, 1.2f, -0.08f, .03f, .1f},  // milan
        {{1.3f, 1.3f, 0.9f, 1, 1.2f, 1.1f}, 2.0f, 1.1f, 0.0f, .08f, .2f},     // paris
        {{0.9f, 1.0f, 1.1f, 1, 1.1f, 0.9f}, -1.0f, 1.3f, 0.05f, .1f, .15f},   // prague
        {{0.8f, 0.9f, 1.3f, 1, 1.0f, 0.9f}, -2.5f, 0.9f, 0.1f, .25f, .2f},    // stockholm
        {{1.0f, 1.0f, 1.0f, 1, 1.1f, 1.0f}, 0.0f, 1.25f, 0.0f, .15f, .15f},   // vienna
    }};
    return cities[size_t(city)];
}

// a: the reference binaural mic; b, c: phones (b, c recorded at the same time as a);
// s1-s6: simulated from a. s4-s6 never occur in training: they are deliberately
// different (telephone band, heavy clipping, boomy and band-limited with AGC).
const DeviceModel& deviceModel(int device)
{
    static const std::array<DeviceModel, 9> devices = {{
        {25, 20000, 1, {0, 0, 1}, {0, 0, 1}, 0, -90, 0, false},                    // a
        {120, 11000, 2, {2800, 5, 1.2f}, {350, -4, 0.8f}, -2, -72, 0, false},      // b
        {250, 7500, 2, {4000, 6, 1.5f}, {900, 2, 1}, 1, -66, 0, true},             // c
        {80, 14000, 1, {1000, -6, 0.9f}, {6000, 3, 1}, 0, -78, 0, false},          // s1
        {200, 9000, 1, {1500, 8, 1.3f}, {300, 3, 1}, -1, -74, 0, false},           // s2
        {60, 12000, 1, {6000, 5, 1}, {150, 4, 0.8f}, 3, -80, 0.35f, false},        // s3
        {350, 3600, 2, {1100, 7, 1.2f}, {0, 0, 1}, 2, -62, 0, false},              // s4
        {150, 15000, 1, {2500, -9, 1}, {700, 5, 1.4f}, 6, -75, 0.15f, false},      // s5
        {40, 5000, 2, {400, 10, 0.9f}, {2500, -5, 1}, 0, -68, 0, true},            // s6
    }};
    return devices[size_t(device)];
}

}  // namespace sb::demo
