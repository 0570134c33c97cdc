#pragma once
// Reads the fields of one JSON object into plain values while tracking where it is
// ("teachers[0].optimizer"), recording a FieldIssue for every wrong type, and treating
// fields nobody asked for as errors (a typo must never be silently ignored).
#include "core/experiment/ExperimentConfig.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace sb {

class JsonFieldReader {
public:
    // `object` must outlive the reader. A non-object records an issue and reads nothing.
    JsonFieldReader(const nlohmann::json& object, std::string path, std::vector<FieldIssue>& issues);

    // Each reads `key` into `out` when present and of the right type; `out` keeps its
    // default when the key is absent. Returns whether the key was present.
    bool read(const char* key, std::string& out);
    bool read(const char* key, int& out);
    bool read(const char* key, double& out);
    bool read(const char* key, bool& out);
    bool read(const char* key, std::vector<std::string>& out);
    bool read(const char* key, std::vector<int>& out);
    bool read(const char* key, std::vector<double>& out);
    // A list of lists of strings, e.g. [["a"], ["a", "b"]].
    bool read(const char* key, std::vector<std::vector<std::string>>& out);
    // [beta1, beta2]-style pairs of numbers.
    bool readPair(const char* key, double& first, double& second);

    // A nested object (absent: a reader over an empty object) or array (absent: empty).
    JsonFieldReader object(const char* key);
    const nlohmann::json& array(const char* key);

    std::string pathOf(const std::string& key) const;
    void issue(const std::string& key, const std::string& message);

    // Records an issue for every field that no read/object/array call asked about.
    void finish();

private:
    const nlohmann::json* find(const char* key);

    const nlohmann::json& object_;
    std::string path_;
    std::vector<FieldIssue>& issues_;
    std::set<std::string> asked_;
};

}  // namespace sb
