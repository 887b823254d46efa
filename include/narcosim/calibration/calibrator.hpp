#pragma once
// `narcosim calibrate`: fits the free parameters of the baseline to the 2010-2015 targets with a
// derivative-free optimiser (NLopt), averaging the model over several seeds, and keeps a
// checkpoint after every evaluation so an interrupted calibration resumes where it stopped.
// The 2016-2018 targets are never seen by the optimiser: they are the out-of-sample test.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "narcosim/calibration/fit.hpp"
#include "narcosim/calibration/free_parameters.hpp"
#include "narcosim/calibration/targets.hpp"
#include "narcosim/model/scenario.hpp"

namespace narcosim::calibration {

struct CalibrationSettings {
  int first_year = 2010;
  int fit_last_year = 2015;  // calibration targets: first_year..fit_last_year
  int last_year = 2018;      // out-of-sample targets: fit_last_year+1..last_year
  std::vector<uint64_t> fit_seeds{1, 2, 3, 4, 5, 6, 7, 8};
  int report_seeds = 8;  // replicates of the fitted model behind the report's bands
  double scale = 0.01;
  int max_evaluations = 150;
  std::string algorithm = "bobyqa";  // bobyqa | sbplx | neldermead
  int threads = 2;                   // model runs at once per process (the ensemble runner's jobs)
};

struct Evaluation {
  std::vector<double> unit;  // position in the unit cube of the free parameters
  FitScore fit;
  double seconds = 0.0;
};

// Model values of every target: per replicate, in target order.
struct Replicates {
  std::vector<std::vector<double>> runs;
  [[nodiscard]] std::vector<double> mean() const;
  // Quantile q in [0, 1] across replicates, per target (linear interpolation).
  [[nodiscard]] std::vector<double> quantile(double q) const;
};

struct CalibrationResult {
  std::vector<double> fitted;  // parameter values, in free-parameter order
  std::vector<Evaluation> evaluations;
  size_t best = 0;       // index into evaluations
  Replicates prior;      // the registered defaults, report seeds, to last_year
  Replicates posterior;  // the fitted values, report seeds, to last_year
  double wall_seconds = 0.0;
  int resumed_evaluations = 0;  // evaluations replayed from the checkpoint
};

// The model runs of one evaluation, or of the report's bands.
struct ReplicateRequest {
  std::vector<double> values;  // free parameters, in free-parameter order
  std::vector<uint64_t> seeds;
  int last_year = 0;
};

// Runs a request's replicates (Calibrator::run_once for each seed) and returns their target
// values in seed order. Without one the calibrator runs them one after the other;
// ensemble::CalibrationRunner spreads them over threads and MPI ranks.
using ReplicateExecutor = std::function<Replicates(const ReplicateRequest& request)>;

using Progress = std::function<void(const Evaluation& latest, const Evaluation& best, int done,
                                    int budget, bool replayed)>;

class Calibrator {
 public:
  // `baseline` is the parsed baseline scenario; its own values of the free parameters are
  // replaced in every run.
  Calibrator(std::shared_ptr<const World> world, Scenario baseline, TargetSet targets,
             std::vector<FreeParameter> free, CalibrationSettings settings);

  // Runs the optimiser. With a non-empty `checkpoint_path`, every evaluation is appended to it
  // (atomically rewritten); evaluations already in it are replayed instead of rerun, which
  // reproduces the same optimiser path. Throws InputError if the checkpoint was written for
  // different settings, parameters or targets.
  CalibrationResult run(const std::string& checkpoint_path, const Progress& progress);

  // Target values of one run of the baseline with `values` for the free parameters.
  [[nodiscard]] std::vector<double> run_once(const std::vector<double>& values, uint64_t seed,
                                             int last_year) const;
  // Replicates over `seeds`, through the executor.
  [[nodiscard]] Replicates replicate(const std::vector<double>& values,
                                     const std::vector<uint64_t>& seeds, int last_year) const;
  // Where replicates run from now on (empty: one after the other, in this thread).
  void set_executor(ReplicateExecutor executor) { executor_ = std::move(executor); }

  [[nodiscard]] const TargetSet& targets() const { return targets_; }
  [[nodiscard]] const std::vector<FreeParameter>& free_parameters() const { return free_; }
  [[nodiscard]] const CalibrationSettings& settings() const { return settings_; }
  [[nodiscard]] std::vector<size_t> calibration_targets() const;
  [[nodiscard]] std::vector<size_t> out_of_sample_targets() const;
  // Identifies what a checkpoint belongs to: settings, free parameters, targets, scenario.
  [[nodiscard]] std::string fingerprint() const;

 private:
  std::shared_ptr<const World> world_;
  Scenario baseline_;
  TargetSet targets_;
  std::vector<FreeParameter> free_;
  CalibrationSettings settings_;
  ReplicateExecutor executor_;
};

}  // namespace narcosim::calibration
