#pragma once
// Command-line arguments of one scenebench-cli command: "--name value" options,
// "--flag" switches and positionals. Every accessor validates and throws UsageError
// naming the option; finish() rejects anything the command did not ask about.
#include "core/common/Error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sb::cli {

class UsageError : public Error {
public:
    explicit UsageError(const std::string& message) : Error(message, "command line") {}
};

class Args {
public:
    // `switches` are the option names that take no value (e.g. "json").
    Args(const std::vector<std::string>& argv, const std::set<std::string>& switches);

    bool flag(const std::string& name);
    std::optional<std::string> option(const std::string& name);
    std::string required(const std::string& name);
    std::string value(const std::string& name, const std::string& fallback);
    long integer(const std::string& name, long fallback, long min, long max);
    // The integer when the option was given, else nullopt (the engine then chooses).
    std::optional<int> optionalInteger(const std::string& name, int min, int max);
    double number(const std::string& name, double fallback, double min, double max);
    // Next positional argument, or UsageError saying which one (`what`) is missing.
    std::string positional(const std::string& what);
    bool hasPositional() const { return nextPositional_ < positionals_.size(); }

    // Throws UsageError for options or positionals that no accessor consumed.
    void finish() const;

private:
    std::map<std::string, std::string> options_;
    std::set<std::string> switchesGiven_;
    std::vector<std::string> positionals_;
    size_t nextPositional_ = 0;
    std::set<std::string> used_;
};

}  // namespace sb::cli
