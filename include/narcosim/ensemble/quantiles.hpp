#pragma once
// Ensemble statistics: quantiles of every series and year across runs, per scenario.
#include <string>
#include <vector>

#include "narcosim/ensemble/run_plan.hpp"
#include "narcosim/ensemble/run_values.hpp"

namespace narcosim::ensemble {

// The quantiles quantiles.csv reports (../shared issue 5: 5, 25, 50, 75 and 95%).
inline constexpr double kQuantiles[] = {0.05, 0.25, 0.50, 0.75, 0.95};

// Quantile q in [0, 1] of ascending `sorted` values, interpolating linearly between order
// statistics (Hyndman & Fan 1996 type 7, the default of R and numpy). NaN when empty.
double quantile_sorted(const std::vector<double>& sorted, double q);

// Values of the done runs, grouped per (scenario, series, year) and sorted: the input of
// quantiles and of the readable summary.
struct SeriesKey {
  uint32_t scenario = 0;
  uint32_t series = 0;
  int year = 0;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  auto operator<=>(const SeriesKey&) const = default;
};
struct Distribution {
  SeriesKey key;
  std::vector<double> sorted;
  double mean = 0.0;
};
std::vector<Distribution> distributions(const RunValues& db, const RunPlan& plan,
                                        const World& world);

// quantiles.csv: scenario,date,country,substance,metric,runs,mean,q05,q25,q50,q75,q95; `date`
// is the first day of the year. Rows follow the scenario, metric, country and substance order
// of the world, then the year.
std::string quantiles_csv(const std::vector<Distribution>& distributions, const RunPlan& plan,
                          const World& world);

// The table a person reads: headline metrics of the Americas in the final year, median and
// 90% band across runs, per scenario.
std::string ensemble_summary(const std::vector<Distribution>& distributions, const RunPlan& plan,
                             const World& world);

}  // namespace narcosim::ensemble
