#include <torch/torch.h>

#include "tests/core/train/RunFolderCheck.h"

#include "tests/core/train/CliRunFixture.h"

#include "core/checkpoint/Checkpoint.h"
#include "core/common/AtomicFile.h"
#include "core/common/Npy.h"
#include "core/experiment/RunLock.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace sb::test {
namespace {

// Empty when whole, else what is wrong.
std::string checkJsonLines(const std::string& text)
{
    if (!text.empty() && text.back() != '\n') return "last line has no newline";
    std::istringstream lines(text);
    std::string line;
    for (int n = 1; std::getline(lines, line); ++n)
        if (!nlohmann::json::accept(line)) return "line " + std::to_string(n) + " is not JSON";
    return {};
}

std::string checkCsv(const std::string& text)
{
    if (text.empty() || text.back() != '\n') return "does not end with a newline";
    const char separator = text.substr(0, text.find('\n')).find('\t') != std::string::npos ? '\t' : ',';
    std::istringstream lines(text);
    std::string line;
    long columns = -1;
    for (int n = 1; std::getline(lines, line); ++n) {
        const long count = std::count(line.begin(), line.end(), separator);
        if (columns >= 0 && count != columns) return "line " + std::to_string(n) + " has a different column count";
        columns = count;
    }
    return {};
}

std::string checkFile(const fs::path& path)
{
    const std::string name = path.filename().string();
    const std::string extension = path.extension().string();
    try {
        if (name == "metrics.jsonl") return checkJsonLines(fileText(path.string()));
        if (extension == ".json") return nlohmann::json::accept(fileText(path.string())) ? "" : "not valid JSON";
        if (extension == ".csv") return checkCsv(fileText(path.string()));
        if (extension == ".npy") {
            readNpy(path.string());
            return {};
        }
        if (extension == ".pt" && name.rfind("optimizer", 0) == 0) {
            torch::serialize::InputArchive archive;
            archive.load_from(path.string());
            return {};
        }
        if (extension == ".pt") {
            readCheckpoint(path.string());
            return {};
        }
    } catch (const std::exception& e) {
        return std::string("unreadable: ") + e.what();
    }
    return "a file of a kind this check does not know";
}

}  // namespace

RunFolderReport checkRunFolder(const std::string& folder)
{
    RunFolderReport report;
    if (!fs::exists(folder)) return report;  // killed before the run made its folder
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        const auto relative = fs::relative(entry.path(), folder).string();
        if (isAtomicTemporary(entry.path().filename().string())) {
            report.temporaries.push_back(relative);
            continue;
        }
        if (entry.path().filename() == RunLock::kLockFile) continue;  // empty by design
        const std::string problem = checkFile(entry.path());
        if (!problem.empty()) report.broken.push_back(relative + ": " + problem);
        else ++report.files;
    }
    return report;
}

}  // namespace sb::test
