#include "ChildLoaders.h"

#include "core/audio/AudioFile.h"
#include "core/checkpoint/Checkpoint.h"
#include "core/data/DatasetLoader.h"
#include "core/data/DatasetSummary.h"
#include "core/experiment/ExperimentFile.h"
#include "core/features/CpMel.h"
#include "core/features/FeatureExtractor.h"
#include "core/features/KaldiFbank.h"
#include "core/models/ModelCheckpoint.h"

#include <sstream>
#include <stdexcept>

namespace sb::robust {
namespace {

std::string loadAudio(const std::string& path)
{
    const AudioInfo info = probeAudio(path);
    // Both front ends: the student's CpMel at 32 kHz and BEATs' fbank at 16 kHz, so both
    // resampling paths and both feature codes see the decoded samples.
    FeatureExtractor cpmel(std::make_shared<CpMel>());
    const FeatureMatrix m = cpmel.extract(path);
    FeatureExtractor fbank(std::make_shared<KaldiFbank>());
    const FeatureMatrix f = fbank.extract(path);
    return info.format + ", " + std::to_string(info.channels) + " ch, " + std::to_string(info.sampleRate) +
           " Hz: cpmel " + std::to_string(m.rows) + "x" + std::to_string(m.cols) + ", fbank " +
           std::to_string(f.rows) + "x" + std::to_string(f.cols);
}

std::string loadDatasetReport(const std::string& root)
{
    DatasetLoadParams params;
    params.root = root;
    params.threads = 1;
    CancellationToken token;
    const DatasetIndex index = loadDataset(params, nullptr, token);
    const DatasetSummary summary(index, selectClips(index, SubsetChoice::all()));
    // What `dataset summary` prints must render in both forms (the JSON dump throws on
    // invalid UTF-8); the text itself is not needed here.
    if (summary.toText(1000).empty() || summary.toJson(1000).dump(2).empty()) throw std::logic_error("empty summary");
    std::ostringstream out;
    for (const auto& e : index.report.entries())
        out << e.file << '\t' << e.line << '\t' << issueKindName(e.kind) << '\t' << e.message << '\n';
    return out.str();
}

std::string loadCheckpointModel(const std::string& path)
{
    const Checkpoint checkpoint = readCheckpoint(path);
    const DetectedModel model = detectModel(checkpoint, path);
    // `model inspect` measures the network the checkpoint describes; `eval` and training
    // then load its weights strictly.
    if (model.kind == ModelKind::Beats) {
        measureBeats(model.beats, 0, 98);
        loadBeats(checkpoint, model, path);
    } else if (model.kind == ModelKind::BeatsTeacher) {
        measureBeats(model.beats, model.classes, 98);
        loadBeatsTeacher(checkpoint, model, path);
    } else {
        measureTfSepNet(model.tfsepnet, 512, 65);
        loadTfSepNet(checkpoint, model, path);
    }
    return model.describe();
}

}  // namespace

std::string callLoader(Loader loader, const std::string& input)
{
    switch (loader) {
    case Loader::Audio: return loadAudio(input);
    case Loader::Dataset: return loadDatasetReport(input);
    case Loader::Experiment: return readExperiment(input).name;
    case Loader::Checkpoint: {
        const Checkpoint ck = readCheckpoint(input);
        return ck.layout + ", " + std::to_string(ck.tensors.size()) + " tensors";
    }
    case Loader::CheckpointModel: return loadCheckpointModel(input);
    }
    return {};
}

std::vector<ReportLine> parseReport(const std::string& text)
{
    std::vector<ReportLine> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const auto a = line.find('\t'), b = line.find('\t', a + 1), c = line.find('\t', b + 1);
        if (c == std::string::npos) continue;
        out.push_back({line.substr(0, a), std::stol(line.substr(a + 1, b - a - 1)), line.substr(b + 1, c - b - 1),
                       line.substr(c + 1)});
    }
    return out;
}

}  // namespace sb::robust
