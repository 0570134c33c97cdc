#pragma once
// A sample of the bad inputs run through the real scenebench-cli, as a user would:
// `features`, `dataset summary`, `run`, `model inspect` and `model convert`. Each must
// end with exit code 2 and the file (and field) named on stderr, write no output, and
// leave existing user files alone (some commands are pointed at one as their output).
// `dataset summary` reports a bad list instead of failing: there the JSON report must
// name the file and line, with exit code 0.
#include "CaseRunner.h"
#include "RobustCase.h"

#include <string>
#include <vector>

namespace sb::robust {

struct CliResult {
    std::string name;     // the case
    std::string command;  // what ran
    bool ok = false;
    std::string problem;
};

class CliSample {
public:
    CliSample(CaseRunner& runner, std::string userFolder);

    // Up to `perFamily` bad cases of each family, spread evenly over the family's cases.
    std::vector<CliResult> run(const std::vector<RobustCase>& cases, size_t perFamily);

private:
    struct Planned;
    Planned plan(const RobustCase& c, size_t variant);
    void judge(Planned& p, int exitCode, bool crashed, const std::string& out, const std::string& err);

    CaseRunner& runner_;
    std::string user_;
};

}  // namespace sb::robust
