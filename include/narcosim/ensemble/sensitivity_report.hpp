#pragma once
// What `narcosim sensitivity` reads from and writes next to results.sqlite: the screened
// outputs of every design point, and the Morris measures as sensitivity.csv, sensitivity.md and
// the table printed on stdout. The last factor of the design is a dummy, the seed: moving it
// changes only the run's random numbers, so its mu* is the seed-noise floor against which the
// parameters' effects are read.
#include <string>
#include <vector>

#include "narcosim/calibration/free_parameters.hpp"
#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/morris.hpp"
#include "narcosim/ensemble/run_plan.hpp"
#include "narcosim/ensemble/run_values.hpp"
#include "narcosim/model/metrics.hpp"

namespace narcosim::ensemble {

// An output of a screening: one metric or the sum of several, for the Americas (country ALL,
// substance all), in one year (flows summed over the year, levels averaged over it).
struct ScreenedOutput {
  std::string name;  // as given: "homicides", "users_light+users_heavy"
  std::vector<Metric> metrics;
};

// Per output, one value per sample of the plan: the mean over the sample's done runs
// (replicates) of the output in `year`; NaN where no such run reported any of its metrics.
std::vector<std::vector<double>> sample_values(const RunValues& db, const RunPlan& plan,
                                               const World& world,
                                               const std::vector<ScreenedOutput>& outputs,
                                               int year);

struct OutputScreening {
  ScreenedOutput output;
  MorrisAnalysis analysis;
};

struct ScreeningReport {
  std::string scenario;
  std::string period;  // "2010-01-01 to 2030-12-31"
  double scale = 0.0;
  int year = 0;
  size_t runs = 0;
  size_t replicates = 1;
  MorrisDesign design;               // without its points' values: shape, levels and delta
  std::vector<std::string> factors;  // varied parameters, then the dummy ("seed")
  std::vector<OutputScreening> outputs;
  [[nodiscard]] size_t dummy() const { return factors.size() - 1; }
};

// The headline outputs of the Americas screened by default.
inline constexpr const char* kDefaultScreenedOutputs =
    "homicides,kidnappings,extortions,prisoners,users_light+users_heavy,overdose_deaths,"
    "consumption_kg,seized_kg,cultivation_ha,illicit_sales_usd,dto_revenue_usd";

// Outputs as the CLI's --outputs and Python's `outputs` give them: comma-separated metrics, each
// a metric or a sum "a+b". InputError at `option`, column of the unknown name.
std::vector<ScreenedOutput> parse_screened_outputs(const std::string& list,
                                                   const std::string& option);

// The year whose values are screened: `year`, or the run's last year when 0. InputError at
// `option` if outside the run.
int screened_year(const Scenario& scenario, int year, const std::string& option);

// The Morris measures of every output, from the done runs of a plan made by morris_plan.
ScreeningReport screening_report(const RunValues& db, const RunPlan& plan,
                                 const MorrisDesign& design, const World& world,
                                 const std::vector<ScreenedOutput>& outputs, int year);

// Whether a factor's mu* exceeds the dummy's (strictly); false for the dummy itself and for
// factors without effects.
bool above_noise_floor(const MorrisMeasures& factor, const MorrisMeasures& dummy);

// sensitivity.csv: output,parameter,mu,mu_star,sigma,mu_star_scaled,rank,above_noise_floor,
// trajectories; one row per output and factor (the dummy's parameter is "seed"), factors in
// rank order. NaN is written as an empty field.
std::string sensitivity_csv(const ScreeningReport& report);

// sensitivity.md: how to read it, then per output the `top` factors with the largest mu*, the
// noise floor and how many parameters clear it.
std::string sensitivity_markdown(const ScreeningReport& report, size_t top);

// The table printed on stdout: per output the `top` factors by mu*.
std::string sensitivity_summary(const ScreeningReport& report, size_t top);

// The plan of a screening: a Morris design of `trajectories` over the varied parameters and the
// dummy seed factor, with `levels` grid levels (even), and its runs (morris_plan). InputErrors
// name the options with `option_prefix` ("--levels" for the CLI, "levels" for Python).
struct ScreeningPlan {
  MorrisDesign design;
  RunPlan plan;
};
ScreeningPlan screening_plan(Scenario scenario, std::vector<calibration::FreeParameter> varied,
                             int trajectories, int levels, int replicates,
                             const std::string& option_prefix);

// A screening to run: the Morris design of a morris_plan, the outputs and the year screened.
struct ScreeningRequest {
  MorrisDesign design = {};
  std::vector<ScreenedOutput> outputs = {};
  int year = 0;
  size_t markdown_top = 15;  // factors per output in sensitivity.md
};

// Runs a Morris plan as run_ensemble does, keeping the outputs' metrics for the Americas (besides
// what settings.runner.keep asks for; with no rows asked for, only the Americas' are stored),
// and returns the measures; with an output directory, adds
// sensitivity.csv and sensitivity.md to it. On ranks other than 0 returns an empty report.
ScreeningReport run_screening(const std::shared_ptr<const World>& world, const RunPlan& plan,
                              const ScreeningRequest& request, const Cluster& cluster,
                              EnsembleSettings settings);

}  // namespace narcosim::ensemble
