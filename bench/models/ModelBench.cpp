// Speed of the two networks, the same work as bench/models/torch_peer.py does in PyTorch:
//   beats-wave      BEATs base (random weights, the cfg of BEATs_iter3_plus_AS2M), eval,
//                   1-s 16 kHz waveforms -> fbank -> features: the official extract_features
//   beats-fbank     the same network from precomputed fbanks (the network alone)
//   tfsepnet-infer  TF-SepNet-64 (depth 17), eval, a (B, 1, 512, 64) CpMel batch -> logits
//   tfsepnet-train  one training step of it: forward, cross-entropy, backward, Adam step
// Each case runs once to warm up, then `repeats` times; prints one line per case:
//   <case> <batch> <repeats> <median wall s per batch> <clips per wall s> <median CPU s per batch>
// CPU seconds (all threads) show the work done even when a shared machine hands out less
// than the requested cores.
// bench/models/run.sh runs this beside the peer and prints the table.
#include <torch/torch.h>

#include "core/models/Beats.h"
#include "core/models/TfSepNet.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <sys/resource.h>
#include <vector>

namespace {

// beats.md §2: the cfg stored in the released pre-trained checkpoints.
sb::BeatsConfig baseConfig()
{
    const nlohmann::json cfg = {
        {"input_patch_size", 16},      {"embed_dim", 512},           {"conv_bias", false},
        {"encoder_layers", 12},        {"encoder_embed_dim", 768},   {"encoder_ffn_embed_dim", 3072},
        {"encoder_attention_heads", 12}, {"activation_fn", "gelu"},  {"layer_wise_gradient_decay_ratio", 1.0},
        {"layer_norm_first", false},   {"deep_norm", true},          {"dropout", 0.1},
        {"attention_dropout", 0.1},    {"activation_dropout", 0.0},  {"encoder_layerdrop", 0.05},
        {"dropout_input", 0.1},        {"conv_pos", 128},            {"conv_pos_groups", 16},
        {"relative_position_embedding", true}, {"num_buckets", 320}, {"max_distance", 800},
        {"gru_rel_pos", true}};
    return sb::BeatsConfig::fromJson(cfg, "BEATs base cfg");
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
    return seconds(u.ru_utime) + seconds(u.ru_stime);
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void measure(const char* name, int64_t batch, int repeats, const std::function<void()>& step)
{
    step();  // warm-up: allocator, oneDNN primitives
    std::vector<double> wall, cpu;
    for (int i = 0; i < repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = cpuSeconds();
        step();
        cpu.push_back(cpuSeconds() - cpuStart);
        wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::printf("%s %lld %d %.4f %.2f %.4f\n", name, static_cast<long long>(batch), repeats, median(wall),
                static_cast<double>(batch) / median(wall), median(cpu));
    std::fflush(stdout);
}

void benchBeats(int64_t batch, int repeats)
{
    torch::manual_seed(1);
    sb::Beats net(baseConfig());
    net->eval();
    const torch::Tensor waves = torch::randn({batch, 16000}) * 0.1;
    torch::NoGradGuard noGrad;
    const torch::Tensor fbank = sb::BeatsImpl::preprocess(waves);
    measure("beats-wave", batch, repeats, [&] { net->forward(sb::BeatsImpl::preprocess(waves)); });
    measure("beats-fbank", batch, repeats, [&] { net->forward(fbank); });
}

void benchTfSepNet(int64_t batch, int repeats)
{
    torch::manual_seed(1);
    sb::TfSepNet net;
    const torch::Tensor x = torch::randn({batch, 1, 512, 64});
    const torch::Tensor labels = torch::randint(0, 10, {batch});
    {
        net->eval();
        torch::NoGradGuard noGrad;
        measure("tfsepnet-infer", batch, repeats, [&] { net->forward(x); });
    }
    net->train();
    torch::optim::Adam adam(net->parameters(), torch::optim::AdamOptions(0.004));
    measure("tfsepnet-train", batch, repeats, [&] {
        adam.zero_grad();
        torch::nn::functional::cross_entropy(net->forward(x), labels).backward();
        adam.step();
    });
}

}  // namespace

int main(int argc, char** argv)
{
    const int threads = argc > 1 ? std::atoi(argv[1]) : 2;
    const int beatsBatch = argc > 2 ? std::atoi(argv[2]) : 16;
    const int tfBatch = argc > 3 ? std::atoi(argv[3]) : 256;
    const int repeats = argc > 4 ? std::atoi(argv[4]) : 5;
    if (threads < 1 || beatsBatch < 1 || tfBatch < 1 || repeats < 1) {
        std::fprintf(stderr, "usage: bench_models [THREADS [BEATS_BATCH [TFSEPNET_BATCH [REPEATS]]]]\n");
        return 2;
    }
    torch::set_num_threads(threads);
    std::printf("# C++ LibTorch %s, %d threads (intra-op), median of %d batches after one warm-up\n",
                TORCH_VERSION, threads, repeats);
    benchBeats(beatsBatch, repeats);
    benchTfSepNet(tfBatch, repeats);
    return 0;
}
