#pragma once
// Every model's predictions of one run, loaded together on a job thread (the Confusion
// view, the Clip inspector): each model's predictions.csv, its DCASE evaluation
// (per-device confusion matrices) and a file-name index, so one clip is found in every
// model at once. A model whose file is missing or malformed keeps
// the sb::Error text instead. Plain data; load() may run on any thread, the result is
// read-only afterwards.
#include "core/common/CancellationToken.h"
#include "core/results/ModelPredictions.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace sb::ui {

struct RunPredictions {
    struct Model {
        QString name;
        std::shared_ptr<const sb::ModelPredictions> predictions;  // null when it could not be read
        sb::EvaluationResult evaluation;
        std::unordered_map<std::string, size_t> index;  // file name -> clip
        QString error;                                  // why it could not be read

        bool ok() const { return predictions != nullptr; }
        long find(const std::string& filename) const;
    };

    QString runDirectory;
    std::vector<Model> models;  // pipeline order (ModelPredictions::modelsWithPredictions)

    // Reads every model of the run; per-model errors are kept, cancellation throws.
    static RunPredictions load(const QString& runDirectory, const sb::CancellationToken& token);

    const Model* find(const QString& name) const;
    QStringList names() const;
};

}  // namespace sb::ui
