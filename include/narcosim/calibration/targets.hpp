#pragma once
// Calibration targets: the observed 2010-2018 values of data/targets.csv, each tied to the
// model metric that measures it by data/calibration/target_map.csv, and an observer that
// collects the model's value of every target during a run.
#include <string>
#include <vector>

#include "narcosim/run/engine.hpp"

namespace narcosim::calibration {

// How a target's yearly model value is formed from the weekly metric.
enum class YearValue : uint8_t {
  mean,                    // mean over the year's steps (stocks: hectares, prisoners, prices)
  sum,                     // sum over the year's steps, rescaled to 365.25 days (flows)
  sum_per_100k_people,     // sum as above, per 100,000 inhabitants (homicide rates)
  mean_percent_of_adults,  // mean, per 100 persons aged 15-64 (prevalence)
};

struct Target {
  std::string indicator;
  std::string country;  // as in targets.csv
  NodeIndex node = 0;
  int year = 0;
  double observed = 0.0;
  std::string unit;
  std::string source;
  // Model side, from the indicator's row of the map.
  std::vector<Metric> metrics;  // summed
  size_t substance_column = 0;  // a substance, or the "all" column
  YearValue year_value = YearValue::mean;
  double factor = 1.0;        // model unit -> target unit (e.g. 0.001 for kg -> t)
  double denominator = 0.0;   // persons: population (per 100k) or adults (percent)
  double group_weight = 1.0;  // the indicator's weight, shared by its targets
};

// A target left out of the fit, with the reason.
struct SkippedTarget {
  std::string indicator;
  std::string country;
  int year = 0;
  std::string reason;
};

struct TargetSet {
  std::vector<Target> targets;
  std::vector<SkippedTarget> skipped;
  // Indices of targets in [first_year, last_year].
  [[nodiscard]] std::vector<size_t> in_years(int first_year, int last_year) const;
};

// Reads `data_dir`/targets.csv with calibration/target_map.csv (indicator -> metric; every
// indicator must be mapped, or skipped with a reason) and calibration/excluded_targets.csv
// (single rows left out, with the reason). Throws InputError with file, line and column.
TargetSet load_targets(const std::string& data_dir, const World& world);
// The same, or no targets for a data directory without targets.csv: what a run is compared
// with (`narcosim run` prints the comparison, Python's Result.observed holds it).
TargetSet load_targets_if_present(const std::string& data_dir, const World& world);

// Collects the model value of every target during one run.
class TargetRecorder final : public StepObserver {
 public:
  explicit TargetRecorder(const TargetSet& set);
  void on_step(const ModelState& state, const MetricTable& metrics) override;
  // Model value per target in the target's unit; NaN where the run did not cover the year.
  [[nodiscard]] std::vector<double> values() const;

 private:
  const TargetSet* set_;
  std::vector<double> sums_;
  std::vector<int> steps_;
  int step_days_ = 7;
};

}  // namespace narcosim::calibration
