#include "core/embed/MapFiles.h"

#include "core/common/AtomicFile.h"
#include "core/common/Error.h"
#include "core/common/Npy.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace sb {
namespace {

template <typename T>
nlohmann::json orNull(const std::optional<T>& v)
{
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

template <typename T>
std::optional<T> optionalField(const nlohmann::json& j, const char* key)
{
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return j[key].get<T>();
}

}  // namespace

void MapFiles::save(const std::string& folder, const FloatMatrix& layout, const MapInfo& info)
{
    if (layout.cols != 2) throw Error("a map has 2 columns, got " + std::to_string(layout.cols), "map layout");
    if (info.method.empty() || info.method.find('/') != std::string::npos)
        throw Error("invalid map method name '" + info.method + "'", "map method");
    if (info.points != layout.rows)
        throw Error("the map description is of " + std::to_string(info.points) + " points but the layout has " +
                        std::to_string(layout.rows),
                    "map info");
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw Error("cannot create the folder: " + ec.message(), folder);
    const std::string stem = (std::filesystem::path(folder) / ("map_" + info.method)).string();
    writeNpy(stem + ".npy", layout.values.data(), {static_cast<int64_t>(layout.rows), 2});
    const nlohmann::json j = {{"method", info.method},
                              {"points", info.points},
                              {"dimensions", info.dimensions},
                              {"perplexity", orNull(info.perplexity)},
                              {"iterations", orNull(info.iterations)},
                              {"gradient", orNull(info.gradient)},
                              {"init", orNull(info.init)},
                              {"learning_rate", orNull(info.learningRate)},
                              {"pca_dims", orNull(info.pcaDimensions)},
                              {"seed", info.seed},
                              {"threads", info.threads},
                              {"explained_variance_ratio", info.explainedVarianceRatio.empty()
                                                               ? nlohmann::json(nullptr)
                                                               : nlohmann::json(info.explainedVarianceRatio)},
                              {"labels", orNull(info.labels)},
                              {"kl", orNull(info.kl)},
                              {"trustworthiness", orNull(info.trustworthiness)},
                              {"knn_accuracy", orNull(info.knnAccuracy)},
                              {"seconds", info.seconds}};
    writeFileAtomic(stem + ".json", j.dump(2) + "\n");
}

std::pair<FloatMatrix, MapInfo> MapFiles::load(const std::string& folder, const std::string& method)
{
    const std::string stem = (std::filesystem::path(folder) / ("map_" + method)).string();
    FloatMatrix layout = FloatMatrix::fromNpy(readNpy(stem + ".npy"), stem + ".npy");
    if (layout.cols != 2) throw Error("a map has 2 columns, got " + std::to_string(layout.cols), stem + ".npy");
    std::ifstream in(stem + ".json");
    if (!in) throw Error("cannot open file", stem + ".json");
    MapInfo info;
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        info.method = j.at("method").get<std::string>();
        info.points = j.at("points").get<size_t>();
        info.dimensions = j.at("dimensions").get<size_t>();
        info.perplexity = optionalField<double>(j, "perplexity");
        info.iterations = optionalField<int>(j, "iterations");
        info.gradient = optionalField<std::string>(j, "gradient");
        info.init = optionalField<std::string>(j, "init");
        info.learningRate = optionalField<double>(j, "learning_rate");
        info.pcaDimensions = optionalField<size_t>(j, "pca_dims");
        info.seed = j.at("seed").get<uint64_t>();
        info.threads = j.at("threads").get<int>();
        info.explainedVarianceRatio =
            optionalField<std::vector<double>>(j, "explained_variance_ratio").value_or(std::vector<double>{});
        info.labels = optionalField<std::string>(j, "labels");
        info.kl = optionalField<double>(j, "kl");
        info.trustworthiness = optionalField<double>(j, "trustworthiness");
        info.knnAccuracy = optionalField<double>(j, "knn_accuracy");
        info.seconds = j.at("seconds").get<double>();
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("malformed map description: ") + e.what(), stem + ".json");
    }
    if (info.points != layout.rows)
        throw Error("describes " + std::to_string(info.points) + " points but " + stem + ".npy has " +
                        std::to_string(layout.rows),
                    stem + ".json");
    return {std::move(layout), info};
}

}  // namespace sb
