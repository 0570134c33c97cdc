#include "RunFixture.h"

#include "core/audio/AudioFile.h"
#include "core/common/Dcase.h"
#include "core/common/Error.h"
#include "core/experiment/MetricsLog.h"
#include "core/experiment/RunDirectory.h"
#include "core/results/Evaluation.h"

#include <QDir>

#include <cmath>
#include <random>

namespace {

std::string clipName(size_t scene, size_t device, int index)
{
    const auto& city = sb::dcase::kCities[(scene + size_t(index)) % sb::dcase::kCities.size()];
    return "audio/" + std::string(sb::dcase::kScenes[scene]) + "-" + std::string(city) + "-" +
           std::to_string(100 + index) + "-" + std::to_string(4000 + int(scene)) + "-" + std::to_string(index % 10) +
           "-" + std::string(sb::dcase::kDevices[device]) + ".wav";
}

// A second of a tone whose pitch names the scene, so clips sound (and look) different.
void writeAudio(const std::string& path, size_t scene, std::mt19937& rng)
{
    constexpr int kRate = 16000;
    std::normal_distribution<float> noise(0.0f, 0.02f);
    std::vector<float> samples(kRate);
    const double hz = 220.0 * std::pow(2.0, double(scene) / 4.0);
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = 0.3f * float(std::sin(2 * M_PI * hz * double(i) / kRate)) + noise(rng);
    sb::writeWav16(path, samples, kRate);
}

}  // namespace

RunFixture RunFixture::write(const RunFixtureParams& params)
{
    sb::ExperimentConfig config;
    config.name = "fixture";
    config.seed = params.seed;
    for (const char* name : {"teacher-1", "teacher-2"}) {
        sb::TeacherConfig teacher;
        teacher.name = name;
        config.teachers.push_back(teacher);
    }
    config.dataset.path = params.audioFolder.isEmpty() ? "demo" : QDir(params.audioFolder).absolutePath().toStdString();
    config.dataset.split = int(params.splitPercent);
    if (params.splitPercent != double(int(params.splitPercent))) config.dataset.percent = params.splitPercent;
    const auto run = sb::RunDirectory::create(params.runDirectory.toStdString(), config);
    if (!params.audioFolder.isEmpty())
        run.writeJson("dataset.json", {{"root", QDir(params.audioFolder).absolutePath().toStdString()}});

    std::mt19937 rng(uint32_t(params.seed) * 7919u + uint32_t(params.splitPercent * 10));
    RunFixture fixture;
    fixture.runDirectory = QDir(params.runDirectory).absolutePath();
    std::vector<int> labels;
    std::vector<std::string> devices, filenames;
    std::vector<sb::EmbeddingRow> rows;
    for (size_t s = 0; s < sb::dcase::kScenes.size(); ++s)
        for (size_t d = 0; d < sb::dcase::kDevices.size(); ++d)
            for (int k = 0; k < params.clipsPerSceneDevice; ++k) {
                const std::string name = clipName(s, d, k);
                filenames.push_back(name);
                labels.push_back(int(s));
                devices.emplace_back(sb::dcase::kDevices[d]);
                fixture.clips << QString::fromStdString(name);
                if (!params.audioFolder.isEmpty()) {
                    QDir().mkpath(QDir(params.audioFolder).filePath(QStringLiteral("audio")));
                    writeAudio(QDir(params.audioFolder).filePath(QString::fromStdString(name)).toStdString(), s, rng);
                }
            }
    const std::vector<std::string> classNames(sb::dcase::kScenes.begin(), sb::dcase::kScenes.end());
    const int classes = int(classNames.size());
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    double time = 0;
    sb::MetricsLog log(run.metricsPath());
    for (const auto& [model, share] : params.models) {
        std::vector<float> probabilities;
        std::vector<float> embeddings;
        rows.clear();
        for (size_t i = 0; i < labels.size(); ++i) {
            const bool unseen = sb::dcase::isUnseenDevice(devices[i]);
            const bool right = unit(rng) < share - (unseen ? 0.15 : 0.0);
            int predicted = labels[i];
            if (!right) predicted = (labels[i] + 1 + int(unit(rng) * (classes - 1))) % classes;
            std::vector<float> p(static_cast<size_t>(classes));
            float sum = 0;
            for (auto& v : p) sum += (v = 0.2f * float(unit(rng)));
            p[size_t(predicted)] += 1.0f;
            sum += 1.0f;
            for (auto& v : p) v /= sum;
            probabilities.insert(probabilities.end(), p.begin(), p.end());
            // Clustered by true scene; the better the model, the tighter the clusters.
            for (int dim = 0; dim < params.embeddingDims; ++dim)
                embeddings.push_back((dim % classes == labels[i] ? 4.0f * float(share) : 0.0f) + gauss(rng) * 0.5f);
            sb::EmbeddingRow row;
            row.filename = filenames[i];
            row.scene = classNames[size_t(labels[i])];
            row.device = devices[i];
            row.city = filenames[i].substr(filenames[i].find('-') + 1);
            row.city = row.city.substr(0, row.city.find('-'));
            row.predicted = classNames[size_t(predicted)];
            rows.push_back(row);
        }
        run.writePredictions(model, filenames, probabilities, classNames);
        const auto result = sb::evaluate(labels, devices, probabilities, classes);
        run.writeJson("models/" + model + "/confusion.json", sb::confusionJson(result));
        run.writeEmbeddings(model, embeddings, params.embeddingDims, rows);
        run.updateSummary(model, sb::summaryJson(result));
        time += 10;
        log.append({{"event", "epoch"}, {"model", model}, {"time", time}, {"epoch", 0}, {"val_acc", result.accuracy}});
    }
    if (params.finished)
        log.append({{"event", "stage"}, {"model", "run"}, {"stage", "evaluate"}, {"status", "finished"}, {"time", time + 1}});
    return fixture;
}
