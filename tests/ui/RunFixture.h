#pragma once
// Test fixture: a finished run directory written the way ExperimentRunner writes one
// (experiment.json, metrics.jsonl, summary.json, dataset.json and, per model,
// predictions.csv, confusion.json, embeddings.npy/.csv), with made-up but consistent
// predictions, and short WAV files for the clips, so the inspection views can be tested
// in a second, without training. Deterministic for a given seed.
#include <QString>
#include <QStringList>

#include <map>
#include <string>
#include <vector>

struct RunFixtureParams {
    QString runDirectory;      // created; must not exist or be empty
    QString audioFolder;       // the dataset root the WAVs go to (audio/...); "" = no audio
    int clipsPerSceneDevice = 2;  // 10 scenes x 9 devices x this many clips
    double splitPercent = 5;
    int seed = 1;
    int embeddingDims = 16;
    // Share of clips each model gets right (seen devices; unseen ones get 0.15 less).
    std::map<std::string, double> models = {
        {"teacher-1", 0.7}, {"teacher-2", 0.65}, {"ensemble", 0.75}, {"student", 0.6}, {"student-nokd", 0.5}};
    bool finished = true;  // write the final "evaluate finished" event
};

struct RunFixture {
    QString runDirectory;
    QStringList clips;  // file names as in predictions.csv, in file order

    // Throws sb::Error (from the core writers) if a file cannot be written.
    static RunFixture write(const RunFixtureParams& params);
};
