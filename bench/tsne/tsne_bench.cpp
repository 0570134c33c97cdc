// tsne_bench: runs SceneBench's t-SNE on X.npy and evaluates it and a peer's map with the
// same evaluator: exact KL of the final map (Q over all pairs, P the sparse 3·perplexity
// nearest-neighbour affinities that both optimise), trustworthiness (k = 10) and k-NN
// accuracy (k = 10). Prints one JSON line per map; bench/tsne/run.sh tabulates them.
//   tsne_bench X.npy LABELS.npy [PEER_MAP.npy PEER_SECONDS PEER_CPU_SECONDS PEER_NAME]
// CPU seconds are summed over all threads (std::clock), a fairer figure on a busy machine.
#include "core/common/Error.h"
#include "core/common/Npy.h"
#include "core/common/Parallel.h"
#include "core/embed/Affinities.h"
#include "core/embed/EmbeddingMetrics.h"
#include "core/embed/NearestNeighbors.h"
#include "core/embed/Tsne.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>
#include <iostream>
#include <string>

namespace {

nlohmann::json evaluate(const std::string& name, const sb::FloatMatrix& x, const std::vector<int64_t>& labels,
                        const sb::SparseAffinities& p, const sb::FloatMatrix& map, double seconds, double cpuSeconds,
                        int threads)
{
    return {{"name", name},
            {"points", x.rows},
            {"dims", x.cols},
            {"seconds", seconds},
            {"cpu_seconds", cpuSeconds},
            {"kl", sb::exactKlDivergence(p, map, threads)},
            {"trustworthiness", sb::trustworthiness(x, map, 10, threads)},
            {"knn_accuracy", sb::knnAccuracy(map, labels, 10, threads)}};
}

sb::FloatMatrix readMap(const std::string& path, size_t points)
{
    sb::FloatMatrix map = sb::FloatMatrix::fromNpy(sb::readNpy(path), path);
    if (map.rows != points || map.cols != 2)
        throw sb::Error("expected a (" + std::to_string(points) + ", 2) map, got (" + std::to_string(map.rows) + ", " +
                            std::to_string(map.cols) + ")",
                        path);
    return map;
}

// The evaluator's P: sklearn's Barnes-Hut affinities, identical for every map.
sb::SparseAffinities benchAffinities(const sb::FloatMatrix& x, int threads)
{
    const auto graph = sb::NeighborGraph::exact(x, sb::SparseAffinities::neighborCount(x.rows, 30.0), threads);
    return sb::SparseAffinities::fromNeighbors(graph, 30.0, threads);
}

// --score: one JSON line per saved map, named by its path (no timing).
int scoreMaps(int argc, char** argv)
{
    const sb::FloatMatrix x = sb::FloatMatrix::fromNpy(sb::readNpy(argv[2]), argv[2]);
    const std::vector<int64_t> labels = sb::readNpy(argv[3]).toInt64();
    const int threads = sb::defaultThreadCount();
    const auto p = benchAffinities(x, threads);
    for (int a = 4; a < argc; ++a) {
        std::cout << evaluate(argv[a], x, labels, p, readMap(argv[a], x.rows), 0, 0, threads).dump() << std::endl;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv)
{
    const bool score = argc >= 5 && std::string(argv[1]) == "--score";
    if (!score && argc != 3 && argc != 7) {
        std::cerr << "usage: tsne_bench X.npy LABELS.npy [PEER_MAP.npy PEER_SECONDS PEER_CPU_SECONDS PEER_NAME]\n"
                     "       tsne_bench --score X.npy LABELS.npy MAP.npy...\n";
        return 2;
    }
    try {
        if (score) return scoreMaps(argc, argv);
        const sb::FloatMatrix x = sb::FloatMatrix::fromNpy(sb::readNpy(argv[1]), argv[1]);
        const std::vector<int64_t> labels = sb::readNpy(argv[2]).toInt64();
        const int threads = sb::defaultThreadCount();

        sb::TsneParams params;
        params.threads = threads;
        sb::CancellationToken token;
        const std::clock_t cpuStart = std::clock();
        const sb::TsneResult ours = sb::runTsne(x, params, token);
        const double cpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;

        const auto p = benchAffinities(x, threads);
        auto row = evaluate("scenebench", x, labels, p, ours.layout, ours.seconds, cpuSeconds, threads);
        row["method"] = ours.method;
        row["threads"] = threads;
        std::cout << row.dump() << std::endl;
        if (argc == 7) {
            const sb::FloatMatrix peer = readMap(argv[3], x.rows);
            std::cout << evaluate(argv[6], x, labels, p, peer, std::stod(argv[4]), std::stod(argv[5]), threads).dump()
                      << std::endl;
        }
    } catch (const sb::Error& e) {
        std::cerr << "tsne_bench: " << e.what() << "\n";
        return 2;
    }
    return 0;
}
