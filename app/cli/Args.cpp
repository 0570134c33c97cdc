#include "app/cli/Args.h"

#include <cstdlib>

namespace sb::cli {

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& switches)
{
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
            std::string name = a.substr(2);
            const auto eq = name.find('=');
            if (eq != std::string::npos) {
                options_[name.substr(0, eq)] = name.substr(eq + 1);
            } else if (switches.count(name)) {
                switchesGiven_.insert(name);
            } else {
                if (i + 1 >= argv.size()) throw UsageError("option --" + name + " needs a value");
                options_[name] = argv[++i];
            }
        } else {
            positionals_.push_back(a);
        }
    }
}

bool Args::flag(const std::string& name)
{
    used_.insert(name);
    return switchesGiven_.count(name) > 0;
}

std::optional<std::string> Args::option(const std::string& name)
{
    used_.insert(name);
    const auto it = options_.find(name);
    if (it == options_.end()) return std::nullopt;
    return it->second;
}

std::string Args::required(const std::string& name)
{
    auto v = option(name);
    if (!v) throw UsageError("missing required option --" + name);
    return *v;
}

std::string Args::value(const std::string& name, const std::string& fallback)
{
    return option(name).value_or(fallback);
}

long Args::integer(const std::string& name, long fallback, long min, long max)
{
    const auto v = option(name);
    if (!v) return fallback;
    char* end = nullptr;
    const long n = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0')
        throw UsageError("--" + name + " must be an integer, got '" + *v + "'");
    if (n < min || n > max)
        throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                         ", got " + *v);
    return n;
}

std::optional<int> Args::optionalInteger(const std::string& name, int min, int max)
{
    if (!option(name)) return std::nullopt;
    return int(integer(name, 0, min, max));
}

double Args::number(const std::string& name, double fallback, double min, double max)
{
    const auto v = option(name);
    if (!v) return fallback;
    char* end = nullptr;
    const double x = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0') throw UsageError("--" + name + " must be a number, got '" + *v + "'");
    if (!(x >= min && x <= max))
        throw UsageError("--" + name + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                         ", got " + *v);
    return x;
}

std::string Args::positional(const std::string& what)
{
    if (nextPositional_ >= positionals_.size()) throw UsageError("missing " + what);
    return positionals_[nextPositional_++];
}

void Args::finish() const
{
    for (const auto& [name, value] : options_)
        if (!used_.count(name)) throw UsageError("unknown option --" + name);
    for (const auto& name : switchesGiven_)
        if (!used_.count(name)) throw UsageError("unknown option --" + name);
    if (nextPositional_ < positionals_.size())
        throw UsageError("unexpected argument '" + positionals_[nextPositional_] + "'");
}

}  // namespace sb::cli
