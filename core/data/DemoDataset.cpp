#include "core/data/DemoDataset.h"

#include "core/audio/AudioFile.h"
#include "core/common/AtomicFile.h"
#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/common/Parallel.h"
#include "core/common/ProgressTracker.h"
#include "core/data/DeviceSimulator.h"
#include "core/data/DemoSynth.h"
#include "core/data/DemoWorld.h"
#include "core/data/NestedSubset.h"
#include "core/data/SeededRng.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace sb {

std::string demoDatasetFolder()
{
    if (const char* dir = std::getenv("SCENEBENCH_DEMO_DIR")) return dir;
    // ~/.cache/scenebench/demo, or under $XDG_CACHE_HOME.
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return (fs::path(xdg) / "scenebench" / "demo").string();
    const char* home = std::getenv("HOME");
    return (fs::path(home ? home : ".") / ".cache" / "scenebench" / "demo").string();
}

}  // namespace sb

namespace sb::demo {

bool isDemoDataset(const std::string& dir) { return fs::is_regular_file(fs::path(dir) / kDemoMarker); }

bool isCurrentDemoDataset(const std::string& dir)
{
    std::ifstream in(fs::path(dir) / kDemoMarker);
    const auto marker = nlohmann::json::parse(in, nullptr, false);
    return marker.is_object() && marker.value("version", 0) == kDemoWorldVersion && marker.value("complete", false);
}

std::vector<RenderedClip> renderRecording(const DemoPlan& plan, size_t recording, int sampleRate)
{
    const DemoRecording& rec = plan.recordings[recording];
    const SceneAudio scene = renderScene(rec, plan.size.segments, sampleRate);
    std::vector<std::vector<float>> byDevice(dcase::kDevices.size());
    for (const int d : rec.devices)
        byDevice[size_t(d)] = recordWithDevice(scene.samples, d, SeededRng::mix(rec.seed, uint64_t(d) + 1), sampleRate);
    std::vector<RenderedClip> clips;
    for (size_t i = 0; i < plan.clips.size(); ++i) {
        const DemoClip& c = plan.clips[i];
        if (c.recording != recording) continue;
        const auto& audio = byDevice[size_t(c.deviceIndex)];
        const auto begin = audio.begin() + long(c.name.segment) * sampleRate;
        clips.push_back({i, std::vector<float>(begin, begin + sampleRate), segmentEvents(scene, c.name.segment)});
    }
    return clips;
}

static std::vector<Clip> asClips(const DemoPlan& plan)
{
    std::vector<Clip> clips;
    for (const auto& c : plan.clips) {
        Clip clip;
        clip.fileName = c.name.fileName();
        clip.scene = dcase::sceneIndex(c.name.scene);
        clip.device = c.deviceIndex;
        clip.location = c.name.location;
        clip.segment = c.name.segment;
        clips.push_back(clip);
    }
    return clips;
}

std::vector<std::pair<int, std::vector<size_t>>> demoSplits(const DemoPlan& plan)
{
    const auto clips = asClips(plan);
    std::vector<size_t> train;
    for (size_t i = 0; i < plan.clips.size(); ++i)
        if (!plan.clips[i].test) train.push_back(i);
    const uint64_t seed = SeededRng::mix(plan.seed, SeededRng::hash("splits"));
    std::vector<std::pair<int, std::vector<size_t>>> splits;
    for (const int p : dcase::kSplitPercents) splits.emplace_back(p, nestedStratifiedSubset(clips, train, p, seed));
    return splits;
}

namespace {

void prepareFolder(const std::string& dir)
{
    if (fs::exists(dir) && !fs::is_directory(dir)) throw Error("exists and is not a folder", dir);
    if (fs::is_directory(dir) && !fs::is_empty(dir)) {
        if (!isDemoDataset(dir))
            throw Error("folder is not empty and is not a demo dataset (no " + std::string(kDemoMarker) +
                            "); refusing to overwrite it",
                        dir);
        // Replace the old demo dataset: its own files only.
        for (const char* name : {"audio", "evaluation_setup", "meta.csv", "events.csv", "split5.csv", "split10.csv",
                                 "split25.csv", "split50.csv", "split100.csv"})
            fs::remove_all(fs::path(dir) / name);
    }
    fs::create_directories(fs::path(dir) / "audio");
    fs::create_directories(fs::path(dir) / "evaluation_setup");
}

// Written first (so the folder is known as ours even if generation is killed) and again,
// complete, at the end.
std::string marker(const DemoDatasetParams& p, const DemoPlan& plan, bool complete)
{
    nlohmann::json j = {{"generator", "SceneBench demo dataset"},
                        {"version", kDemoWorldVersion},
                        {"complete", complete},
                        {"seed", p.seed},
                        {"size", p.size.name},
                        {"sample_rate", p.sampleRate},
                        {"segments_per_recording", p.size.segments},
                        {"recordings", plan.recordings.size()},
                        {"clips", plan.clips.size()}};
    return j.dump(2) + "\n";
}

std::string labelList(const std::vector<std::string>& labels)
{
    std::string out;
    for (const auto& l : labels) out += (out.empty() ? "" : ",") + l;
    return out;
}

void writeLists(const std::string& dir, const DemoPlan& plan, const std::vector<std::vector<std::string>>& events)
{
    std::string meta = "filename\tscene_label\tidentifier\tsource_label\n";
    std::string train = "filename\tscene_label\n", evaluate = train, test = "filename\n";
    std::string eventsCsv = "filename\tevent_labels\n";
    for (size_t i = 0; i < plan.clips.size(); ++i) {
        const ClipName& n = plan.clips[i].name;
        const std::string file = n.fileName();
        meta += file + "\t" + n.scene + "\t" + n.identifier() + "\t" + n.device + "\n";
        (plan.clips[i].test ? evaluate : train) += file + "\t" + n.scene + "\n";
        if (plan.clips[i].test) test += file + "\n";
        eventsCsv += file + "\t" + labelList(events[i]) + "\n";
    }
    const fs::path root(dir);
    writeFileAtomic((root / "meta.csv").string(), meta);
    writeFileAtomic((root / "evaluation_setup/fold1_train.csv").string(), train);
    writeFileAtomic((root / "evaluation_setup/fold1_evaluate.csv").string(), evaluate);
    writeFileAtomic((root / "evaluation_setup/fold1_test.csv").string(), test);
    writeFileAtomic((root / "events.csv").string(), eventsCsv);
    for (const auto& [percent, members] : demoSplits(plan)) {
        std::string text = "filename\tscene_label\n";
        for (const size_t i : members) text += plan.clips[i].name.fileName() + "\t" + plan.clips[i].name.scene + "\n";
        writeFileAtomic((root / ("split" + std::to_string(percent) + ".csv")).string(), text);
    }
}

}  // namespace

DemoDatasetResult generateDemoDataset(const DemoDatasetParams& params, JobObserver* observer, CancellationToken& token)
{
    const auto start = std::chrono::steady_clock::now();
    const DemoPlan plan = DemoPlan::make(params.seed, params.size);
    prepareFolder(params.outDir);
    const std::string markerPath = (fs::path(params.outDir) / kDemoMarker).string();
    writeFileAtomic(markerPath, marker(params, plan, false));
    std::vector<std::vector<std::string>> events(plan.clips.size());
    ProgressTracker progress(observer, "demo audio", long(plan.clips.size()));
    const int threads = params.threads > 0 ? params.threads : defaultThreadCount();
    parallelFor(plan.recordings.size(), threads, [&](size_t begin, size_t end) {
        for (size_t r = begin; r < end; ++r) {
            token.checkpoint();
            for (auto& clip : renderRecording(plan, r, params.sampleRate)) {
                writeWav16((fs::path(params.outDir) / plan.clips[clip.clip].name.fileName()).string(), clip.samples,
                           params.sampleRate);
                events[clip.clip] = std::move(clip.events);  // each clip is written by one recording only
                progress.advance();
            }
        }
    });
    writeLists(params.outDir, plan, events);
    writeFileAtomic(markerPath, marker(params, plan, true));
    DemoDatasetResult result;
    for (const auto& c : plan.clips) (c.test ? result.testClips : result.trainClips)++;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace sb::demo
