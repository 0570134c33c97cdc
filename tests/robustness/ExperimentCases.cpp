#include "ExperimentCases.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace sb::robust {
namespace {

using nlohmann::json;

// A place in the file: its JSON pointer and the name the product gives it ("teachers[1].optimizer.lr").
struct Place {
    json::json_pointer pointer;
    std::string field;
};

struct Places {
    std::vector<Place> leaves, objects;
};

void walk(const json& j, const json::json_pointer& ptr, const std::string& field, Places& out)
{
    if (j.is_object()) {
        out.objects.push_back({ptr, field});
        for (const auto& [key, value] : j.items()) walk(value, ptr / key, field.empty() ? key : field + "." + key, out);
    } else if (j.is_array() && !j.empty() && j[0].is_object()) {
        for (size_t i = 0; i < j.size(); ++i) walk(j[i], ptr / i, field + "[" + std::to_string(i) + "]", out);
    } else {
        out.leaves.push_back({ptr, field});  // scalars, and the scalar lists ensemble and betas
    }
}

class ExperimentCaseList {
public:
    ExperimentCaseList(std::mt19937& rng, const std::string& baseText) : rng_(rng), base_(json::parse(baseText))
    {
        walk(base_, json::json_pointer(), "", places_);
    }
    void addText(const std::string& name, std::string text, std::vector<std::string> mustName)
    {
        RobustCase c;
        c.name = "experiment/" + name;
        c.family = Family::Experiment;
        c.loader = Loader::Experiment;
        c.files.push_back({"experiment.json", std::move(text)});
        c.input = "experiment.json";
        c.mustName = std::move(mustName);
        cases.push_back(std::move(c));
    }
    void add(const std::string& name, const json& document, const std::string& field)
    {
        addText(name, document.dump(2), {field});
    }
    // The base with the value at `place` replaced.
    void set(const std::string& kind, const Place& place, const json& value)
    {
        json doc = base_;
        doc[place.pointer] = value;
        add(kind + "-" + place.field + "=" + value.dump().substr(0, 40), doc, place.field);
    }
    std::vector<json> pick(std::vector<json> values, size_t n)
    {
        std::shuffle(values.begin(), values.end(), rng_);
        values.resize(std::min(n, values.size()));
        return values;
    }
    const json& base() const { return base_; }
    const Places& places() const { return places_; }
    std::mt19937& rng() { return rng_; }
    std::vector<RobustCase> cases;

private:
    std::mt19937& rng_;
    json base_;
    Places places_;
};

std::vector<json> wrongTypes(const json& value)
{
    if (value.is_string()) return {7, 1.5, true, nullptr, json::array(), json::object(), {"x"}};
    if (value.is_boolean()) return {"true", 1, 0, nullptr, json::array(), json::object()};
    if (value.is_number_integer()) return {"7", true, nullptr, json::array(), json::object()};
    if (value.is_number()) return {"0.5", false, nullptr, json::array(), json::object()};
    if (value.is_array() && !value.empty() && value[0].is_string())  // ensemble
        return {"demo-frozen", 7, json::object(), {1}, {nullptr}, {{"x"}}};
    return {"0.9", 0.9, {0.9}, {0.9, 0.99, 0.999}, {0.9, "x"}, json::object(), json::array()};  // betas
}

void typeDefects(ExperimentCaseList& list)
{
    for (const auto& place : list.places().leaves)
        for (const auto& v : list.pick(wrongTypes(list.base()[place.pointer]), 2)) list.set("wrong-type", place, v);
    for (const auto& place : list.places().objects)
        if (!place.field.empty())
            for (const auto& v : list.pick({7, "text", json::array(), nullptr, true}, 2)) list.set("not-an-object", place, v);
    json doc = list.base();
    doc["teachers"] = json::object();
    list.add("teachers-not-a-list", doc, "teachers");
}

// Values outside what the validator allows, by the field's last name (docs/experiment-file.md).
std::vector<json> outOfRange(const std::string& field)
{
    const std::string key = field.substr(field.find_last_of('.') + 1);
    const double big = 1e30, huge = 1e300;
    if (key == "seed" || key == "subset_seed") return {-1, (1 << 30) + 1, 2147483648LL, big, -big, 99999999999, 2.5};
    if (key == "threads") return {-1, 1025, huge, 0.5};
    if (key == "device") return {"tpu", "CPU", ""};
    if (key == "name") return {""};
    if (key == "format") return {"scenebench-experimen", "", "SCENEBENCH-EXPERIMENT"};
    if (key == "version") return {0, -1, 2, 1000000, 1.5};
    if (key == "path" || key == "checkpoint") return {""};
    if (key == "split") return {0, 7, 101, -5, big, 5.5};
    if (key == "validation_percent") return {0, -1, 100.5, 1e308};
    if (key == "variant") return {"ssl_frozen2", ""};
    if (key == "layer_decay") return {0, 1.5, -0.1};
    if (key == "epochs") return {0, 10001, -big, 2.5};
    if (key == "batch_size") return {0, 4097, 5000000000LL};
    if (key == "type") return field.find("schedule") != std::string::npos ? json::array({"linear", ""}) : json::array({"sgd", "ADAM"});
    if (key == "lr") return {0, -1, 2};
    if (key == "betas") return {{1.0, 0.999}, {-0.1, 0.9}, {0.9, 1.0}};
    if (key == "weight_decay") return {-0.1, 1.5};
    if (key == "mixup_alpha") return {-1, 11};
    if (key == "specaugment_p" || key == "freqmixstyle_p" || key == "device_ir_p") return {-0.1, 1.1};
    if (key == "freqmixstyle_alpha") return {0, 10.5};
    if (key == "warmup_epochs") return {-1, 10001};
    if (key == "decay_epochs" || key == "t0") return {0, 10001};
    if (key == "final_factor") return {-0.1, 1.1};
    if (key == "t_mult") return {0, 11};
    if (key == "width") return {6, 7, 516, 0, 66, 64.5};
    if (key == "depth") return {15, 18};
    if (key == "mels") return {63, 1025, 100};
    if (key == "temperature") return {0, 101, -1};
    if (key == "lambda") return {-0.1, 1.1};
    if (key == "ensemble") return {{"nobody"}, {"demo-frozen", "x"}};
    return {};  // description, frozen, also_without_kd: any value of the right type is valid
}

void rangeDefects(ExperimentCaseList& list)
{
    for (const auto& place : list.places().leaves)
        for (const auto& v : outOfRange(place.field)) list.set("out-of-range", place, v);
    for (const json v : {-3.0, 100.5, 1e300}) {
        json doc = list.base();
        doc["dataset"]["percent"] = v;
        list.add("out-of-range-dataset.percent=" + v.dump(), doc, "dataset.percent");
    }
    // A frozen teacher cannot use spectrogram augmentations.
    json frozen = list.base();
    frozen["teachers"][0]["augment"]["specaugment_p"] = 0.5;
    list.add("frozen-teacher-with-specaugment", frozen, "teachers[0].augment.specaugment_p");
    json duplicate = list.base();
    duplicate["teachers"][1]["name"] = duplicate["teachers"][0]["name"];
    list.add("duplicate-teacher-names", duplicate, "teachers[1].name");
    json none = list.base();
    none["teachers"] = json::array();
    list.add("no-teachers-but-distillation", none, "teachers");
}

void unknownFields(ExperimentCaseList& list)
{
    const std::vector<json> keys = {"lr_typo", "Seed", "epochs ", "__proto__", "", "\u00fcn\u00efcode",
                                    std::string(10000, 'k'), "nested", std::string("format\0", 7)};
    for (const auto& place : list.places().objects)
        for (const auto& k : list.pick(keys, 4)) {
            const std::string key = k.get<std::string>();
            json doc = list.base();
            doc[place.pointer][key] = json{{"a", {1, 2}}};
            // The product quotes an empty name and escapes control characters.
            const std::string shown = key.empty() ? "\"\"" : key.back() == '\0' ? key.substr(0, key.size() - 1) + "\\u0000" : key;
            const std::string field = (place.field.empty() ? "" : place.field + ".") + shown;
            list.add("unknown-field-" + field.substr(0, 60), doc, field);
        }
}

std::string nested(char open, char close, size_t depth, const std::string& inner)
{
    return std::string(depth, open) + inner + std::string(depth, close);
}

void nestingAndSize(ExperimentCaseList& list)
{
    const std::string text = list.base().dump(2);
    const std::string head = text.substr(0, text.rfind('}'));  // the base without its closing brace
    for (const size_t depth : {65, 1000, 100000, 400000})
        list.addText("deep-array-in-unknown-field-" + std::to_string(depth), head + ",\n  \"deep\": " + nested('[', ']', depth, "1") + "\n}",
                     {});
    for (const size_t depth : {65, 10000, 100000}) {
        std::string deep;
        for (size_t i = 0; i < depth; ++i) deep += "{\"a\":";
        list.addText("deep-object-in-unknown-field-" + std::to_string(depth), head + ",\n  \"deep\": " + deep + "1" + std::string(depth, '}') + "\n}", {});
    }
    list.addText("deep-array-document", nested('[', ']', 100000, ""), {});
    list.addText("deep-value-in-dataset.path", text.substr(0, text.find("\"demo\"")) + nested('[', ']', 1000, "\"demo\"") +
                                                  text.substr(text.find("\"demo\"") + 6),
                 {"dataset.path"});
    json big = list.base();
    big["description"] = std::string(2u << 20, 'd');
    list.addText("huge-description-2MiB", big.dump(2), {});
    list.addText("whitespace-padded-past-1MiB", text + std::string((1u << 20) + 1, ' '), {});
    list.addText("brackets-8MiB", std::string(8u << 20, '['), {});
    list.addText("spaces-4MiB", std::string(4u << 20, ' '), {});
}

void syntaxDefects(ExperimentCaseList& list)
{
    const std::string text = list.base().dump(2);
    std::uniform_int_distribution<size_t> at(1, text.size() - 2);
    for (int i = 0; i < 24; ++i) {
        const size_t cut = at(list.rng());
        list.addText("truncated-at-" + std::to_string(cut), text.substr(0, cut), {"not valid JSON"});
    }
    auto edit = [&](const std::string& name, const std::string& from, const std::string& to) {
        std::string t = text;
        t.replace(t.find(from), from.size(), to);
        list.addText(name, t, {});
    };
    edit("trailing-comma", "\n}", ",\n}");
    edit("line-comment", "{", "{ // an experiment\n");
    edit("single-quotes", "\"seed\"", "'seed'");
    edit("unquoted-key", "\"seed\"", "seed");
    edit("nan-literal", "\"seed\": 1", "\"seed\": NaN");
    edit("infinity-literal", "\"seed\": 1", "\"seed\": Infinity");
    edit("number-overflow", "\"seed\": 1", "\"seed\": 1e400");
    edit("huge-integer", "\"seed\": 1", "\"seed\": 99999999999999999999999");
    edit("bad-utf8-in-string", "\"The teaching", "\"The \xFF teaching");
    edit("overlong-utf8-in-string", "\"The teaching", "\"The \xC0\xAF teaching");
    edit("lone-surrogate-escape", "\"The teaching", "\"The \\ud800 teaching");
    edit("raw-control-character", "\"The teaching", "\"The \x01 teaching");
    edit("duplicate-key-invalid-last", "\"seed\": 1", "\"seed\": 1, \"seed\": -5");
    list.cases.back().mustName = {"seed"};
    list.addText("trailing-garbage", text + "x", {"not valid JSON"});
    list.addText("two-documents", text + text, {"not valid JSON"});
    list.addText("empty-file", "", {"not valid JSON"});
    list.addText("whitespace-only", " \n\t\n", {"not valid JSON"});
    list.addText("top-level-array", "[1, 2]", {"(file)"});
    list.addText("top-level-number", "42", {"(file)"});
    list.addText("top-level-string", "\"scenebench-experiment\"", {"(file)"});
    list.addText("top-level-null", "null", {"(file)"});
    list.addText("utf16-le", std::string("\xFF\xFE{\0}\0", 6), {"not valid JSON"});
    json noFormat = list.base();
    noFormat.erase("format");
    list.add("missing-format", noFormat, "format");
    json noVersion = list.base();
    noVersion.erase("version");
    list.add("missing-version", noVersion, "version");
}

void specialPaths(ExperimentCaseList& list)
{
    auto special = [&list](const std::string& name, InputFile file, const std::string& input) {
        list.addText(name, "", {});
        list.cases.back().files = {std::move(file)};
        list.cases.back().input = input;
    };
    special("directory", {"experiment.json", "", InputFile::Type::Directory}, "experiment.json");
    special("fifo", {"experiment.json", "", InputFile::Type::Fifo}, "experiment.json");
    special("dangling-symlink", {"experiment.json", "gone.json", InputFile::Type::Symlink}, "experiment.json");
    special("missing-file", {"other.json", "{}"}, "experiment.json");
    special("dev-zero", {"unused", ""}, "/dev/zero");
    special("dev-null", {"unused", ""}, "/dev/null");
}

}  // namespace

std::vector<RobustCase> experimentCases(std::mt19937& rng, const std::string& baseText)
{
    ExperimentCaseList list(rng, baseText);
    list.addText("control", baseText, {});
    list.cases.back().valid = true;
    typeDefects(list);
    rangeDefects(list);
    unknownFields(list);
    nestingAndSize(list);
    syntaxDefects(list);
    specialPaths(list);
    return list.cases;
}

}  // namespace sb::robust
