#include "core/data/ClipName.h"

#include <vector>

namespace sb {

std::string ClipName::fileName() const
{
    return "audio/" + scene + "-" + city + "-" + location + "-" + std::to_string(segment) + "-" + device + ".wav";
}

std::string ClipName::identifier() const { return city + "-" + location.substr(0, location.find('-')); }

static std::vector<std::string> splitDashes(const std::string& text)
{
    std::vector<std::string> parts;
    size_t start = 0;
    for (;;) {
        const size_t dash = text.find('-', start);
        parts.push_back(text.substr(start, dash == std::string::npos ? std::string::npos : dash - start));
        if (dash == std::string::npos) return parts;
        start = dash + 1;
    }
}

static bool isNumber(const std::string& s)
{
    return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

static std::optional<ClipName> fail(std::string* whyNot, std::string why)
{
    if (whyNot) *whyNot = std::move(why);
    return std::nullopt;
}

std::optional<ClipName> parseClipName(const std::string& fileName, std::string* whyNot)
{
    std::string base = fileName.substr(fileName.find_last_of('/') + 1);
    if (base.size() < 5 || base.compare(base.size() - 4, 4, ".wav") != 0)
        return fail(whyNot, "file name does not end in .wav");
    base.resize(base.size() - 4);
    const auto parts = splitDashes(base);
    // Real names have 6 parts (two-field location); the older 5-part form has one.
    if (parts.size() != 6 && parts.size() != 5)
        return fail(whyNot, "expected <scene>-<city>-<location>-<segment>-<device>.wav, got " +
                                std::to_string(parts.size()) + " dash-separated fields");
    for (const auto& p : parts)
        if (p.empty()) return fail(whyNot, "empty field in file name");
    ClipName name;
    name.scene = parts[0];
    name.city = parts[1];
    name.location = parts.size() == 6 ? parts[2] + "-" + parts[3] : parts[2];
    const std::string& segment = parts[parts.size() - 2];
    name.device = parts.back();
    if (!isNumber(parts[2]) || (parts.size() == 6 && !isNumber(parts[3])))
        return fail(whyNot, "location '" + name.location + "' is not numeric");
    if (!isNumber(segment)) return fail(whyNot, "segment '" + segment + "' is not a number");
    name.segment = std::stoi(segment);
    return name;
}

}  // namespace sb
