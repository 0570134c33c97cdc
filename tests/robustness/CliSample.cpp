#include "CliSample.h"

#include "FolderSnapshot.h"

#include <nlohmann/json.hpp>

#include <QProcess>

#include <filesystem>
#include <map>
#include <memory>

namespace fs = std::filesystem;

namespace sb::robust {

struct CliSample::Planned {
    const RobustCase* c = nullptr;
    std::string folder, input;
    std::string user;  // this call's copy of the user folder: two calls run at once
    std::vector<std::string> args;
    std::string mustNotExist;  // an output that must not appear
    FolderSnapshot userBefore, inputsBefore;
    CliResult result;
};

CliSample::CliSample(CaseRunner& runner, std::string userFolder) : runner_(runner), user_(std::move(userFolder)) {}

CliSample::Planned CliSample::plan(const RobustCase& c, size_t variant)
{
    Planned p;
    p.c = &c;
    p.folder = runner_.writeInputs(c);
    p.input = CaseRunner::inputPath(c, p.folder);
    p.user = p.folder + "-user";
    fs::copy(user_, p.user, fs::copy_options::recursive);
    const std::string out = p.folder + "/out";
    switch (c.family) {
    case Family::Audio: {
        // Half of them overwrite an existing user file if the command wrongly succeeds.
        const std::string target = variant % 2 ? p.user + "/previous.npy" : out + ".npy";
        p.args = {"features", "--frontend", "cpmel", "--out", target, p.input};
        if (variant % 2 == 0) p.mustNotExist = target;
        break;
    }
    case Family::Csv: p.args = {"dataset", "summary", p.input, "--json", "--issues", "1000000"}; break;
    case Family::Experiment: {
        const std::string target = variant % 2 ? p.user + "/previous-run" : out + "-run";
        p.args = {"run", p.input, "--out", target};
        if (variant % 2 == 0) p.mustNotExist = target;
        break;
    }
    case Family::Checkpoint:
        if (variant % 3 == 0) {
            p.args = {"model", "inspect", "--checkpoint", p.input};
        } else {
            const std::string target = variant % 3 == 1 ? out + ".pt" : p.user + "/model.pt";
            p.args = {"model", "convert", p.input, target};
            if (variant % 3 == 1) p.mustNotExist = target;
        }
        break;
    }
    for (const auto& a : p.args) p.result.command += (p.result.command.empty() ? "" : " ") + a;
    p.result.name = c.name;
    p.userBefore = FolderSnapshot::take(p.user);
    p.inputsBefore = FolderSnapshot::take(p.folder);
    return p;
}

void CliSample::judge(Planned& p, int exitCode, bool crashed, const std::string& out, const std::string& err)
{
    std::string& problem = p.result.problem;
    auto note = [&problem](const std::string& what) { problem += (problem.empty() ? "" : "; ") + what; };
    const RobustCase& c = *p.c;
    const bool reports = c.family == Family::Csv && exitCode == 0;
    if (crashed) note("crashed");
    else if (exitCode != 2 && !reports) note("exit code " + std::to_string(exitCode) + " (expected 2)");
    if (reports) {
        bool named = false;
        try {
            const auto summary = nlohmann::json::parse(out);
            for (const auto& e : summary.at("validation").at("entries"))
                named = named || (e["file"] == c.reportFile && (c.reportLine == 0 || e["line"] == c.reportLine));
        } catch (const nlohmann::json::exception& e) {
            note(std::string("stdout is not the JSON summary: ") + e.what());
        }
        if (!named) note("the report does not name " + c.reportFile + ":" + std::to_string(c.reportLine));
    } else if (exitCode == 2) {
        const std::string named = c.family == Family::Csv ? c.reportFile : p.input;
        if (!namesFile(err, named)) note("stderr does not name " + named + ": " + err);
        for (const auto& part : c.mustName)
            if (err.find(part) == std::string::npos) note("stderr does not name '" + part + "': " + err);
    }
    if (!p.mustNotExist.empty() && fs::exists(fs::symlink_status(p.mustNotExist))) note("wrote " + p.mustNotExist);
    for (const auto& d : FolderSnapshot::take(p.user).differencesFrom(p.userBefore)) note(d + " in the user folder");
    for (const auto& d : FolderSnapshot::take(p.folder).differencesFrom(p.inputsBefore)) note(d + " next to the input");
    p.result.ok = problem.empty();
    if (!p.result.ok) problem += " [" + p.result.command + "; stderr: " + err.substr(0, 400) + "]";
    fs::remove_all(p.folder);
    fs::remove_all(p.user);
}

std::vector<CliResult> CliSample::run(const std::vector<RobustCase>& cases, size_t perFamily)
{
    // The CLI reads checkpoints before it checks what they hold: sample the read-level ones.
    std::map<Family, std::vector<const RobustCase*>> byFamily;
    for (const auto& c : cases)
        if (!c.valid && c.loader != Loader::CheckpointModel) byFamily[c.family].push_back(&c);
    std::vector<const RobustCase*> chosen;
    for (const auto& [family, list] : byFamily)
        for (size_t k = 0; k < perFamily && k < list.size(); ++k) chosen.push_back(list[k * list.size() / perFamily]);

    std::vector<CliResult> results;
    // Two at a time: each call is mostly process start-up.
    for (size_t i = 0; i < chosen.size(); i += 2) {
        std::vector<Planned> batch;
        std::vector<std::unique_ptr<QProcess>> processes;
        for (size_t k = i; k < std::min(i + 2, chosen.size()); ++k) {
            batch.push_back(plan(*chosen[k], k));
            const QString user = QString::fromStdString(batch.back().user);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("HOME"), user);  // a cache or config written there is seen
            env.insert(QStringLiteral("SCENEBENCH_THREADS"), QStringLiteral("1"));
            env.remove(QStringLiteral("XDG_CACHE_HOME"));
            auto proc = std::make_unique<QProcess>();
            proc->setProcessEnvironment(env);
            proc->setWorkingDirectory(user);
            QStringList args;
            for (const auto& a : batch.back().args) args << QString::fromStdString(a);
            proc->start(QStringLiteral(SCENEBENCH_BIN_DIR "/scenebench-cli"), args);
            processes.push_back(std::move(proc));
        }
        for (size_t k = 0; k < batch.size(); ++k) {
            QProcess& proc = *processes[k];
            const bool finished = proc.waitForFinished(60000);
            if (!finished) {
                proc.kill();
                proc.waitForFinished();
            }
            judge(batch[k], finished ? proc.exitCode() : -1, !finished || proc.exitStatus() != QProcess::NormalExit,
                  proc.readAllStandardOutput().toStdString(), proc.readAllStandardError().toStdString());
            results.push_back(batch[k].result);
        }
    }
    return results;
}

}  // namespace sb::robust
