#pragma once
// The one exception type of SceneBench: what was wrong, and where (a file, a CSV
// line, a tensor name, a form field). Every user-facing error is one of these.
#include <stdexcept>
#include <string>

namespace sb {

class Error : public std::runtime_error {
public:
    explicit Error(std::string message, std::string where = {});

    const std::string& message() const { return message_; }
    const std::string& where() const { return where_; }

private:
    std::string message_;
    std::string where_;
};

// Thrown by long jobs when their CancellationToken is cancelled.
class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled by the user") {}
};

// "path:line" helper for messages about a line of a text file.
std::string atLine(const std::string& path, long line);

}  // namespace sb
