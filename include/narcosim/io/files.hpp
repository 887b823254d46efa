#pragma once
// Reading and writing single files safely: input only from regular files of bounded size
// (never a FIFO, a device or /dev/zero), output through a temporary name and a rename.
#include <string>

#include "narcosim/core/errors.hpp"

namespace narcosim::io {

// The whole of a regular file of at most `max_bytes`. Throws InputError located at `where`
// (the file itself when `where.file` is empty) for a missing, unreadable, non-regular or
// oversized file; `what` names the file's role in messages ("scenario file", "data file").
// The message never quotes the file's content.
std::string read_regular_file(const std::string& path, size_t max_bytes, const std::string& what,
                              SourceLocation where = {});

// Writes a file through a temporary name and rename; on failure the temporary is removed and
// an OutputError (exit code 2: disk full, read-only, permission) names the path.
void write_file_atomically(const std::string& path, const std::string& content);

// A problem with the place narcosim writes to (read-only, full, not ours, locked): not a bug,
// so exit code 2 like bad input, with the path and the reason.
class OutputError : public InputError {
 public:
  OutputError(const std::string& path, const std::string& message)
      : InputError(SourceLocation{path, 0, 0}, message) {}
};

// "reason" for an errno value, as strerror gives it.
std::string describe_errno(int error);

}  // namespace narcosim::io
