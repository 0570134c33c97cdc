#include <torch/torch.h>  // before Qt: Qt's keywords break LibTorch headers

#include "tests/core/train/CliRunFixture.h"

#include "tests/core/train/TinyExperiment.h"

#include "core/checkpoint/Checkpoint.h"
#include "core/data/DemoDataset.h"
#include "core/experiment/ExperimentFile.h"
#include "core/experiment/MetricsLog.h"
#include "core/experiment/RunDirectory.h"

#include <QProcessEnvironment>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace sb::test {

std::unique_ptr<QProcess> startCli(const QStringList& args, const QString& cache, std::function<void()> modify)
{
    auto p = std::make_unique<QProcess>();
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SCENEBENCH_CACHE_DIR"), cache);
    p->setProcessEnvironment(env);
    p->setProcessChannelMode(QProcess::MergedChannels);
    if (modify) p->setChildProcessModifier(modify);
    p->start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"), args);
    return p;
}

int runCli(const QStringList& args, const QString& cache, QByteArray* output, std::function<void()> modify)
{
    auto p = startCli(args, cache, std::move(modify));
    p->waitForFinished(600000);
    if (output) *output = p->readAll();
    return p->exitStatus() == QProcess::NormalExit ? p->exitCode() : -1;
}

QString writeTinyExperiment(const QString& root, const std::string& name)
{
    const std::string dataset = (fs::path(root.toStdString()) / "tiny-demo").string();
    if (!sb::demo::isDemoDataset(dataset)) {
        sb::demo::DemoDatasetParams p;
        p.outDir = dataset;
        p.size = sb::demo::DemoSize::tiny();
        sb::CancellationToken token;
        sb::demo::generateDemoDataset(p, nullptr, token);
    }
    const sb::ExperimentConfig c = tinyExperiment(dataset, name);
    const QString path = root + QStringLiteral("/") + QString::fromStdString(name) + QStringLiteral(".json");
    sb::writeExperiment(path.toStdString(), c);
    return path;
}

bool eventLogged(const std::string& runFolder, const std::string& event, const std::string& model)
{
    const auto metrics = fs::path(runFolder) / sb::RunDirectory::kMetricsFile;
    if (!fs::exists(metrics)) return false;
    for (const auto& e : sb::readMetrics(metrics.string()))
        if (e.value("event", "") == event && e.value("model", "") == model) return true;
    return false;
}

std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

namespace {

std::string compareRunFiles(const std::string& a, const std::string& b)
{
    if (sb::RunDirectory::open(a).summary() != sb::RunDirectory::open(b).summary()) return "summary.json differs";
    size_t compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(a)) {
        if (!entry.is_regular_file()) continue;
        const auto relative = fs::relative(entry.path(), a);
        const auto top = relative.begin()->string();
        const auto other = fs::path(b) / relative;
        if (top == "checkpoints") {
            const auto x = sb::readCheckpoint(entry.path().string()).tensors;
            const auto y = sb::readCheckpoint(other.string()).tensors;
            if (x.size() != y.size()) return relative.string() + ": different tensors";
            for (size_t i = 0; i < x.size(); ++i)
                if (!torch::equal(x[i].second, y[i].second)) return relative.string() + ": " + x[i].first + " differs";
            ++compared;
        } else if (relative.filename() == "predictions.csv") {
            if (fileText(entry.path().string()) != fileText(other.string())) return relative.string() + " differs";
            ++compared;
        }
    }
    return compared > 0 ? "" : "nothing to compare in " + a;
}

}  // namespace

std::string compareRuns(const std::string& a, const std::string& b)
{
    try {
        return compareRunFiles(a, b);
    } catch (const std::exception& e) {
        return e.what();
    }
}

}  // namespace sb::test
