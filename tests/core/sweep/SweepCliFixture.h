#pragma once
// What the tests that run real sweeps through scenebench-cli share (tst_sweep_cli here,
// tst_sweep_slurm on the test Slurm): the tiny experiment with a sweep section, cell
// states read back through `sweep status --json`, and waiting for them.
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>

#include <string>

namespace sb::test {

// The tiny kill-test experiment (TinyExperiment) in root/<name>.json with `sweep` as its
// sweep section and `edit` applied to the document; returns the file's path.
QString writeTinySweep(const QString& root, const std::string& name, const nlohmann::json& sweep,
                       const std::function<void(nlohmann::json&)>& edit = {});

// `scenebench-cli sweep ARGS...` with the cache folder `cache`; its exit code.
int runSweepCli(const QStringList& args, const QString& cache, QByteArray* output = nullptr);

// `scenebench-cli sweep status DIR --json`: cell id -> state ("done", "queued", ...).
std::map<std::string, std::string> cellStates(const QString& sweep, const QString& cache);

// Polls cellStates until every cell is in `state` or `seconds` pass.
bool waitForAll(const QString& sweep, const QString& cache, const std::string& state, int seconds);

// The lines of a file (empty when it cannot be read).
QStringList fileLines(const QString& path);

}  // namespace sb::test
