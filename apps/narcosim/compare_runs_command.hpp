#pragma once
// `narcosim compare A.yaml B.yaml --runs N`: N pairs of runs with common random numbers (pair r
// runs A and B with seed + r), spread over threads and MPI ranks like an ensemble; paired
// differences with their quantiles and the probability that B lowers each metric.
#include <string>

#include "commands.hpp"
#include "narcosim/ensemble/cluster.hpp"

namespace narcosim::cli {

struct CompareRunsOptions {
  RunOptions run;  // A, --out, --seed, --scale, --set, --quiet; run.threads is --jobs
  std::string scenario_b;
  int runs = 0;
  bool resume = false;
  std::string command_line;
};

int compare_runs_command(const CompareRunsOptions& options, const ensemble::Cluster& cluster);

}  // namespace narcosim::cli
