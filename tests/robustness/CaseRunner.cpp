#include "CaseRunner.h"

#include "ChildLoaders.h"
#include "FolderSnapshot.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace sb::robust {
namespace {

void writeInput(const fs::path& folder, const InputFile& file)
{
    const fs::path path = folder / file.path;
    fs::create_directories(path.parent_path());
    switch (file.type) {
    case InputFile::Type::Regular: {
        std::ofstream out(path, std::ios::binary);
        out.write(file.bytes.data(), std::streamsize(file.bytes.size()));
        if (!out) throw std::runtime_error("cannot write " + path.string());
        break;
    }
    case InputFile::Type::Fifo:
        if (::mkfifo(path.c_str(), 0600) != 0) throw std::runtime_error("cannot make FIFO " + path.string());
        break;
    case InputFile::Type::Directory: fs::create_directories(path); break;
    case InputFile::Type::Symlink: fs::create_symlink(file.bytes, path); break;
    }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

bool namesFile(const std::string& text, const std::string& path)
{
    return contains(text, path) || contains(text, fs::path(path).filename().string());
}

CaseRunner::CaseRunner(std::string workFolder, std::string userFolder, double timeoutSeconds)
    : work_(std::move(workFolder)), user_(std::move(userFolder))
{
    const std::string user = user_;
    server_ = std::make_unique<ForkServer>(callLoader, [user] {
        // A reader that writes to a relative path or under HOME writes into the user folder.
        if (::chdir(user.c_str()) != 0) throw std::runtime_error("chdir failed");
        ::setenv("HOME", user.c_str(), 1);
        ::unsetenv("XDG_CACHE_HOME");
    }, timeoutSeconds);
}

std::string CaseRunner::writeInputs(const RobustCase& c)
{
    const fs::path folder = fs::path(work_) / std::to_string(++counter_);
    fs::remove_all(folder);
    fs::create_directories(folder);
    for (const auto& f : c.files) writeInput(folder, f);
    return folder.string();
}

std::string CaseRunner::inputPath(const RobustCase& c, const std::string& folder)
{
    return fs::path(c.input).is_absolute() ? c.input : (fs::path(folder) / c.input).string();
}

CaseResult CaseRunner::run(const RobustCase& c)
{
    const auto start = std::chrono::steady_clock::now();
    const std::string folder = writeInputs(c);
    const std::string input = inputPath(c, folder);
    const FolderSnapshot caseBefore = FolderSnapshot::take(folder);
    const FolderSnapshot userBefore = FolderSnapshot::take(user_);
    CaseResult r;
    r.robustCase = &c;
    r.outcome = server_->run(c.loader, input);
    r.memoryHog = r.outcome.peakRssKiB > r.outcome.startRssKiB + kMemoryLimitKiB;
    for (const auto& d : FolderSnapshot::take(folder).differencesFrom(caseBefore)) {
        r.partialOutput = true;
        r.marker = r.marker || contains(d, "marker");
        r.problem += (r.problem.empty() ? "" : "; ") + d + " next to the input";
    }
    for (const auto& d : FolderSnapshot::take(user_).differencesFrom(userBefore)) {
        r.userFilesChanged = true;
        r.marker = r.marker || contains(d, "marker");
        r.problem += (r.problem.empty() ? "" : "; ") + d + " in the user folder";
    }
    judge(c, input, r);
    if (r.memoryHog)
        r.problem += (r.problem.empty() ? "" : "; ") + std::string("peak memory ") +
                     std::to_string(r.outcome.peakRssKiB / 1024) + " MiB";
    fs::remove_all(folder);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

void CaseRunner::judge(const RobustCase& c, const std::string& input, CaseResult& r) const
{
    using Kind = ChildOutcome::Kind;
    const ChildOutcome& o = r.outcome;
    r.crashed = o.kind == Kind::Crash;
    r.hung = o.kind == Kind::Hang;
    auto fail = [&](const std::string& why) {
        r.problem = why + (r.problem.empty() ? "" : "; " + r.problem);
        r.unclear = !r.crashed && !r.hung;
    };
    if (r.crashed || r.hung) return fail(std::string(outcomeName(o.kind)) + ": " + o.text);
    if (c.valid) {
        if (o.kind != Kind::Ok) return fail("a valid control failed: " + o.text);
        if (c.loader == Loader::Dataset && !o.text.empty()) return fail("a valid control has report entries:\n" + o.text);
        r.clear = r.problem.empty() && !r.memoryHog;
        return;
    }
    if (o.kind == Kind::OtherException) return fail("not an sb::Error: " + o.text);
    if (o.kind == Kind::Ok && c.loader != Loader::Dataset) return fail("accepted: " + o.text);
    if (o.kind == Kind::Ok) {
        bool found = false;
        for (const auto& e : parseReport(o.text))
            found = found || (e.file == c.reportFile && (c.reportLine == 0 || e.line == c.reportLine));
        if (!found)
            return fail("no report entry names " + c.reportFile + (c.reportLine ? ":" + std::to_string(c.reportLine) : "") +
                        "; report:\n" + o.text);
    } else {
        const std::string named = c.loader == Loader::Dataset ? c.reportFile : input;
        if (!namesFile(o.text, named)) return fail("the error does not name " + named + ": " + o.text);
        for (const auto& part : c.mustName)
            if (!contains(o.text, part)) return fail("the error does not name '" + part + "': " + o.text);
    }
    r.clear = r.problem.empty() && !r.memoryHog;
}

}  // namespace sb::robust
