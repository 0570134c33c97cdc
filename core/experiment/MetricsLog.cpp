#include "core/experiment/MetricsLog.h"

#include "core/common/Error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace sb {
namespace {

// A kill -9 in the middle of a write can leave a line without its newline: cut it off
// so the next event starts on a fresh line and every line stays valid JSON.
void dropPartialLastLine(const std::string& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec || size == 0) return;
    std::ifstream in(path, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), {});
    const auto lastNewline = text.rfind('\n');
    const size_t keep = lastNewline == std::string::npos ? 0 : lastNewline + 1;
    if (keep < text.size()) std::filesystem::resize_file(path, keep);
}

}  // namespace

MetricsLog::MetricsLog(const std::string& path, double startSeconds)
    : path_(path), startSeconds_(startSeconds), opened_(std::chrono::steady_clock::now())
{
    dropPartialLastLine(path);
    file_ = std::fopen(path.c_str(), "ab");
    if (!file_) throw Error(std::string("cannot open metrics log: ") + std::strerror(errno), path);
}

MetricsLog::~MetricsLog()
{
    if (file_) std::fclose(file_);
}

double MetricsLog::elapsedSeconds() const
{
    return startSeconds_ + std::chrono::duration<double>(std::chrono::steady_clock::now() - opened_).count();
}

void MetricsLog::append(nlohmann::json event)
{
    if (!event.contains("time")) event["time"] = elapsedSeconds();
    const std::string line = event.dump() + "\n";
    std::lock_guard<std::mutex> lock(mutex_);
    if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)
        throw Error(std::string("cannot write metrics: ") + std::strerror(errno), path_);
}

uint64_t MetricsLog::bytes()
{
    std::lock_guard<std::mutex> lock(mutex_);
    std::fflush(file_);
    std::error_code ec;
    const auto size = std::filesystem::file_size(path_, ec);
    return ec ? 0 : uint64_t(size);
}

void MetricsLog::truncate(uint64_t bytes)
{
    std::lock_guard<std::mutex> lock(mutex_);
    std::fflush(file_);
    if (::ftruncate(::fileno(file_), off_t(bytes)) != 0)
        throw Error(std::string("cannot truncate metrics log: ") + std::strerror(errno), path_);
}

std::vector<nlohmann::json> readMetrics(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open metrics log", path);
    std::vector<nlohmann::json> events;
    std::string line;
    long number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (in.eof()) break;  // no newline: still being written
        if (line.empty()) continue;
        try {
            events.push_back(nlohmann::json::parse(line));
        } catch (const nlohmann::json::exception&) {  // parse_error, or out_of_range for 1e400
            throw Error("not a JSON object", atLine(path, number));
        }
    }
    return events;
}

}  // namespace sb
