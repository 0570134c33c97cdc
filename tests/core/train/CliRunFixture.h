#pragma once
// What the tests that drive scenebench-cli run/resume share: starting the CLI with a
// private cache, a tiny experiment (tiny demo dataset, the reference tiny BEATs as a
// frozen teacher, a width-16 student) that trains in seconds, reading its progress
// from metrics.jsonl, and comparing two run folders' results.
#include <QProcess>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <string>

namespace sb::test {

// scenebench-cli with SCENEBENCH_CACHE_DIR=cache, stdout and stderr merged; `modify`
// runs in the child before exec (e.g. to set an rlimit).
std::unique_ptr<QProcess> startCli(const QStringList& args, const QString& cache,
                                   std::function<void()> modify = {});
// Runs it to the end; its exit code (-1 when it crashed) and output.
int runCli(const QStringList& args, const QString& cache, QByteArray* output = nullptr,
           std::function<void()> modify = {});

// Writes the tiny dataset into root/tiny-demo and the experiment into root/<name>.json;
// returns the experiment's path.
QString writeTinyExperiment(const QString& root, const std::string& name);

// True once metrics.jsonl in runFolder holds an event `event` ("epoch", "stage") of `model`.
bool eventLogged(const std::string& runFolder, const std::string& event, const std::string& model);

// A whole file's bytes (empty when it cannot be read).
std::string fileText(const std::string& path);

// Empty when the two runs' summary.json, every checkpoint and every predictions.csv are
// equal; else what differs.
std::string compareRuns(const std::string& a, const std::string& b);

}  // namespace sb::test
