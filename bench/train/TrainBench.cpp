// TF-SepNet-64 student training throughput through sb::Trainer, the loop every SceneBench
// model trains in: Adam with the cosine warm-restart schedule, MixUp (teacher logits
// mixed too), FreqMixStyle, the KD loss, a metrics event per step. Synthetic CpMel-shaped
// inputs (1 x 512 x 65), so the figure is the training loop alone, not feature loading.
// usage: bench_train THREADS CLIPS BATCH EPOCHS
// prints "student_train BATCH CLIPS SECONDS CLIPS_PER_SECOND" after one warm-up epoch.
#include "core/common/CancellationToken.h"
#include "core/experiment/MetricsLog.h"
#include "core/models/TfSepNet.h"
#include "core/train/Trainer.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace fs = std::filesystem;

namespace {

double trainSeconds(sb::TfSepNet& net, const sb::LabelledTensors& data, int batch, int epochs, const fs::path& dir)
{
    sb::TrainerParams p;
    p.model = "student";
    p.stage = "distill";
    p.epochs = epochs;
    p.batchSize = batch;
    p.optimizer = {"adam", 0.004, 0.9, 0.999, 0.0};
    p.schedule.type = "cosine_restarts";
    p.augment.mixupAlpha = 0.3;
    p.augment.freqMixStyleP = 0.8;
    p.loss = sb::LossKind::Distillation;
    p.stateFolder = (dir / "state").string();
    fs::remove_all(p.stateFolder);
    sb::MetricsLog log((dir / "metrics.jsonl").string());
    sb::CancellationToken token;
    sb::Trainer trainer(p, *net, [&](const torch::Tensor& x) { return net->forward(x); }, {{net->parameters(), 1.0}});
    const auto start = std::chrono::steady_clock::now();
    trainer.run(data, nullptr, log, nullptr, token);
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv)
{
    if (argc != 5) {
        std::cerr << "usage: bench_train THREADS CLIPS BATCH EPOCHS\n";
        return 2;
    }
    const int threads = std::atoi(argv[1]), clips = std::atoi(argv[2]), batch = std::atoi(argv[3]),
              epochs = std::atoi(argv[4]);
    torch::set_num_threads(threads);
    torch::manual_seed(0);
    sb::LabelledTensors data{torch::randn({clips, 1, 512, 65}), torch::randint(0, 10, {clips}, torch::kLong),
                             torch::randn({clips, 10}), {}};
    const fs::path dir = fs::temp_directory_path() / ("bench_train-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    sb::TfSepNet net(sb::TfSepNetConfig{});
    trainSeconds(net, data, batch, 1, dir);  // warm-up: oneDNN primitive caches, allocator
    const double seconds = trainSeconds(net, data, batch, epochs, dir);
    fs::remove_all(dir);
    std::printf("# C++ SceneBench sb::Trainer, torch %s, %d threads\n", TORCH_VERSION, threads);
    std::printf("student_train %d %d %.3f %.1f\n", batch, clips * epochs, seconds, clips * epochs / seconds);
    return 0;
}
