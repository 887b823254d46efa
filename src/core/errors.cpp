#include "narcosim/core/errors.hpp"

#include <fmt/format.h>

namespace narcosim {

std::string Diagnostic::to_string() const {
  if (where.line > 0) {
    return fmt::format("{}:{}:{}: {}", where.file, where.line, where.column, message);
  }
  if (!where.file.empty()) return fmt::format("{}: {}", where.file, message);
  return message;
}

namespace {
std::string join_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string text;
  for (const auto& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += d.to_string();
  }
  return text;
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(SourceLocation where, const std::string& message)
    : InputError(std::vector<Diagnostic>{Diagnostic{std::move(where), message}}) {}

}  // namespace narcosim
