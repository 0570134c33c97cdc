#pragma once
// The product entry points a user's bad file reaches, one per RobustCase::Loader, called
// in the isolated child (IsolatedCall). Each returns a short description of what loaded;
// the Dataset loader returns the validation report, one "file<TAB>line<TAB>kind<TAB>
// message" line per entry. Errors propagate as the exceptions the product throws.
#include "RobustCase.h"

#include <string>

namespace sb::robust {

std::string callLoader(Loader loader, const std::string& input);

// One report line of the Dataset loader, parsed back in the parent.
struct ReportLine {
    std::string file;
    long line = 0;
    std::string kind;
    std::string message;
};
std::vector<ReportLine> parseReport(const std::string& text);

}  // namespace sb::robust
