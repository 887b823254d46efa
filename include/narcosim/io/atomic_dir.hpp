#pragma once
// Directory output that appears complete or not at all: work in a temporary sibling, then
// rename over the destination.
#include <string>

namespace narcosim::io {

// Creates a fresh temporary directory next to `destination` and returns its path.
std::string make_temp_sibling(const std::string& destination);
// Replaces `destination` with `temp_dir` (rename; the old directory is removed afterwards).
void commit_directory(const std::string& temp_dir, const std::string& destination);
// Writes a file through a temporary name and rename.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace narcosim::io
