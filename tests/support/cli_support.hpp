#pragma once
// Running the narcosim binary from a test (NARCOSIM_TEST_BINARY, set by tests/CMakeLists.txt):
// exit code, stdout and stderr; and checks on what an output directory holds.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace narcosim::test {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Single-quotes a shell word.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

// The command line `[prefix...] narcosim --data-dir <data> args...`, quoted for the shell.
inline std::string narcosim_command(const std::vector<std::string>& args,
                                    const std::vector<std::string>& prefix = {}) {
  std::string command;
  for (const auto& p : prefix) command += shell_quote(p) + " ";
  command += shell_quote(NARCOSIM_TEST_BINARY) + " --data-dir " + shell_quote(data_dir());
  for (const auto& a : args) command += " " + shell_quote(a);
  return command;
}

// Runs narcosim (after `prefix`, e.g. mpirun -n 2), capturing stdout and stderr in files of
// the `scratch` directory.
inline CliResult run_narcosim(const std::vector<std::string>& args,
                              const std::filesystem::path& scratch,
                              const std::vector<std::string>& prefix = {}) {
  const auto out = scratch / "stdout.txt";
  const auto err = scratch / "stderr.txt";
  const std::string command = narcosim_command(args, prefix) + " >" + shell_quote(out.string()) +
                              " 2>" + shell_quote(err.string());
  const int status = std::system(command.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

inline CliResult run_narcosim(const std::vector<std::string>& args, const TempDir& scratch,
                              const std::vector<std::string>& prefix = {}) {
  return run_narcosim(args, scratch.path(), prefix);
}

// Nothing but `expected` in `dir`: in particular no .partial or .old directories.
inline void expect_only_entries(const std::filesystem::path& dir,
                                const std::vector<std::string>& expected) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  auto sorted = expected;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(names, sorted);
}

}  // namespace narcosim::test
