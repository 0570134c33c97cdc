#include "core/sweep/CellAttempts.h"

#include "core/common/AtomicFile.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <unistd.h>

namespace sb {
namespace {

double now()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string hostName()
{
    char name[256] = {};
    return ::gethostname(name, sizeof name - 1) == 0 ? name : "";
}

// "JOBID_TASK" of the Slurm array task this process runs in, else "".
std::string slurmTask()
{
    const char* job = std::getenv("SLURM_ARRAY_JOB_ID");
    const char* task = std::getenv("SLURM_ARRAY_TASK_ID");
    if (job && task) return std::string(job) + "_" + task;
    const char* plain = std::getenv("SLURM_JOB_ID");
    return plain ? plain : "";
}

}  // namespace

int CellAttempts::start(const std::string& mode)
{
    const int number = int(read().size()) + 1;
    appendLine(file_, nlohmann::json{{"event", "start"},  {"time", now()},      {"host", hostName()}, {"pid", long(::getpid())},
                          {"slurm_job", slurmTask()}, {"mode", mode}, {"attempt", number}}
               .dump());
    return number;
}

void CellAttempts::end(int exitCode, const std::string& message)
{
    appendLine(file_, nlohmann::json{{"event", "end"},   {"time", now()},      {"host", hostName()},
                          {"pid", long(::getpid())}, {"exit", exitCode}, {"message", message}}
               .dump());
}

std::vector<CellAttempt> CellAttempts::read() const
{
    std::vector<CellAttempt> attempts;
    std::ifstream in(file_);
    std::string line;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object()) continue;
        const std::string event = j.value("event", "");
        if (event == "start") {
            CellAttempt a;
            a.started = j.value("time", 0.0);
            a.host = j.value("host", "");
            a.pid = j.value("pid", 0L);
            a.slurmJob = j.value("slurm_job", "");
            a.mode = j.value("mode", "");
            attempts.push_back(a);
        } else if (event == "end" && !attempts.empty()) {
            // An end belongs to the latest start of the same process (pid and host).
            for (auto it = attempts.rbegin(); it != attempts.rend(); ++it) {
                if (it->pid != j.value("pid", 0L) || it->host != j.value("host", it->host) || it->exitCode) continue;
                it->exitCode = j.value("exit", 1);
                it->message = j.value("message", "");
                it->ended = j.value("time", 0.0);
                break;
            }
        }
    }
    return attempts;
}

}  // namespace sb
