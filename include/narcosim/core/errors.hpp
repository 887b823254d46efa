#pragma once
// Errors that reach the user. InputError means bad input (exit code 2) and carries the
// place in the file where the problem is, so the CLI can print FILE:LINE:COL: message.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace narcosim {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

struct Diagnostic {
  SourceLocation where;
  std::string message;
  [[nodiscard]] std::string to_string() const;
};

// Problems an InputError keeps; beyond them one last diagnostic counts the rest, so a file
// with 200,000 mistakes prints a page, not 200,000 lines.
inline constexpr size_t kMaxDiagnostics = 100;

// One or more problems with user input: scenario files, --set flags, data files.
class InputError : public std::runtime_error {
 public:
  // Keeps the first kMaxDiagnostics of `diagnostics` and a count of the others.
  explicit InputError(std::vector<Diagnostic> diagnostics);
  InputError(SourceLocation where, const std::string& message);
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  InputError(std::vector<Diagnostic> diagnostics, int already_capped);
  std::vector<Diagnostic> diagnostics_;
};

// A text from the user's input as a message shows it: control characters as '?', at most 60
// bytes (then "..."), so an error never floods the terminal or replays a file's content.
std::string excerpt(std::string_view text);

// A broken invariant (mass balance, negative stock): a bug in the model, exit code 1.
class InvariantError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

}  // namespace narcosim
