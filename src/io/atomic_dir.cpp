#include "narcosim/io/atomic_dir.hpp"

#include <unistd.h>

#include <fmt/format.h>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace narcosim::io {

namespace fs = std::filesystem;

std::string make_temp_sibling(const std::string& destination) {
  const fs::path dest(destination);
  const fs::path parent = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
  fs::create_directories(parent);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    const auto candidate =
        parent / fmt::format(".{}.partial-{}-{}", dest.filename().string(), ::getpid(), attempt);
    if (fs::create_directory(candidate)) return candidate.string();
  }
  throw std::runtime_error("cannot create a temporary directory next to " + destination);
}

void commit_directory(const std::string& temp_dir, const std::string& destination) {
  const fs::path dest(destination);
  if (fs::exists(dest)) {
    const auto old =
        dest.parent_path() / fmt::format(".{}.old-{}", dest.filename().string(), ::getpid());
    fs::remove_all(old);
    fs::rename(dest, old);
    fs::rename(temp_dir, dest);
    fs::remove_all(old);
  } else {
    fs::rename(temp_dir, dest);
  }
}

void write_file_atomically(const std::string& path, const std::string& content) {
  const auto temp = path + fmt::format(".tmp-{}", ::getpid());
  {
    std::ofstream out(temp, std::ios::binary);
    if (!out) throw std::runtime_error("cannot write " + temp);
    out << content;
    if (!out.flush()) throw std::runtime_error("cannot write " + temp);
  }
  fs::rename(temp, path);
}

}  // namespace narcosim::io
