// scenebench-cli: the headless twin of the workbench. Parses the command word and
// hands the rest to the registered command; every error goes to stderr, exit code 2.
#include "app/cli/CommandRegistry.h"
#include "core/common/Parallel.h"
#include "core/common/ProcessMemory.h"

#include <torch/torch.h>

#include <csignal>
#include <iostream>

namespace {

void printOverview()
{
    std::cout << "scenebench-cli: data-efficient acoustic scene classification, headless.\n\n"
                 "usage: scenebench-cli <command> [options]\n"
                 "       scenebench-cli <command> --help\n\n"
                 "commands:\n";
    for (const auto& c : sb::cli::allCommands()) {
        std::string name = c.name;
        name.resize(std::max<size_t>(name.size() + 2, 18), ' ');
        std::cout << "  " << name << c.summary << "\n";
    }
    std::cout << "\nThreads: all cores by default; set SCENEBENCH_THREADS=N to change.\n";
}

}  // namespace

int main(int argc, char** argv)
{
    // Past a file-size limit (ulimit -f) the default SIGXFSZ kills the process mid-write;
    // ignored, the write fails with EFBIG and is reported like a full disk (exit 2).
    std::signal(SIGXFSZ, SIG_IGN);
    sb::keepFreedMemoryForReuse();
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printOverview();
        return args.empty() ? 2 : 0;
    }
    // Commands are one or two words ("embed", "model inspect"); the longest match wins.
    const sb::cli::Command* command = nullptr;
    if (args.size() >= 2) command = sb::cli::findCommand(args[0] + " " + args[1]);
    const size_t words = command ? 2 : 1;
    if (!command) command = sb::cli::findCommand(args[0]);
    if (!command) {
        std::cerr << "scenebench-cli: unknown command '" << args[0] << "' (see scenebench-cli --help)\n";
        return 2;
    }
    args.erase(args.begin(), args.begin() + static_cast<long>(words));
    for (const auto& a : args)
        if (a == "--help" || a == "-h") {
            std::cout << command->usage;
            return 0;
        }
    try {
        torch::set_num_threads(sb::defaultThreadCount());
        sb::cli::Args parsed(args, command->switches);
        return command->run(parsed);
    } catch (const sb::cli::UsageError& e) {
        std::cerr << "scenebench-cli " << command->name << ": " << e.message() << "\n"
                  << "see: scenebench-cli " << command->name << " --help\n";
        return 2;
    } catch (const sb::Error& e) {
        std::cerr << "scenebench-cli " << command->name << ": error: " << e.what() << "\n";
        return 2;
    } catch (const std::exception& e) {
        std::cerr << "scenebench-cli " << command->name << ": internal error: " << e.what() << "\n";
        return 3;
    }
}
