#include "core/experiment/JsonFieldReader.h"

#include <cmath>
#include <cstdio>

namespace sb {
namespace {

const nlohmann::json& emptyObject()
{
    static const nlohmann::json empty = nlohmann::json::object();
    return empty;
}

const nlohmann::json& emptyArray()
{
    static const nlohmann::json empty = nlohmann::json::array();
    return empty;
}

// A key as it can be shown: "" for the empty key, control characters escaped, so that a
// key never truncates the message (NUL) or drives the user's terminal (ESC).
std::string printableKey(const std::string& key)
{
    if (key.empty()) return "\"\"";
    std::string out;
    for (const char c : key) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7f) {
            out += c;
            continue;
        }
        char escaped[8];
        std::snprintf(escaped, sizeof escaped, "\\u%04x", u);
        out += escaped;
    }
    return out;
}

}  // namespace

JsonFieldReader::JsonFieldReader(const nlohmann::json& object, std::string path, std::vector<FieldIssue>& issues)
    : object_(object.is_object() ? object : emptyObject()), path_(std::move(path)), issues_(issues)
{
    if (!object.is_object())
        issues_.push_back({path_.empty() ? "(file)" : path_, "must be a JSON object { ... }"});
}

std::string JsonFieldReader::pathOf(const std::string& key) const
{
    return path_.empty() ? key : path_ + "." + key;
}

void JsonFieldReader::issue(const std::string& key, const std::string& message)
{
    issues_.push_back({pathOf(key), message});
}

const nlohmann::json* JsonFieldReader::find(const char* key)
{
    asked_.insert(key);
    const auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
}

bool JsonFieldReader::read(const char* key, std::string& out)
{
    const auto* v = find(key);
    if (!v) return false;
    if (v->is_string()) out = v->get<std::string>();
    else issue(key, "must be a string");
    return true;
}

// An int from a JSON value, or the message saying why not.
static std::string toInt(const nlohmann::json& v, int& out)
{
    if (v.is_number_unsigned() && v.get<unsigned long long>() >= (1ULL << 31)) return "is out of range";
    if (v.is_number_integer()) {
        const auto n = v.get<long long>();
        if (n < -(1LL << 31) || n >= (1LL << 31)) return "is out of range";
        out = static_cast<int>(n);
        return {};
    }
    if (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>()) {
        // Checked before the cast: converting 1e30 to int is undefined behaviour.
        const double d = v.get<double>();
        if (d < -2147483648.0 || d >= 2147483648.0) return "is out of range";
        out = static_cast<int>(d);
        return {};
    }
    return "must be a whole number";
}

bool JsonFieldReader::read(const char* key, int& out)
{
    const auto* v = find(key);
    if (!v) return false;
    const std::string why = toInt(*v, out);
    if (!why.empty()) issue(key, why);
    return true;
}

bool JsonFieldReader::read(const char* key, std::vector<int>& out)
{
    const auto* v = find(key);
    if (!v) return false;
    if (!v->is_array()) {
        issue(key, "must be a list of whole numbers [1, 2, ...]");
        return true;
    }
    out.clear();
    for (size_t i = 0; i < v->size(); ++i) {
        int n = 0;
        const std::string why = toInt((*v)[i], n);
        if (why.empty()) out.push_back(n);
        else issue(std::string(key) + "[" + std::to_string(i) + "]", why);
    }
    return true;
}

bool JsonFieldReader::read(const char* key, std::vector<double>& out)
{
    const auto* v = find(key);
    if (!v) return false;
    if (!v->is_array()) {
        issue(key, "must be a list of numbers [2.5, 7, ...]");
        return true;
    }
    out.clear();
    for (size_t i = 0; i < v->size(); ++i) {
        if ((*v)[i].is_number()) out.push_back((*v)[i].get<double>());
        else issue(std::string(key) + "[" + std::to_string(i) + "]", "must be a number");
    }
    return true;
}

bool JsonFieldReader::read(const char* key, double& out)
{
    const auto* v = find(key);
    if (!v) return false;
    if (v->is_number()) out = v->get<double>();
    else issue(key, "must be a number");
    return true;
}

bool JsonFieldReader::read(const char* key, bool& out)
{
    const auto* v = find(key);
    if (!v) return false;
    if (v->is_boolean()) out = v->get<bool>();
    else issue(key, "must be true or false");
    return true;
}

bool JsonFieldReader::read(const char* key, std::vector<std::string>& out)
{
    const auto* v = find(key);
    if (!v) return false;
    if (!v->is_array()) {
        issue(key, "must be a list of strings [\"...\"]");
        return true;
    }
    out.clear();
    for (size_t i = 0; i < v->size(); ++i) {
        if ((*v)[i].is_string()) out.push_back((*v)[i].get<std::string>());
        else issue(std::string(key) + "[" + std::to_string(i) + "]", "must be a string");
    }
    return true;
}

bool JsonFieldReader::read(const char* key, std::vector<std::vector<std::string>>& out)
{
    const auto* v = find(key);
    if (!v) return false;
    const std::string shape = "must be a list of lists of strings [[\"a\"], [\"a\", \"b\"]]";
    if (!v->is_array()) {
        issue(key, shape);
        return true;
    }
    out.clear();
    for (size_t i = 0; i < v->size(); ++i) {
        const auto& inner = (*v)[i];
        const std::string at = std::string(key) + "[" + std::to_string(i) + "]";
        if (!inner.is_array()) {
            issue(at, shape);
            continue;
        }
        std::vector<std::string> names;
        for (size_t j = 0; j < inner.size(); ++j) {
            if (inner[j].is_string()) names.push_back(inner[j].get<std::string>());
            else issue(at + "[" + std::to_string(j) + "]", "must be a string");
        }
        out.push_back(names);
    }
    return true;
}

bool JsonFieldReader::readPair(const char* key, double& first, double& second)
{
    const auto* v = find(key);
    if (!v) return false;
    if (v->is_array() && v->size() == 2 && (*v)[0].is_number() && (*v)[1].is_number()) {
        first = (*v)[0].get<double>();
        second = (*v)[1].get<double>();
    } else {
        issue(key, "must be a pair of numbers [a, b]");
    }
    return true;
}

JsonFieldReader JsonFieldReader::object(const char* key)
{
    const auto* v = find(key);
    return JsonFieldReader(v ? *v : emptyObject(), pathOf(key), issues_);
}

const nlohmann::json& JsonFieldReader::array(const char* key)
{
    const auto* v = find(key);
    if (!v) return emptyArray();
    if (!v->is_array()) {
        issue(key, "must be a list [ ... ]");
        return emptyArray();
    }
    return *v;
}

void JsonFieldReader::finish()
{
    std::string allowed;
    for (const auto& k : asked_) allowed += (allowed.empty() ? "" : ", ") + k;
    for (const auto& item : object_.items())
        if (!asked_.count(item.key())) issue(printableKey(item.key()), "unknown field (allowed here: " + allowed + ")");
}

}  // namespace sb
