#include "core/sweep/SlurmQueue.h"

#include "core/common/AtomicFile.h"
#include "core/common/Subprocess.h"
#include "core/sweep/SweepPlan.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace sb {
namespace {

std::string jobsFile(const SweepPlan& plan) { return (fs::path(plan.slurmFolder()) / "jobs.jsonl").string(); }

std::vector<std::string> lines(const std::string& text)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(line);
    return out;
}

std::vector<std::string> split(const std::string& line, char separator)
{
    std::vector<std::string> parts;
    std::istringstream in(line);
    std::string part;
    while (std::getline(in, part, separator)) parts.push_back(part);
    return parts;
}

// sacct's view of ended tasks (COMPLETED, FAILED, TIMEOUT, ...), where accounting is on;
// on a cluster without it sacct fails, and the run folders alone say what happened.
std::map<std::string, std::string> sacctStates(const std::vector<SlurmJob>& jobs)
{
    std::string ids;
    for (const auto& j : jobs) ids += (ids.empty() ? "" : ",") + j.jobId;
    const auto r = runCommand({"sacct", "-n", "-P", "-X", "-j", ids, "-o", "JobID,State"}, 30);
    std::map<std::string, std::string> states;
    if (!r.started || r.exitCode != 0) return states;
    for (const auto& line : lines(r.out)) {
        const auto parts = split(line, '|');
        // "CANCELLED by 0" -> "CANCELLED"
        if (parts.size() >= 2) states[parts[0]] = split(parts[1], ' ').front();
    }
    return states;
}

}  // namespace

bool SlurmTaskState::active() const
{
    static const std::set<std::string> live = {"PENDING",     "RUNNING",    "CONFIGURING", "COMPLETING",
                                               "REQUEUED",    "RESIZING",   "SUSPENDED",   "REQUEUE_HOLD",
                                               "REQUEUE_FED", "SIGNALING",  "STAGE_OUT",   "STOPPED"};
    return live.count(state) > 0;
}

std::vector<SlurmJob> readSlurmJobs(const SweepPlan& plan)
{
    std::vector<SlurmJob> jobs;
    std::ifstream in(jobsFile(plan));
    std::string line;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || !j.contains("job_id")) continue;
        SlurmJob job;
        job.jobId = j.value("job_id", "");
        job.script = j.value("script", "");
        job.submitted = j.value("time", 0.0);
        for (const auto& c : j.value("cells", nlohmann::json::array()))
            if (c.is_number_unsigned()) job.cells.push_back(c.get<size_t>());
        jobs.push_back(job);
    }
    return jobs;
}

void appendSlurmJob(const SweepPlan& plan, const SlurmJob& job)
{
    appendLine(jobsFile(plan), nlohmann::json{{"job_id", job.jobId}, {"script", job.script}, {"time", job.submitted},
                                              {"cells", job.cells}}
                                   .dump());
}

std::map<std::string, std::string> parseSqueue(const std::string& text)
{
    std::map<std::string, std::string> states;
    for (const auto& line : lines(text)) {
        const auto parts = split(line, '|');
        // %K is "N/A" for a job that is not an array.
        if (parts.size() != 3 || parts[1].empty() || parts[1] == "N/A") continue;
        states[parts[0] + "_" + parts[1]] = parts[2];
    }
    return states;
}

std::map<size_t, SlurmTaskState> querySlurm(const SweepPlan& plan, std::string* error)
{
    std::map<size_t, SlurmTaskState> cells;
    const auto jobs = readSlurmJobs(plan);
    if (jobs.empty()) return cells;
    // All of the user's array tasks, one line each (-r), ended ones too while the
    // controller remembers them (-t all), filtered to ours below: asking for job ids that
    // Slurm has forgotten would make squeue fail as a whole.
    const auto r = runCommand({"squeue", "-h", "-r", "--me", "-t", "all", "-o", "%F|%K|%T"}, 30);
    if (!r.started || r.exitCode != 0) {
        if (error)
            *error = !r.started ? "squeue is not installed here: the Slurm queue was not asked"
                                : "squeue failed: " + (r.err.empty() ? std::string("no message") : r.err);
    }
    const auto queued = r.exitCode == 0 ? parseSqueue(r.out) : std::map<std::string, std::string>();
    const auto ended = sacctStates(jobs);
    // Later submissions override earlier ones for the same cell.
    for (const auto& job : jobs)
        for (size_t cell : job.cells) {
            const std::string task = job.jobId + "_" + std::to_string(cell);
            if (const auto q = queued.find(task); q != queued.end()) cells[cell] = {task, q->second};
            else if (const auto e = ended.find(task); e != ended.end()) cells[cell] = {task, e->second};
            else cells.erase(cell);  // forgotten by Slurm: the run folder says what happened
        }
    return cells;
}

}  // namespace sb
