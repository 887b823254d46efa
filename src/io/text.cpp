#include "narcosim/io/text.hpp"

#include <fmt/format.h>

namespace narcosim::io {

SourceLocation location_of(std::string_view text, size_t offset, const std::string& file) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return SourceLocation{file, line, int(offset - line_start) + 1};
}

void require_utf8(std::string_view text, const std::string& file) {
  const size_t bad = invalid_utf8_offset(text);
  if (bad == std::string_view::npos) return;
  throw InputError(location_of(text, bad, file),
                   fmt::format("not UTF-8 text: byte 0x{:02X} here (save the file as UTF-8)",
                               static_cast<unsigned char>(text[bad])));
}

}  // namespace narcosim::io
