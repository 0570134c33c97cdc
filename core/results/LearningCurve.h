#pragma once
// The subset learning curve: test accuracy against the training split's size, one line
// per model kind, mean ± standard deviation over the runs (seeds) at each size. A run
// with several teachers counts once for "teacher", with the mean of its teachers.
#include "core/results/RunRecord.h"

#include <string>
#include <vector>

namespace sb {

struct CurvePoint {
    double percent = 0;
    double mean = 0;  // accuracy in [0, 1]
    double std = 0;   // sample standard deviation (n − 1); 0 for a single run
    int runs = 0;
};

struct CurveLine {
    std::string kind;  // "teacher", "ensemble", "student", "student-nokd", or the model's name
    std::vector<CurvePoint> points;  // by percent, ascending
};

// "teacher" for the run's teachers (named in its experiment, e.g. "demo-frozen", or
// "teacher-N"); other models ("ensemble", "student", ...) are their own kind.
std::string modelKind(const RunRecord& run, const std::string& model);

// Lines in the order teacher, ensemble, student, student-nokd, then others by name.
// `metric`: "accuracy", "seen" or "unseen".
std::vector<CurveLine> learningCurve(const std::vector<RunRecord>& runs, const std::string& metric = "accuracy");

}  // namespace sb
