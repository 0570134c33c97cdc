#include "tests/core/sweep/SweepCliFixture.h"

#include "tests/core/train/CliRunFixture.h"

#include <QFile>
#include <QThread>

#include <fstream>

namespace sb::test {

QString writeTinySweep(const QString& root, const std::string& name, const nlohmann::json& sweep,
                       const std::function<void(nlohmann::json&)>& edit)
{
    const QString path = writeTinyExperiment(root, name);
    auto doc = nlohmann::json::parse(fileText(path.toStdString()));
    doc["sweep"] = sweep;
    if (edit) edit(doc);
    std::ofstream(path.toStdString()) << doc.dump(2);
    return path;
}

int runSweepCli(const QStringList& args, const QString& cache, QByteArray* output)
{
    return runCli(QStringList{QStringLiteral("sweep")} + args, cache, output);
}

std::map<std::string, std::string> cellStates(const QString& sweep, const QString& cache)
{
    QByteArray output;
    std::map<std::string, std::string> states;
    if (runCli({QStringLiteral("sweep"), QStringLiteral("status"), sweep, QStringLiteral("--json")}, cache, &output) != 0)
        return states;
    const auto doc = nlohmann::json::parse(output.toStdString(), nullptr, false);
    if (!doc.is_object()) return states;
    for (const auto& c : doc["cells"]) states[c["id"].get<std::string>()] = c["state"].get<std::string>();
    return states;
}

bool waitForAll(const QString& sweep, const QString& cache, const std::string& state, int seconds)
{
    for (int i = 0; i < seconds * 2; ++i) {
        const auto states = cellStates(sweep, cache);
        bool all = !states.empty();
        for (const auto& [id, s] : states) all = all && s == state;
        if (all) return true;
        QThread::msleep(500);
    }
    return false;
}

QStringList fileLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

}  // namespace sb::test
