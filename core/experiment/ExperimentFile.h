#pragma once
// Experiment files: versioned JSON holding an ExperimentConfig. Reading collects every
// problem (bad JSON with its line, wrong types, unknown fields, invalid values) and
// either returns a complete config or throws; it never returns one half-read.
#include "core/common/Error.h"
#include "core/experiment/ExperimentConfig.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace sb {

// Thrown for a file that cannot be used; issues() lists each field's problem.
class ExperimentFileError : public Error {
public:
    ExperimentFileError(const std::string& path, std::vector<FieldIssue> issues);
    const std::vector<FieldIssue>& issues() const { return issues_; }

private:
    std::vector<FieldIssue> issues_;
};

// Parses a JSON document; every problem goes into `issues` (structure and validate()).
ExperimentConfig experimentFromJson(const nlohmann::json& document, std::vector<FieldIssue>& issues);
nlohmann::json experimentToJson(const ExperimentConfig& config);

// Parses JSON text; syntax errors become an issue naming the line and column.
ExperimentConfig parseExperiment(const std::string& text, std::vector<FieldIssue>& issues);

ExperimentConfig readExperiment(const std::string& path);  // throws ExperimentFileError / sb::Error
void writeExperiment(const std::string& path, const ExperimentConfig& config);  // atomic

}  // namespace sb
