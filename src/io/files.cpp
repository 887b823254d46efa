#include "narcosim/io/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

namespace narcosim::io {

namespace {

// Closes a descriptor at scope exit.
struct Descriptor {
  int fd = -1;
  explicit Descriptor(int d) : fd(d) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

std::string size_text(size_t bytes) {
  if (bytes >= (size_t(1) << 20)) return fmt::format("{} MiB", bytes >> 20);
  return fmt::format("{} KiB", bytes >> 10);
}

}  // namespace

std::string describe_errno(int error) {
  return std::strerror(error);
}

std::string read_regular_file(const std::string& path, size_t max_bytes, const std::string& what,
                              SourceLocation where) {
  if (where.file.empty()) where = SourceLocation{path, 0, 0};
  const auto fail = [&](const std::string& reason) {
    throw InputError(where, fmt::format("cannot read {} '{}': {}", what, path, reason));
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check below refuses it.
  const Descriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (file.fd < 0) fail(describe_errno(errno));
  struct stat info {};
  if (::fstat(file.fd, &info) != 0) fail(describe_errno(errno));
  if (S_ISDIR(info.st_mode)) fail("it is a directory");
  if (!S_ISREG(info.st_mode)) fail("not a regular file (a device, FIFO or socket)");
  if (size_t(info.st_size) > max_bytes) {
    fail(fmt::format("{} is larger than the limit of {} for a {}", size_text(size_t(info.st_size)),
                     size_text(max_bytes), what));
  }
  std::string text;
  text.resize(size_t(info.st_size));
  size_t done = 0;
  // The size can change while reading (a file being written): read what is there, up to the
  // limit, and refuse a file that grew past it.
  for (;;) {
    if (done == text.size()) {
      if (text.size() > max_bytes) fail(fmt::format("larger than {}", size_text(max_bytes)));
      text.resize(std::min(max_bytes + 1, text.size() + 4096));
    }
    const ssize_t got = ::read(file.fd, text.data() + done, text.size() - done);
    if (got < 0) {
      if (errno == EINTR) continue;
      fail(describe_errno(errno));
    }
    if (got == 0) break;
    done += size_t(got);
  }
  if (done > max_bytes) fail(fmt::format("larger than {}", size_text(max_bytes)));
  text.resize(done);
  return text;
}

void write_file_atomically(const std::string& path, const std::string& content) {
  const auto temp = path + fmt::format(".tmp-{}", ::getpid());
  const auto fail = [&](int error) {
    ::unlink(temp.c_str());
    throw OutputError(path, fmt::format("cannot write: {}", describe_errno(error)));
  };
  {
    const Descriptor file(
        ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644));
    if (file.fd < 0) fail(errno);
    size_t done = 0;
    while (done < content.size()) {
      const ssize_t wrote = ::write(file.fd, content.data() + done, content.size() - done);
      if (wrote < 0) {
        if (errno == EINTR) continue;
        fail(errno);
      }
      done += size_t(wrote);
    }
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) fail(errno);
}

}  // namespace narcosim::io
