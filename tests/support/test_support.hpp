#pragma once
// Helpers shared by the tests: the shipped world, scenarios built from YAML text through the
// real parser, temporary directories, and an observer that records what a test asks for.
#include <gtest/gtest.h>

#include <unistd.h>

#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/world_loader.hpp"
#include "narcosim/run/engine.hpp"

namespace narcosim::test {

inline std::string data_dir() {
  return NARCOSIM_TEST_DATA_DIR;
}
inline std::string source_dir() {
  return NARCOSIM_TEST_SOURCE_DIR;
}

// The world in data/, loaded once per test binary.
inline std::shared_ptr<const World> shared_world() {
  static const auto world = std::make_shared<const World>(io::load_world(data_dir()));
  return world;
}
inline const World& shipped_world() {
  return *shared_world();
}

inline const ParameterRegistry& shipped_registry() {
  static const ParameterRegistry registry(shipped_world().substance_ids());
  return registry;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string label = info ? std::string(info->test_suite_name()) + "." + info->name() : "t";
    for (auto& c : label) {
      if (c == '/') c = '_';
    }
    path_ = std::filesystem::temp_directory_path() /
            ("narcosim-test-" + label + "-" + std::to_string(::getpid()) + "-" +
             std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }
  [[nodiscard]] std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// Scenario from YAML text via the real parser (so tests exercise the same path as users).
inline Scenario scenario_from_yaml(const std::string& yaml) {
  return io::parse_scenario_text(yaml, "test.yaml", shipped_world(), shipped_registry());
}

// Calls a function after every step.
class LambdaObserver final : public StepObserver {
 public:
  using Callback = std::function<void(const ModelState&, const MetricTable&)>;
  explicit LambdaObserver(Callback callback) : callback_(std::move(callback)) {}
  void on_step(const ModelState& state, const MetricTable& metrics) override {
    callback_(state, metrics);
  }

 private:
  Callback callback_;
};

inline NodeIndex node(const std::string& id) {
  const auto index = shipped_world().node_index(id);
  if (!index) throw std::runtime_error("test: no node " + id);
  return *index;
}

inline SubstanceIndex substance(const std::string& id) {
  const auto index = shipped_world().substance_index(id);
  if (!index) throw std::runtime_error("test: no substance " + id);
  return *index;
}

// Mean and standard error of the mean.
struct SampleStats {
  double mean = 0.0;
  double standard_error = 0.0;
};

inline SampleStats sample_stats(const std::vector<double>& xs) {
  SampleStats s;
  if (xs.empty()) return s;
  double sum = 0.0;
  for (double x : xs) sum += x;
  s.mean = sum / double(xs.size());
  if (xs.size() < 2) return s;
  double squares = 0.0;
  for (double x : xs) squares += (x - s.mean) * (x - s.mean);
  const double variance = squares / double(xs.size() - 1);
  s.standard_error = std::sqrt(variance / double(xs.size()));
  return s;
}

}  // namespace narcosim::test
