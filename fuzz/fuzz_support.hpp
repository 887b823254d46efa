#pragma once
// What the fuzz targets share: a scratch directory for the process, the shipped world, and the
// split of one fuzz input into several files (parts separated by a line "%%%").
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/io/world_loader.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim::fuzz {

// A directory of this process under the system temp dir, created once and removed at exit.
inline const std::filesystem::path& scratch() {
  static const struct Scratch {
    std::filesystem::path path;
    Scratch()
        : path(std::filesystem::temp_directory_path() /
               ("narcosim-fuzz-" + std::to_string(::getpid()))) {
      std::filesystem::create_directories(path);
    }
    ~Scratch() {
      std::error_code ignored;
      std::filesystem::remove_all(path, ignored);
    }
  } dir;
  return dir.path;
}

inline const World& shipped_world() {
  static const World world = io::load_world(NARCOSIM_FUZZ_DATA_DIR);
  return world;
}

inline const ParameterRegistry& shipped_registry() {
  static const ParameterRegistry registry(shipped_world().substance_ids());
  return registry;
}

// The parts of `input` between lines that are exactly "%%%".
inline std::vector<std::string> split_parts(std::string_view input) {
  std::vector<std::string> parts(1);
  size_t begin = 0;
  while (begin <= input.size()) {
    const size_t end = std::min(input.find('\n', begin), input.size());
    const auto line = input.substr(begin, end - begin);
    if (line == "%%%") {
      parts.emplace_back();
    } else {
      parts.back().append(line);
      if (end < input.size()) parts.back() += '\n';
    }
    begin = end + 1;
  }
  return parts;
}

inline void write(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

}  // namespace narcosim::fuzz
