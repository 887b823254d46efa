#pragma once
// An ensemble from plan to output directory: results.sqlite, quantiles.csv, summary.txt and
// manifest.json, written in <out>.partial and renamed to <out> only when every run is stored
// and every file written. Killed, it leaves <out>.partial with a consistent database that
// --resume completes without rerunning finished runs. Shared by `ensemble`, `compare --runs`
// and `sensitivity`, which add their own analysis files. With no output directory the same
// runs are kept in memory and nothing is written (the Python module, a server).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "narcosim/ensemble/cluster.hpp"
#include "narcosim/ensemble/quantiles.hpp"
#include "narcosim/ensemble/run_plan.hpp"
#include "narcosim/ensemble/runner.hpp"

namespace narcosim::ensemble {

// Where an ensemble is: runs done of the plan's total, `before` of them by earlier sessions.
struct EnsembleProgress {
  size_t total = 0;
  size_t before = 0;
  size_t done = 0;  // including `before`
};

struct EnsembleSettings {
  std::string out_dir;            // empty: results in memory (EnsembleOutcome::results), no files
  std::string kind = "ensemble";  // recorded in the manifest: ensemble, paired, sensitivity
  bool resume = false;
  bool overwrite = false;      // --overwrite: replace a finished output or discard a partial one
  bool out_dir_chosen = true;  // false: the default place under runs/ (docs/reliability.md)
  RunnerSettings runner;
  // Rank 0, on the calling thread: once before the runs (done == before) and after every
  // stored run. May be empty.
  std::function<void(const EnsembleProgress&)> on_progress;
  // What was tidied before starting (a stale <out>.partial of a killed run). May be empty.
  std::function<void(const std::string&)> on_note;
  std::string command_line;
};

struct EnsembleOutcome {
  size_t runs = 0;         // in the plan
  size_t runs_before = 0;  // done by earlier sessions (resume)
  double wall_seconds = 0.0;
  double run_seconds = 0.0;         // sum of the model time of the runs done now
  double store_seconds = 0.0;       // rank 0's time writing them to the database
  double statistics_seconds = 0.0;  // reading the database back for quantiles and analyses
  std::vector<Distribution> distributions;
  std::string summary;  // the readable table (summary.txt)
  // Every run's yearly values, when the ensemble ran without an output directory.
  std::shared_ptr<const RunsInMemory> results;
};

// Analyses the finished runs (rank 0 only), with or without an output directory: `work_dir` is
// where to write extra files before the directory is committed, or empty when the ensemble
// runs in memory (then nothing is to be written).
using ExtraOutputs = std::function<void(const std::string& work_dir, const RunValues& values,
                                        const EnsembleOutcome& outcome)>;

// Runs the plan. On rank 0 returns the outcome once <out> is in place (or the results are in
// memory); on other ranks returns after their runs are sent, with an empty outcome. Throws
// InputError (--resume without a database or without a directory, a database of another plan),
// io::OutputError (an <out> that is not a narcosim output, one that needs --overwrite, a second
// writer; io/output_dir.hpp) and RunCancelled when runner.cancel is set (a directory is left as
// <out>.partial, which --resume completes).
EnsembleOutcome run_ensemble(const std::shared_ptr<const World>& world, const RunPlan& plan,
                             const Cluster& cluster, const EnsembleSettings& settings,
                             const ExtraOutputs& extra = {});

// What a resumed ensemble must match: the plan, the kept series and the model version.
std::string ensemble_fingerprint(const RunPlan& plan, const World& world,
                                 const EnsembleSettings& settings);

// The build's version and commit, e.g. "0.1.0 (1a2b3c4d5e6f)".
std::string model_version();

}  // namespace narcosim::ensemble
