#pragma once
// `narcosim sensitivity`: Morris elementary-effects screening of one scenario's headline outputs
// over the declared ranges of its parameters, run as an ensemble (threads, MPI ranks,
// results.sqlite, --resume); writes sensitivity.csv and sensitivity.md next to the database.
#include <string>
#include <vector>

#include "commands.hpp"
#include "narcosim/ensemble/cluster.hpp"
#include "narcosim/ensemble/sensitivity_report.hpp"

namespace CLI {
class App;
}

namespace narcosim::cli {

struct SensitivityOptions {
  RunOptions run;  // scenario, --out, --seed, --scale, --set, --quiet; run.threads is --jobs
  int trajectories = 0;
  int levels = 4;
  int replicates = 1;
  std::vector<std::string> vary;
  std::string vary_file;
  std::string outputs = ensemble::kDefaultScreenedOutputs;
  std::string countries = "ALL";  // rows kept in the database (ALL is always kept)
  int year = 0;                   // 0: the scenario's final year
  int top = 10;                   // parameters per output on stdout
  bool resume = false;
  std::string command_line;
};

void add_sensitivity_flags(CLI::App& command, SensitivityOptions& options);

int sensitivity_command(const SensitivityOptions& options, const ensemble::Cluster& cluster);

}  // namespace narcosim::cli
