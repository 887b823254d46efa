#pragma once
// `narcosim calibrate`: fits the baseline to the observed 2010-2015 data, checks it against
// 2016-2018, and writes the fitted parameters and the fit report. Its model runs go through the
// ensemble runner, over threads and MPI ranks.
#include <string>

#include "narcosim/calibration/calibrator.hpp"
#include "narcosim/ensemble/cluster.hpp"

namespace narcosim::cli {

struct CalibrateOptions {
  std::string out_dir = "runs/calibration";
  std::string data_dir;
  std::string scenario_path;  // default: scenarios/baseline.yaml next to the data directory
  std::string docs_path;      // Markdown file whose calibrate section is replaced
  int seeds = 8;
  bool resume = false;
  bool overwrite = false;  // replace a finished calibration at out_dir, or discard a partial one
  bool out_dir_chosen = false;  // --out given (else the default, narcosim's own place)
  bool install = true;          // write data/calibration/fitted.yaml
  bool quiet = false;
  calibration::CalibrationSettings settings;
  std::string command_line;
};

// Rank 0 of `cluster` drives the search and writes the outputs; other ranks (mpirun -n K) run
// their share of every evaluation's replicates.
int calibrate_command(CalibrateOptions options, const ensemble::Cluster& cluster);

}  // namespace narcosim::cli
