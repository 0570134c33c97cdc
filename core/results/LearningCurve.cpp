#include "core/results/LearningCurve.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace sb {

namespace {

int kindRank(const std::string& kind)
{
    static const char* order[] = {"teacher", "ensemble", "student", "student-nokd"};
    for (int i = 0; i < 4; ++i)
        if (kind == order[i]) return i;
    return 4;
}

double metricOf(const ModelScores& s, const std::string& metric)
{
    if (metric == "seen") return s.seen;
    if (metric == "unseen") return s.unseen;
    return s.accuracy;
}

CurvePoint summarise(double percent, const std::vector<double>& values)
{
    CurvePoint p;
    p.percent = percent;
    p.runs = int(values.size());
    double sum = 0;
    for (double v : values) sum += v;
    p.mean = sum / double(values.size());
    if (values.size() > 1) {
        double squares = 0;
        for (double v : values) squares += (v - p.mean) * (v - p.mean);
        p.std = std::sqrt(squares / double(values.size() - 1));
    }
    return p;
}

}  // namespace

std::string modelKind(const RunRecord& run, const std::string& model)
{
    const auto& teachers = run.config.teachers;
    const bool teacher = model.rfind("teacher-", 0) == 0 ||
                         std::any_of(teachers.begin(), teachers.end(), [&](const TeacherConfig& t) { return t.name == model; });
    return teacher ? std::string("teacher") : model;
}

std::vector<CurveLine> learningCurve(const std::vector<RunRecord>& runs, const std::string& metric)
{
    // kind -> percent -> one value per run
    std::map<std::string, std::map<double, std::vector<double>>> values;
    for (const RunRecord& run : runs) {
        std::map<std::string, std::vector<double>> perKind;  // a run's teachers average to one value
        for (const auto& [model, scores] : run.models) {
            const double v = metricOf(scores, metric);
            if (std::isfinite(v)) perKind[modelKind(run, model)].push_back(v);
        }
        for (const auto& [kind, vs] : perKind) {
            double sum = 0;
            for (double v : vs) sum += v;
            values[kind][run.splitPercent].push_back(sum / double(vs.size()));
        }
    }
    std::vector<CurveLine> lines;
    for (const auto& [kind, byPercent] : values) {
        CurveLine line{kind, {}};
        for (const auto& [percent, vs] : byPercent) line.points.push_back(summarise(percent, vs));
        lines.push_back(std::move(line));
    }
    std::stable_sort(lines.begin(), lines.end(),
                     [](const CurveLine& a, const CurveLine& b) { return kindRank(a.kind) < kindRank(b.kind); });
    return lines;
}

}  // namespace sb
