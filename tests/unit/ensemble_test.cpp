// The pieces of an ensemble: parameter designs (Morris: tests/unit/morris_test.cpp), the run plan
// and its seeds, quantiles, the records sent between ranks, and the --vary specs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/design.hpp"
#include "narcosim/ensemble/plans.hpp"
#include "narcosim/ensemble/progress.hpp"
#include "narcosim/ensemble/quantiles.hpp"
#include "narcosim/ensemble/run_plan.hpp"
#include "narcosim/ensemble/run_record.hpp"
#include "test_support.hpp"

namespace narcosim::ensemble {
namespace {

TEST(LatinHypercube, EveryStratumOfEveryDimensionHoldsExactlyOnePoint) {
  const size_t n = 37;
  const auto design = latin_hypercube(5, n, 42);
  ASSERT_EQ(design.size(), n);
  for (size_t d = 0; d < 5; ++d) {
    std::set<size_t> strata;
    for (const auto& p : design) {
      ASSERT_GE(p[d], 0.0);
      ASSERT_LT(p[d], 1.0);
      strata.insert(size_t(p[d] * double(n)));
    }
    EXPECT_EQ(strata.size(), n) << "dimension " << d;
  }
}

TEST(LatinHypercube, SameSeedSamePointsOtherSeedOtherPoints) {
  EXPECT_EQ(latin_hypercube(3, 10, 7), latin_hypercube(3, 10, 7));
  EXPECT_NE(latin_hypercube(3, 10, 7), latin_hypercube(3, 10, 8));
}

TEST(FullGrid, CoversEveryCombinationIncludingTheEnds) {
  const auto grid = full_grid(2, 3);
  ASSERT_EQ(grid.size(), 9u);
  std::set<std::vector<double>> unique(grid.begin(), grid.end());
  EXPECT_EQ(unique.size(), 9u);
  EXPECT_EQ(grid.front(), (UnitPoint{0.0, 0.0}));
  EXPECT_EQ(grid.back(), (UnitPoint{1.0, 1.0}));
  EXPECT_EQ(grid[1], (UnitPoint{0.0, 0.5}));  // the last dimension varies fastest
  EXPECT_EQ(full_grid(3, 1), (std::vector<UnitPoint>{{0.5, 0.5, 0.5}}));
}

TEST(Quantile, InterpolatesBetweenOrderStatisticsAsRAndNumpyDo) {
  const std::vector<double> v{1.0, 2.0, 3.0, 4.0};
  // Type 7: position q (n - 1): 0.25 * 3 = 0.75 -> 1 + 0.75 * (2 - 1).
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.25), 1.75);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(quantile_sorted(v, 1.0), 4.0);
  EXPECT_DOUBLE_EQ(quantile_sorted({5.0}, 0.95), 5.0);
  EXPECT_TRUE(std::isnan(quantile_sorted({}, 0.5)));
}

