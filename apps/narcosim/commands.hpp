#pragma once
// The subcommands of the narcosim CLI. Each returns the process exit code.
#include <string>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/model/scenario.hpp"

namespace narcosim::cli {

struct RunOptions {
  std::string scenario_path;
  std::string out_dir;
  std::string data_dir;
  std::vector<std::string> sets;
  long long seed = -1;
  double scale = -1.0;
  int threads = 0;
  bool quiet = false;
  bool overwrite = false;           // --overwrite: replace a finished narcosim output at --out
  std::string resolution = "week";  // of timeseries and flows: week (each step), month, year
  std::string series = "csv";       // csv (timeseries.csv, flows.csv) or sqlite
};

// Helpers shared by the commands that run scenarios.
std::string data_dir_or_default(const std::string& data_dir);
// The scenario at `path` with the command-line overrides applied (flags, then --set).
Scenario load_scenario(const std::string& path, const RunOptions& options, const World& world,
                       const ParameterRegistry& registry);
// Where a command writes: --out, or `default_dir` (narcosim's own place under runs/).
io::OutputRequest output_request(const RunOptions& options, const std::string& default_dir,
                                 const std::string& kind);
// Tells the user what a claim cleaned up (leftovers of processes that died).
void report_cleaned(const io::OutputClaim& claim, const RunOptions& options);
// Threads for a run: the request, or every core.
int thread_count(const RunOptions& options);

int run_command(const RunOptions& options);
// Runs A and B with the same seed (common random numbers) and writes paired differences.
// options.scenario_path is A.
int compare_command(const RunOptions& options, const std::string& scenario_b);
int validate_command(const std::vector<std::string>& paths, const std::string& data_dir);
int schema_command(const std::string& data_dir);
int policies_command(const std::string& data_dir);
int parameters_command(const std::string& data_dir);
int plan_command(const std::string& scenario_path, const std::string& data_dir);

}  // namespace narcosim::cli
