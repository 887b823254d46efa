#include "narcosim/core/errors.hpp"

#include <fmt/format.h>

#include <string_view>

namespace narcosim {

std::string excerpt(std::string_view text) {
  std::string out;
  for (const char c : text.substr(0, 60)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (text.size() > 60) out += "...";
  return out;
}

std::string Diagnostic::to_string() const {
  if (where.line > 0) {
    return fmt::format("{}:{}:{}: {}", where.file, where.line, where.column, message);
  }
  if (!where.file.empty()) return fmt::format("{}: {}", where.file, message);
  return message;
}

namespace {
constexpr std::string_view kMorePrefix = "... and ";

std::vector<Diagnostic> capped(std::vector<Diagnostic> diagnostics) {
  // Counts that earlier caps added (diagnostics merged from several files) join the total.
  size_t hidden = 0;
  std::erase_if(diagnostics, [&hidden](const Diagnostic& d) {
    if (!d.where.file.empty() || !d.message.starts_with(kMorePrefix)) return false;
    hidden += std::stoul(d.message.substr(kMorePrefix.size()));
    return true;
  });
  if (diagnostics.size() > kMaxDiagnostics) {
    hidden += diagnostics.size() - kMaxDiagnostics;
    diagnostics.resize(kMaxDiagnostics);
  }
  if (hidden > 0) {
    diagnostics.push_back(
        {{}, fmt::format("{}{} more problems (fix these first)", kMorePrefix, hidden)});
  }
  return diagnostics;
}

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
    : InputError(capped(std::move(diagnostics)), 0) {}

InputError::InputError(std::vector<Diagnostic> diagnostics, int /*already_capped*/)
    : std::runtime_error(join_messages(diagnostics)), diagnostics_(std::move(diagnostics)) {}

InputError::InputError(SourceLocation where, const std::string& message)
    : InputError(std::vector<Diagnostic>{Diagnostic{std::move(where), message}}) {}

}  // namespace narcosim
