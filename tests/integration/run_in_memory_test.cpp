// A run kept in memory (io/run_in_memory.hpp, what the Python module holds) writes afterwards
// the same files, byte for byte, that RunOutput writes as the run goes, at every resolution and
// in both series formats; the manifests differ only in timings.
#include "narcosim/io/run_in_memory.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "narcosim/io/output_writer.hpp"
#include "run_support.hpp"

namespace narcosim {
namespace {

nlohmann::json without_timings(const std::string& text) {
  auto manifest = nlohmann::json::parse(text);
  for (const char* key : {"wall_seconds", "module_seconds", "peak_memory_mib"}) {
    manifest.erase(key);
  }
  return manifest;
}

void expect_same_directory(const std::filesystem::path& a, const std::filesystem::path& b) {
  std::vector<std::string> names_a, names_b;
  for (const auto& e : std::filesystem::directory_iterator(a)) {
    names_a.push_back(e.path().filename().string());
  }
  for (const auto& e : std::filesystem::directory_iterator(b)) {
    names_b.push_back(e.path().filename().string());
  }
  std::sort(names_a.begin(), names_a.end());
  std::sort(names_b.begin(), names_b.end());
  ASSERT_EQ(names_a, names_b);
  for (const auto& name : names_a) {
    if (name == "manifest.json") {
      EXPECT_EQ(without_timings(test::read_file(a / name)),
                without_timings(test::read_file(b / name)));
    } else {
      EXPECT_TRUE(test::read_file(a / name) == test::read_file(b / name)) << name;
    }
  }
}

class RunInMemoryTest : public ::testing::TestWithParam<std::pair<Resolution, io::SeriesFormat>> {};

TEST_P(RunInMemoryTest, WritesTheFilesARunWritesAsItGoes) {
  const auto [resolution, series] = GetParam();
  const auto scenario =
      test::short_scenario("2010-01-01", "2010-04-30", 0.002, 9,
                           "policies:\n  - type: legalize_transport\n    countries: [GTM]\n"
                           "    substances: [cocaine]\n    start: 2010-02-01\n");
  io::RunInfo info;
  info.scenario_yaml_path = "test.yaml";
  info.resolution = resolution;
  info.series = series;
  const test::TempDir dir;

  Engine direct(test::shared_world(), scenario, EngineOptions::checked(1));
  io::RunOutput output((dir.path() / "direct").string(), test::shipped_world(), scenario, info);
  const auto direct_result = direct.run(&output);
  output.finish(direct, direct_result);

  Engine later(test::shared_world(), scenario, EngineOptions::checked(2));
  io::RunInMemory memory(test::shared_world(), scenario, info);
  const auto later_result = later.run(&memory);
  memory.finish(later, later_result);
  std::filesystem::create_directories(dir.path() / "later");
  memory.write((dir.path() / "later").string(), series);

  expect_same_directory(dir.path() / "direct", dir.path() / "later");
  // The tables hold every period: weeks, or the four calendar months.
  const auto& dates = memory.tables().timeseries().date;
  const auto periods = std::set<Date>(dates.begin(), dates.end()).size();
  EXPECT_EQ(periods, resolution == Resolution::step ? size_t(direct_result.steps) : 4u);
}

INSTANTIATE_TEST_SUITE_P(EveryResolutionAndFormat, RunInMemoryTest,
                         ::testing::Values(std::pair{Resolution::step, io::SeriesFormat::csv},
                                           std::pair{Resolution::month, io::SeriesFormat::csv},
                                           std::pair{Resolution::step, io::SeriesFormat::sqlite}));

TEST(RunInMemory, WritingBeforeTheRunHasFinishedIsABug) {
  io::RunInMemory memory(test::shared_world(),
                         test::short_scenario("2010-01-01", "2010-01-31", 0.002, 1), {});
  const test::TempDir dir;
  EXPECT_THROW(memory.write(dir.str()), std::logic_error);
}

TEST(RunTables, ReplayNeedsEveryValue) {
  TableFilter filter;
  filter.metrics = {Metric::homicides};
  const RunTables tables(test::shared_world(), filter);
  EXPECT_FALSE(tables.complete());
  struct Sink final : PeriodSink {
    void on_period(Date, const MetricTable&, std::span<const double>) override {}
  } sink;
  EXPECT_THROW(tables.replay(sink), std::logic_error);
}

}  // namespace
}  // namespace narcosim
