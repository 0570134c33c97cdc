#include "app/cli/CommandRegistry.h"

#include <algorithm>

namespace sb::cli {

static std::vector<Command>& registry()
{
    static std::vector<Command> commands;  // filled during static initialisation
    return commands;
}

CommandRegistration::CommandRegistration(Command command)
{
    auto& commands = registry();
    commands.push_back(std::move(command));
    std::sort(commands.begin(), commands.end(), [](const Command& a, const Command& b) { return a.name < b.name; });
}

const std::vector<Command>& allCommands() { return registry(); }

const Command* findCommand(const std::string& name)
{
    for (const auto& c : registry())
        if (c.name == name) return &c;
    return nullptr;
}

}  // namespace sb::cli
