#include "ui/workbench/RunPredictions.h"

#include "core/common/Error.h"
#include "ui/workbench/ErrorText.h"

namespace sb::ui {

long RunPredictions::Model::find(const std::string& filename) const
{
    const auto it = index.find(filename);
    return it == index.end() ? -1 : long(it->second);
}

RunPredictions RunPredictions::load(const QString& runDirectory, const sb::CancellationToken& token)
{
    RunPredictions run;
    run.runDirectory = runDirectory;
    const std::string dir = runDirectory.toStdString();
    for (const std::string& name : sb::ModelPredictions::modelsWithPredictions(dir)) {
        token.checkpoint();
        Model model;
        model.name = QString::fromStdString(name);
        try {
            auto predictions = std::make_shared<sb::ModelPredictions>(sb::ModelPredictions::load(dir, name));
            model.evaluation = predictions->evaluation();
            for (size_t i = 0; i < predictions->clips.size(); ++i) model.index.emplace(predictions->clips[i].filename, i);
            model.predictions = std::move(predictions);
        } catch (const sb::Cancelled&) {
            throw;
        } catch (const std::exception& e) {
            // One bad file must not hide the other models.
            model.error = errorText(e);
        }
        run.models.push_back(std::move(model));
    }
    return run;
}

const RunPredictions::Model* RunPredictions::find(const QString& name) const
{
    for (const Model& m : models)
        if (m.name == name) return &m;
    return nullptr;
}

QStringList RunPredictions::names() const
{
    QStringList list;
    for (const Model& m : models) list << m.name;
    return list;
}

}  // namespace sb::ui
