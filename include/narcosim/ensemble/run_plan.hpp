#pragma once
// An ensemble as a run plan: scenarios x parameter samples x replicates, every run with its
// recorded seed. Replicate r of every scenario and sample uses seed base + r, so scenarios and
// samples are compared with common random numbers. The plan's fingerprint identifies everything
// that determines the outputs, so a resumed ensemble can refuse a database of another plan.
#include <cstdint>
#include <string>
#include <vector>

#include "narcosim/calibration/free_parameters.hpp"
#include "narcosim/model/scenario.hpp"

namespace narcosim::ensemble {

struct PlannedRun {
  uint32_t run_id = 0;
  uint32_t scenario = 0;  // index into RunPlan::scenarios
  uint32_t sample = 0;    // index into RunPlan::samples
  uint32_t replicate = 0;
  uint64_t seed = 0;
};

struct RunPlan {
  std::vector<Scenario> scenarios;
  std::vector<calibration::FreeParameter> varied;  // may be empty: replicates only
  std::string design;                              // replicates | lhs | grid | morris
  // Parameter values per sample, in `varied` order (one empty sample when nothing varies).
  std::vector<std::vector<double>> samples;
  // Added to the seed of every run of a sample (0 unless a design varies the seed itself).
  std::vector<uint64_t> sample_seed_offset;
  uint32_t replicates = 1;
  uint64_t base_seed = 1;
  std::vector<PlannedRun> runs;  // run_id order: sample, then replicate, then scenario

  // The scenario of one run: its scenario with the sample's values and the run's seed.
  [[nodiscard]] Scenario scenario_for(const PlannedRun& run) const;
  // A hex digest of the scenarios (resolved), the varied parameters, samples, seeds and
  // `model_version` (the build's version and commit: runs of two models must not be mixed).
  [[nodiscard]] std::string fingerprint(const World& world, const std::string& model_version) const;
};

// Builds the runs of a plan whose scenarios, varied parameters, design, samples (and seed
// offsets, if any), replicates and base seed are set. Throws InputError if the plan has more
// than limits::kRuns runs or would use a seed beyond limits::kMaxSeed.
void lay_out_runs(RunPlan& plan);

// Throws InputError (at `flag`) if `runs` exceeds limits::kRuns; for designs whose size must
// be checked before they are built (a full grid, a Morris design).
void check_run_count(double runs, const std::string& flag);

// Parameter values of design points (unit cube coordinates, in `varied` order).
std::vector<std::vector<double>> values_at(const std::vector<calibration::FreeParameter>& varied,
                                           const std::vector<std::vector<double>>& unit_points);

// Parameters to vary, from command-line specs: NAME, NAME=LOWER:UPPER or NAME=LOWER:UPPER:log,
// where NAME may end in '*' to take every registered parameter with that prefix. Without a
// range, the registered range is used, on a log scale when it spans a factor of 10 or more.
// Throws InputError naming the spec (as "--vary:1:COL") for unknown names and bad ranges.
std::vector<calibration::FreeParameter> parse_varied(const std::vector<std::string>& specs,
                                                     const ParameterRegistry& registry);

}  // namespace narcosim::ensemble