TEST(RunRecord, SurvivesTheTripBetweenRanksAndRejectsDamagedImages) {
  RunRecord r;
  r.run_id = 12;
  r.wall_seconds = 0.25;
  r.steps = 104;
  r.max_relative_mass_error = 1e-15;
  r.values = {{3, 2010, 1.5}, {3, 2011, -2.0}, {900, 2011, 1e300}};
  const auto bytes = encode(r);
  const auto back = decode(bytes);
  EXPECT_EQ(back.run_id, r.run_id);
  EXPECT_EQ(back.steps, r.steps);
  EXPECT_EQ(back.wall_seconds, r.wall_seconds);
  ASSERT_EQ(back.values.size(), r.values.size());
  for (size_t i = 0; i < r.values.size(); ++i) {
    EXPECT_EQ(back.values[i].series, r.values[i].series);
    EXPECT_EQ(back.values[i].year, r.values[i].year);
    EXPECT_EQ(back.values[i].value, r.values[i].value);
  }
  EXPECT_THROW((void)decode(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
  EXPECT_THROW((void)decode(bytes + "x"), std::runtime_error);
}

RunPlan two_scenario_plan(uint32_t samples, uint32_t replicates) {
  RunPlan plan;
  plan.scenarios.push_back(
      test::scenario_from_yaml("name: a\nstart: 2010-01-01\nend: 2011-12-31\n"));
  plan.scenarios.push_back(
      test::scenario_from_yaml("name: b\nstart: 2010-01-01\nend: 2011-12-31\n"));
  plan.varied = parse_varied({"demand.contagion_share"}, test::shipped_registry());
  for (uint32_t s = 0; s < samples; ++s) plan.samples.push_back({0.1 + 0.1 * s});
  plan.replicates = replicates;
  plan.base_seed = 100;
  plan.design = "lhs";
  lay_out_runs(plan);
  return plan;
}

TEST(RunPlan, RunsAreSamplesTimesReplicatesTimesScenariosWithCommonSeeds) {
  const auto plan = two_scenario_plan(3, 4);
  ASSERT_EQ(plan.runs.size(), 3u * 4u * 2u);
  for (size_t i = 0; i < plan.runs.size(); ++i) {
    const auto& run = plan.runs[i];
    EXPECT_EQ(run.run_id, i);
    // Common random numbers: replicate r has seed base + r in every scenario and sample.
    EXPECT_EQ(run.seed, 100 + run.replicate);
  }
  const auto scenario = plan.scenario_for(plan.runs[2 * 4 * 2 - 1]);  // sample 1
  EXPECT_EQ(scenario.seed, 103u);
  const auto it = std::find_if(scenario.parameters.begin(), scenario.parameters.end(),
                               [](const auto& p) { return p.first == "demand.contagion_share"; });
  ASSERT_NE(it, scenario.parameters.end());
  EXPECT_DOUBLE_EQ(it->second, 0.2);
}

TEST(RunPlan, FingerprintChangesWithAnythingThatChangesOutputs) {
  const auto& world = test::shipped_world();
  const auto plan = two_scenario_plan(2, 2);
  const auto print = plan.fingerprint(world, "v1");
  EXPECT_EQ(print, two_scenario_plan(2, 2).fingerprint(world, "v1"));
  EXPECT_NE(print, plan.fingerprint(world, "v2"));
  EXPECT_NE(print, two_scenario_plan(2, 3).fingerprint(world, "v1"));
  auto other_seed = plan;
  other_seed.base_seed = 7;
  EXPECT_NE(print, other_seed.fingerprint(world, "v1"));
  auto other_sample = plan;
  other_sample.samples[1][0] = 0.25;
  EXPECT_NE(print, other_sample.fingerprint(world, "v1"));
}

TEST(ParseVaried, TakesRegisteredRangesPrefixesAndExplicitRanges) {
  const auto& registry = test::shipped_registry();
  const auto one = parse_varied({"demand.contagion_share"}, registry);
  ASSERT_EQ(one.size(), 1u);
  const auto* spec = registry.find("demand.contagion_share");
  EXPECT_EQ(one[0].lower, spec->min_value);
  EXPECT_EQ(one[0].upper, spec->max_value);

  const auto prefix = parse_varied({"demand.cocaine.*"}, registry);
  EXPECT_GT(prefix.size(), 1u);
  for (const auto& p : prefix) EXPECT_EQ(p.name.rfind("demand.cocaine.", 0), 0u) << p.name;

  const auto ranged = parse_varied({"trafficking.seizure_max_probability=0.2:0.6"}, registry);
  EXPECT_EQ(ranged[0].lower, 0.2);
  EXPECT_EQ(ranged[0].upper, 0.6);
  EXPECT_FALSE(ranged[0].log_scale);
  EXPECT_TRUE(parse_varied({"production.choice_noise=0.5:2:log"}, registry)[0].log_scale);
}

// The diagnostic of the first problem, as the CLI prints it.
std::string first_problem(const std::vector<std::string>& specs) {
  try {
    (void)parse_varied(specs, test::shipped_registry());
  } catch (const InputError& e) {
    return e.diagnostics().front().to_string();
  }
  return "";
}

TEST(ParseVaried, NamesTheSpecAndColumnOfEachProblem) {
  EXPECT_NE(first_problem({"demand.contagion_shar"}).find("--vary:1:1: unknown parameter"),
            std::string::npos);
  EXPECT_NE(first_problem({"demand.contagion_share", "nothing.*"})
                .find("--vary:2:1: no parameter starts with 'nothing.'"),
            std::string::npos);
  // Column 37: the first character after '=' of the second spec.
  const std::string reversed = first_problem({"trafficking.seizure_max_probability=0.6:0.2"});
  EXPECT_NE(reversed.find("--vary:1:37: expected LOWER < UPPER"), std::string::npos) << reversed;
  EXPECT_NE(first_problem({"trafficking.seizure_max_probability=0.1:7"}).find("registered range"),
            std::string::npos);
  EXPECT_NE(first_problem({"trafficking.seizure_max_probability=a:b"}).find("expected NAME="),
            std::string::npos);
  EXPECT_NE(
      first_problem({"demand.contagion_share", "demand.contagion_share"}).find("is varied twice"),
      std::string::npos);
}

TEST(Progress, BarShowsRunsRateAndTimeLeft) {
  const auto bar = Progress::bar(25, 100, 5.0, 20);
  EXPECT_NE(bar.find("[#####...............]"), std::string::npos) << bar;
  EXPECT_NE(bar.find("25/100 runs"), std::string::npos) << bar;
  EXPECT_NE(bar.find("ETA 15s"), std::string::npos) << bar;  // 75 runs at 5 per second
  EXPECT_NE(Progress::bar(100, 100, 5.0, 20).find("ETA 0s"), std::string::npos);
}

// --- plans as the CLI and the Python module build them ---------------------------------------

Scenario two_years(const std::string& name, const std::string& end = "2011-12-31") {
  return test::scenario_from_yaml("name: " + name + "\nstart: 2010-01-01\nend: " + end +
                                  "\nscale: 0.002\nseed: 7\n");
}

TEST(EnsemblePlan, ReplicatesWhenNothingVariesAndSamplesTimesReplicatesOtherwise) {
  EnsembleDesign replicates;
  replicates.runs = 3;
  const auto plain = ensemble_plan(two_years("a"), replicates);
  EXPECT_EQ(plain.design, "replicates");
  EXPECT_EQ(plain.runs.size(), 3U);
  EXPECT_EQ(plain.runs.back().seed, 9U);  // seeds 7, 8, 9

  EnsembleDesign lhs;
  lhs.runs = 6;
  lhs.samples = 3;
  lhs.varied = parse_varied({"demand.cocaine.price_elasticity"}, test::shipped_registry());
  const auto sampled = ensemble_plan(two_years("a"), lhs);
  EXPECT_EQ(sampled.design, "lhs");
  EXPECT_EQ(sampled.samples.size(), 3U);
  EXPECT_EQ(sampled.replicates, 2U);
  // The hypercube is drawn from the scenario's seed: the same request gives the same plan.
  EXPECT_EQ(ensemble_plan(two_years("a"), lhs).samples, sampled.samples);
}

TEST(EnsemblePlan, ErrorsNameTheOptionTheWayTheCallerSpellsIt) {
  EnsembleDesign design;
  design.runs = 5;
  design.samples = 2;
  design.varied = parse_varied({"demand.cocaine.price_elasticity"}, test::shipped_registry());
  for (const std::string prefix : {"--", ""}) {
    try {
      (void)ensemble_plan(two_years("a"), design, prefix);
      ADD_FAILURE() << "5 runs over 2 samples accepted";
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(prefix + "runs 5 is not a multiple of the 2"),
                std::string::npos)
          << e.what();
      EXPECT_EQ(e.diagnostics().front().where.file, prefix + "runs");
    }
  }
  EnsembleDesign no_parameters;
  no_parameters.samples = 4;
  no_parameters.runs = 4;
  EXPECT_THROW((void)ensemble_plan(two_years("a"), no_parameters), InputError);
  EnsembleDesign unknown;
  unknown.design = "sobol";
  EXPECT_THROW((void)ensemble_plan(two_years("a"), unknown), InputError);
}

TEST(PairedPlan, BRunsOverTheSamePeriodAtAsScaleWithAsSeeds) {
  auto b = two_years("a");
  b.scale = 0.005;
  b.seed = 99;
  const auto plan = paired_plan(two_years("a"), b, 3);
  ASSERT_EQ(plan.scenarios.size(), 2U);
  EXPECT_EQ(plan.scenarios[1].name, "a-b");
  EXPECT_EQ(plan.scenarios[1].scale, plan.scenarios[0].scale);
  std::map<uint32_t, std::set<uint64_t>> seeds;  // per scenario
  for (const auto& run : plan.runs) seeds[run.scenario].insert(run.seed);
  EXPECT_EQ(seeds[0], (std::set<uint64_t>{7, 8, 9}));
  EXPECT_EQ(seeds[1], seeds[0]);
  EXPECT_THROW((void)paired_plan(two_years("a"), two_years("b", "2012-12-31"), 3), InputError);
}

}  // namespace
}  // namespace narcosim::ensemble
