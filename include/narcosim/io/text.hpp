#pragma once
// Text that narcosim reads must be UTF-8 (YAML and the JSON of manifests require it): where it
// is not, the first bad byte is reported at its line and column.
#include <cstddef>
#include <string>
#include <string_view>

#include "narcosim/core/errors.hpp"
#include "narcosim/core/utf8.hpp"

namespace narcosim::io {

using narcosim::invalid_utf8_offset;

// The 1-based line and column (in bytes) of `offset` in `text`.
SourceLocation location_of(std::string_view text, size_t offset, const std::string& file);

// Throws InputError at the first byte of `text` that is not UTF-8.
void require_utf8(std::string_view text, const std::string& file);

}  // namespace narcosim::io
