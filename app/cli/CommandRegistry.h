#pragma once
// The commands of scenebench-cli. Each lives in its own <Name>Command.cpp and adds
// itself with a static CommandRegistration, so main.cpp never changes for a new one.
#include "app/cli/Args.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace sb::cli {

struct Command {
    std::string name;     // one or two words, e.g. "embed" or "dataset summary"
    std::string summary;  // one line for the command list
    std::string usage;    // full help text: synopsis, options, examples
    std::set<std::string> switches;  // options that take no value
    std::function<int(Args&)> run;   // returns the exit code
};

const std::vector<Command>& allCommands();  // sorted by name
const Command* findCommand(const std::string& name);

struct CommandRegistration {
    explicit CommandRegistration(Command command);
};

}  // namespace sb::cli
