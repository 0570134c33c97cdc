#include "RobustCase.h"

namespace sb::robust {

const char* familyName(Family family)
{
    switch (family) {
    case Family::Audio: return "audio";
    case Family::Csv: return "csv";
    case Family::Experiment: return "experiment";
    case Family::Checkpoint: return "checkpoint";
    }
    return "?";
}

}  // namespace sb::robust
