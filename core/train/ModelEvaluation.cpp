#include "core/train/ModelEvaluation.h"

#include "core/common/Dcase.h"
#include "core/common/Npy.h"

namespace sb {

torch::Tensor loadNpyTensor(const std::string& path)
{
    const auto a = readNpy(path);
    return torch::tensor(a.toFloat()).reshape(a.shape);
}

void saveNpyTensor(const std::string& path, const torch::Tensor& t)
{
    const auto c = t.detach().to(torch::kCPU).to(torch::kFloat).contiguous();
    writeNpy(path, c.data_ptr<float>(), c.sizes().vec());
}

std::pair<torch::Tensor, torch::Tensor> predictWithEmbeddings(const EmbeddingForward& forward, const torch::Tensor& inputs,
                                                              int64_t batchSize, const torch::Device& device,
                                                              CancellationToken& token)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> logits, embeddings;
    for (int64_t b = 0; b < inputs.size(0); b += batchSize) {
        token.checkpoint();
        const auto out = forward(inputs.narrow(0, b, std::min<int64_t>(batchSize, inputs.size(0) - b)).to(device));
        logits.push_back(out.first);
        embeddings.push_back(out.second);
    }
    return {torch::cat(logits), torch::cat(embeddings)};
}

namespace {

torch::Tensor probabilities(const torch::Tensor& logits)
{
    return torch::softmax(logits.to(torch::kCPU).to(torch::kFloat), 1).contiguous();
}

}  // namespace

EvaluationResult evaluateLogits(const torch::Tensor& logits, const ClipTensors& clips)
{
    const auto probs = probabilities(logits);
    const std::vector<float> p(probs.data_ptr<float>(), probs.data_ptr<float>() + probs.numel());
    const auto labels = clips.labels.to(torch::kInt).contiguous();
    const std::vector<int> y(labels.data_ptr<int>(), labels.data_ptr<int>() + labels.numel());
    return evaluate(y, clips.devices, p, int(probs.size(1)));
}

EvaluationResult publishEvaluation(const RunDirectory& run, const std::string& model, const torch::Tensor& logits,
                                   const torch::Tensor& embeddings, const ClipTensors& clips, const nlohmann::json& extra)
{
    const std::vector<std::string> classes(dcase::kScenes.begin(), dcase::kScenes.end());
    const auto probs = probabilities(logits);
    const std::vector<float> p(probs.data_ptr<float>(), probs.data_ptr<float>() + probs.numel());
    const auto result = evaluateLogits(logits, clips);
    run.writePredictions(model, clips.files, p, classes);
    run.writeJson("models/" + model + "/confusion.json", confusionJson(result));
    saveNpyTensor(run.modelFolder(model) + "/test_logits.npy", logits);
    if (embeddings.defined()) {
        const auto e = embeddings.to(torch::kCPU).to(torch::kFloat).contiguous();
        const auto predicted = probs.argmax(1);
        std::vector<EmbeddingRow> rows;
        for (int64_t i = 0; i < clips.size(); ++i) {
            const auto k = size_t(i);
            rows.push_back({clips.files[k], clips.scenes[k], clips.devices[k], clips.cities[k],
                            classes[size_t(predicted[i].item<int64_t>())]});
        }
        run.writeEmbeddings(model, std::vector<float>(e.data_ptr<float>(), e.data_ptr<float>() + e.numel()),
                            int(e.size(1)), rows);
    }
    // Last: summary.json lists a model only once all its files are there.
    nlohmann::json entry = summaryJson(result);
    if (extra.is_object()) entry.update(extra);
    run.updateSummary(model, entry);
    return result;
}

}  // namespace sb
