#pragma once
// `narcosim ensemble`: replicates x parameter samples of one scenario, spread over threads and
// MPI ranks; quantiles.csv, results.sqlite, summary.txt, manifest.json.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "commands.hpp"
#include "narcosim/ensemble/cluster.hpp"
#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/progress.hpp"
#include "narcosim/model/metrics.hpp"

namespace narcosim::cli {

struct EnsembleOptions {
  RunOptions run;  // scenario, --out, --seed, --scale, --set, --quiet; run.threads is --jobs
  int runs = 0;
  int samples = 1;
  std::string design = "lhs";  // lhs | grid
  int levels = 0;              // grid levels per parameter
  std::vector<std::string> vary;
  std::string vary_file;
  std::string metrics;    // comma-separated; empty: all
  std::string countries;  // comma-separated node ids or ALL; empty: all
  bool resume = false;
  std::string command_line;
};

int ensemble_command(const EnsembleOptions& options, const ensemble::Cluster& cluster);

// Shared with compare --runs and sensitivity: metric names from a comma-separated list.
std::vector<Metric> parse_metric_list(const std::string& list, const std::string& flag);
// Rows of the metric table from a comma-separated list of node ids (countries, corridors) and
// ALL.
std::vector<size_t> parse_country_list(const std::string& list, const World& world,
                                       const std::string& flag);
// Runs at once per rank: --jobs, or the cores shared by the ranks on this machine.
int jobs_per_rank(const RunOptions& options, const ensemble::Cluster& cluster);
// Sets `settings` to print notes on stderr and, if `show`, a progress bar drawn as runs are
// stored; the caller ends the bar (if one was started) with finish() after the ensemble.
std::shared_ptr<std::optional<ensemble::Progress>> progress_reporting(
    ensemble::EnsembleSettings& settings, bool show);

}  // namespace narcosim::cli
