#pragma once
// How every view words an error: "message (where)" for an sb::Error (the file, line or
// field it names), what() for anything else. GUI thread or worker, plain function.
#include <QString>

#include <exception>

namespace sb::ui {

QString errorText(const std::exception& error);

}  // namespace sb::ui
