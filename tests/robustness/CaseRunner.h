#pragma once
// Runs one RobustCase: writes its files into a fresh folder, snapshots that folder and the
// "user files" folder, calls the case's loader in an isolated child (with the user folder
// as working directory and HOME, so a stray write lands where it is seen), and judges
// the outcome: a clear error naming the file (or field), nothing written, nothing changed.
#include "ForkServer.h"
#include "IsolatedCall.h"
#include "RobustCase.h"

#include <memory>
#include <string>
#include <vector>

namespace sb::robust {

struct CaseResult {
    const RobustCase* robustCase = nullptr;
    ChildOutcome outcome;
    bool clear = false;        // the expected outcome: a clear error (or, for a control, a clean load)
    bool crashed = false, hung = false, unclear = false;
    bool partialOutput = false;  // a file appeared next to the input
    bool userFilesChanged = false;
    bool memoryHog = false;      // the child's peak memory grew by more than kMemoryLimitKiB
    bool marker = false;         // a hostile payload's marker file appeared
    std::string problem;         // what was wrong, for the failure list
    double seconds = 0;
};

class CaseRunner {
public:
    static constexpr long kMemoryLimitKiB = 1L << 20;  // 1 GiB above the size the child started with

    // Forks its ForkServer: construct it before allocating much.
    CaseRunner(std::string workFolder, std::string userFolder, double timeoutSeconds);

    CaseResult run(const RobustCase& c);

    // Writes the case's files into workFolder/<n>; returns the folder.
    std::string writeInputs(const RobustCase& c);
    // The loader's input: absolute inputs as they are, others inside `folder`.
    static std::string inputPath(const RobustCase& c, const std::string& folder);

private:
    void judge(const RobustCase& c, const std::string& input, CaseResult& r) const;

    std::string work_;
    std::string user_;
    std::unique_ptr<ForkServer> server_;
    long counter_ = 0;
};

// True when `text` names the file at `path`: its full path or, at least, its file name.
bool namesFile(const std::string& text, const std::string& path);

}  // namespace sb::robust
