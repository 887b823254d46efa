#pragma once
// Paired differences of two scenarios run with common random numbers (compare --runs N): for
// each replicate, B - A over the run and in the final year, per country, substance and metric;
// across replicates, quantiles of the difference and how often B is lower or higher than A.
#include <string>
#include <vector>

#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/run_plan.hpp"
#include "narcosim/ensemble/run_values.hpp"

namespace narcosim::ensemble {

// One series (or a headline sum of series) of both scenarios, one entry per replicate.
struct PairedSeries {
  uint32_t series = 0;
  std::vector<double> a_run, b_run;      // total (flows) or step-weighted mean (levels)
  std::vector<double> a_final, b_final;  // final year
};

// Reads the done pairs of a plan whose scenarios are A (0) and B (1). Only replicates whose two
// runs are both done are used.
std::vector<PairedSeries> paired_series(const RunValues& db, const RunPlan& plan,
                                        const World& world);

// paired_differences.csv: period,country,substance,metric,pairs,a_median,b_median,
// difference_mean,difference_q05,difference_q25,difference_q50,difference_q75,difference_q95,
// relative_difference_median,probability_lower,probability_higher.
std::string paired_differences_csv(const std::vector<PairedSeries>& pairs, const World& world);

// A row of the headline table: one headline of io::headlines() (a metric or a sum of metrics)
// for the Americas (country ALL, substance all), over the run.
struct HeadlineRow {
  std::string label;                 // "Homicides", "Users (light + heavy)"
  std::vector<std::string> metrics;  // the metrics summed
  size_t pairs = 0;
  double a_median = 0.0, b_median = 0.0;
  double difference_median = 0.0, difference_q05 = 0.0, difference_q95 = 0.0;  // B - A
  double relative_median = 0.0;    // median of (B - A) / |A|; NaN if A is always 0
  double probability_lower = 0.0;  // share of pairs with B < A
};
std::vector<HeadlineRow> paired_headline_rows(const std::vector<PairedSeries>& pairs,
                                              const World& world);

// The table a person reads: headline metrics of the Americas, B - A over the run with its 90%
// interval and the probability that B lowers it.
std::string paired_headline(const std::vector<PairedSeries>& pairs, const RunPlan& plan,
                            const World& world);

// A paired comparison run: the ensemble of a paired_plan, its pairs and its headline table.
struct PairedComparison {
  EnsembleOutcome outcome;
  std::vector<PairedSeries> pairs;
  std::string headline;  // paired_headline
};

// Runs a paired plan as run_ensemble does (settings.out_dir empty: in memory) and, with an
// output directory, adds paired_differences.csv and headline.txt to it. On ranks other than 0
// returns an empty comparison.
PairedComparison run_paired_comparison(const std::shared_ptr<const World>& world,
                                       const RunPlan& plan, const Cluster& cluster,
                                       const EnsembleSettings& settings);

}  // namespace narcosim::ensemble
