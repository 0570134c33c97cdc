#include "core/common/Error.h"

namespace sb {

static std::string compose(const std::string& message, const std::string& where)
{
    return where.empty() ? message : where + ": " + message;
}

Error::Error(std::string message, std::string where)
    : std::runtime_error(compose(message, where)), message_(std::move(message)), where_(std::move(where))
{
}

std::string atLine(const std::string& path, long line)
{
    return path + ":" + std::to_string(line);
}

}  // namespace sb
