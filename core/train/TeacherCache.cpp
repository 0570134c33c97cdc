#include "core/train/TeacherCache.h"

#include "core/common/AtomicFile.h"
#include "core/common/Error.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace sb {
namespace {

constexpr int kCacheFormat = 1;  // bump when what a teacher stage produces changes

uint64_t fnv1a(const std::string& text)
{
    uint64_t hash = 1469598103934665603ull;
    for (const unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
    return hash;
}

std::string hex(uint64_t value)
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

std::string listHash(const std::vector<std::string>& names)
{
    std::string all;
    for (const auto& n : names) all += n + '\n';
    return hex(fnv1a(all)) + "/" + std::to_string(names.size());
}

nlohmann::json fileIdentity(const std::string& path)
{
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
    return {{"path", fs::absolute(path).lexically_normal().string()}, {"size", ec ? 0 : size}, {"mtime", mtime}};
}

// A hard link where the file system allows it (entries are never written in place: every
// writer renames a new file over the old), else a copy; through a temporary, so a kill
// never leaves a partial target.
void place(const fs::path& from, const fs::path& to)
{
    fs::create_directories(to.parent_path());
    const fs::path temporary = to.string() + ".tmp." + std::to_string(::getpid()) + ".0";
    std::error_code ec;
    fs::remove(temporary, ec);
    fs::create_hard_link(from, temporary, ec);
    if (ec) fs::copy_file(from, temporary, fs::copy_options::overwrite_existing);
    fs::rename(temporary, to);
}

void placeFolder(const fs::path& from, const fs::path& to)
{
    for (const auto& item : fs::recursive_directory_iterator(from))
        if (item.is_regular_file() && !isAtomicTemporary(item.path().filename().string()))
            place(item.path(), to / item.path().lexically_relative(from));
}

std::string readText(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TeacherCache::TeacherCache(const std::string& folder, const TeacherCacheInputs& in)
    : folder_(folder),
      description_({{"format", kCacheFormat},
                     {"teacher", in.teacher},
                     {"position", in.position},
                     {"seed", in.seed},
                     {"dataset", fs::absolute(in.datasetRoot).lexically_normal().string()},
                     {"train_clips", listHash(in.trainFiles)},
                     {"test_clips", listHash(in.testFiles)},
                     {"validation_clips", listHash(in.validationFiles)},
                     {"encoder", fileIdentity(in.encoder)},
                     {"irs", in.irs.empty() ? "" : fs::absolute(in.irs).lexically_normal().string()},
                     {"threads", in.threads},
                     {"device", in.device}}),
      key_(in.teacher.value("name", "teacher") + "-" + hex(fnv1a(description_.dump()))),
      lock_((fs::path(folder) / (key_ + ".lock")).string())
{
}

std::string TeacherCache::entry() const { return (fs::path(folder_) / key_).string(); }

bool TeacherCache::restore(const RunDirectory& run, const std::string& name, MetricsLog& log) const
{
    const fs::path e = entry();
    if (!fs::is_regular_file(e / "description.json")) return false;
    if (nlohmann::json::parse(readText(e / "description.json"), nullptr, false) != description_) return false;
    place(e / "checkpoint.pt", run.checkpointPath(name));
    placeFolder(e / "model", run.modelFolder(name));
    run.updateSummary(name, nlohmann::json::parse(readText(e / "summary.json")));
    // The teacher's training curve, so the run shows it as if it had trained it now.
    for (auto event : readMetrics((e / "metrics.jsonl").string())) {
        event.erase("time");
        log.append(event);
    }
    return true;
}

void TeacherCache::store(const RunDirectory& run, const std::string& name, uint64_t metricsFrom) const
{
    const fs::path temporary = entry() + ".tmp." + std::to_string(::getpid());
    std::error_code ec;
    fs::remove_all(temporary, ec);
    fs::create_directories(temporary / "model");
    place(run.checkpointPath(name), temporary / "checkpoint.pt");
    placeFolder(run.modelFolder(name), temporary / "model");
    writeFileAtomic((temporary / "summary.json").string(), run.summary()[name].dump(2) + "\n");
    // The teacher's own events since its stage began (not another stage's, e.g. pre-training).
    std::ifstream metrics(run.metricsPath(), std::ios::binary);
    metrics.seekg(std::streamoff(metricsFrom));
    std::string events, line;
    while (std::getline(metrics, line)) {
        const auto event = nlohmann::json::parse(line, nullptr, false);
        if (event.is_object() && event.value("model", "") == name) events += line + "\n";
    }
    writeFileAtomic((temporary / "metrics.jsonl").string(), events);
    writeFileAtomic((temporary / "description.json").string(), description_.dump(2) + "\n");
    fs::remove_all(entry(), ec);  // a stale entry with another description
    fs::rename(temporary, entry());
}

}  // namespace sb
