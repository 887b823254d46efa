#pragma once
// Text that narcosim reads or writes must be UTF-8 (YAML, and the JSON of manifests, require it).
#include <cstddef>
#include <string_view>

namespace narcosim {

// Offset of the first byte that is not part of well-formed UTF-8 (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or std::string_view::npos.
size_t invalid_utf8_offset(std::string_view text);

}  // namespace narcosim
