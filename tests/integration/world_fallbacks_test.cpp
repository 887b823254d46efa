// Figures the world data may lack fall back on declared parameters, one value wherever the model
// reads the figure: a market with users but no heavy_user_share takes
// demand.default_heavy_user_share (for its starting heavy users and for the treatment entry
// rate calibrated on them), a node without a legal wage takes
// labour.default_legal_wage_usd_per_month (as its wage and for its wage ratio to the US). The
// world loader requires both figures of every market, so the worlds here are built in code: the
// shipped world plus one country with cocaine users and a treatment budget but neither figure.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "run_support.hpp"

namespace narcosim {
namespace {

constexpr double kUsers = 50000.0;
constexpr double kTreatmentBudgetUsd = 1.2e6;

std::shared_ptr<const World> world_with_sparse_country() {
  World world = test::shipped_world();
  Node node;
  node.id = "ZZZ";
  node.kind = NodeKind::country;
  node.name = "Sparse";
  node.region = "test";
  world.nodes.push_back(node);
  const auto n = NodeIndex(world.nodes.size() - 1);
  const auto cocaine = test::substance("cocaine");
  world.set_figure(n, std::nullopt, "population", 1e7);
  world.set_figure(n, std::nullopt, "adult_share", 0.7);
  world.set_figure(n, std::nullopt, "treatment_budget_usd", kTreatmentBudgetUsd);
  world.set_figure(n, cocaine, "users_past_year", kUsers);
  world.set_figure(n, cocaine, "price_retail_usd_per_g", 60.0);
  world.set_figure(n, cocaine, "price_wholesale_usd_per_kg", 30000.0);
  return std::make_shared<const World>(std::move(world));
}

// What the first step shows of the sparse country and of the United States.
struct Seen {
  double heavy_share = -1.0;     // ZZZ cocaine: heavy / (light + heavy) at the start
  double us_heavy_share = -1.0;  // USA cocaine, from its data
  double wage = 0.0, wage_ratio = 0.0;
  double us_wage = 0.0, us_wage_ratio = 0.0;
  double corridor_wage = 0.0;
  double parameter_share = 0.0, parameter_wage = 0.0;
  double max_entry = 0.0, episode_cost = 0.0, treatment_weeks = 0.0;
};

Seen first_step(const std::string& parameters) {
  const auto world = world_with_sparse_country();
  const auto zzz = *world->node_index("ZZZ");
  const auto usa = *world->node_index("USA");
  const auto corridor = *world->node_index("eastern_pacific");
  const auto cocaine = test::substance("cocaine");
  const Scenario scenario = test::short_scenario("2010-01-01", "2010-01-07", 0.002, 3, parameters);
  Engine engine(world, scenario, EngineOptions::checked(1));
  Seen seen;
  const auto& values = engine.parameters();
  seen.parameter_share = values.get("demand.default_heavy_user_share");
  seen.parameter_wage = values.get("labour.default_legal_wage_usd_per_month");
  seen.max_entry = values.get("demand.max_treatment_entry_per_year");
  seen.episode_cost = values.get("demand.treatment_cost_usd_per_episode");
  seen.treatment_weeks = values.get("demand.treatment_weeks");
  test::LambdaObserver observer([&](const ModelState& state, const MetricTable&) {
    for (const auto& g : state.user_groups) {
      if (g.substance != cocaine) continue;
      if (g.node == zzz) seen.heavy_share = g.baseline_heavy_share;
      if (g.node == usa) seen.us_heavy_share = g.baseline_heavy_share;
    }
    seen.wage = state.legal_wage(zzz);
    seen.wage_ratio = state.wage_ratio(zzz);
    seen.us_wage = state.legal_wage(usa);
    seen.us_wage_ratio = state.wage_ratio(usa);
    seen.corridor_wage = state.legal_wage(corridor);
  });
  (void)engine.run(&observer);
  return seen;
}

// The heavy share the demand module starts ZZZ with (docs/ODD.md s7.2 and s7.5): heavy users
// plus users in treatment are U x s; the treatment entry rate t is the budget's episodes over
// those heavy users, and H = U s / (1 + t / x) of them are heavy.
double expected_heavy_share(const Seen& seen) {
  const double share = seen.parameter_share;
  const double heavy_and_treated = kUsers * share;
  const double cost = seen.episode_cost * seen.wage_ratio;
  const double t = std::min(seen.max_entry, kTreatmentBudgetUsd / cost / heavy_and_treated);
  const double x = 52.0 / seen.treatment_weeks;
  const double heavy = heavy_and_treated / (1.0 + t / x);
  return heavy / (kUsers - heavy_and_treated + heavy);
}

TEST(WorldFallbacks, AMarketWithoutHeavyUserShareTakesTheDeclaredParameter) {
  const Seen by_default = first_step("");
  const Seen set = first_step("parameters:\n  demand.default_heavy_user_share: 0.5\n");
  EXPECT_EQ(set.parameter_share, 0.5);
  ASSERT_NE(by_default.parameter_share, set.parameter_share);
  ASSERT_GT(by_default.heavy_share, 0.0) << "no cocaine users in ZZZ";
  // Both places that read the share (the starting users and the treatment entry rate) use the
  // parameter: with 0 at the second, as before, there would be no treatment at the start.
  EXPECT_NEAR(by_default.heavy_share, expected_heavy_share(by_default), 1e-12);
  EXPECT_NEAR(set.heavy_share, expected_heavy_share(set), 1e-12);
  EXPECT_GT(set.heavy_share, by_default.heavy_share);
  // Markets with the figure keep theirs.
  EXPECT_EQ(set.us_heavy_share, by_default.us_heavy_share);
}

TEST(WorldFallbacks, ANodeWithoutALegalWageTakesTheDeclaredParameterForWageAndRatio) {
  const Seen by_default = first_step("");
  const Seen set = first_step("parameters:\n  labour.default_legal_wage_usd_per_month: 400\n");
  const double us_wage =
      *test::shipped_world().figure(test::node("USA"), std::nullopt, "legal_wage_usd_per_month");
  for (const Seen& seen : {by_default, set}) {
    EXPECT_EQ(seen.wage, seen.parameter_wage);
    EXPECT_EQ(seen.corridor_wage, seen.parameter_wage);
    EXPECT_EQ(seen.wage_ratio, seen.parameter_wage / us_wage);
    EXPECT_EQ(seen.us_wage, us_wage);
    EXPECT_EQ(seen.us_wage_ratio, 1.0);
  }
  EXPECT_EQ(set.wage, 400.0);
}

TEST(WorldFallbacks, WithoutAUsWageTheParameterIsTheReferenceOfWageRatios) {
  World world;
  for (const char* id : {"USA", "AAA", "BBB"}) {
    Node node;
    node.id = id;
    world.nodes.push_back(node);
  }
  world.set_figure(2, std::nullopt, "legal_wage_usd_per_month", 500.0);
  ParameterValues values(test::shipped_registry());
  values.set("labour.default_legal_wage_usd_per_month", 250.0);
  const Date start = *parse_iso_date("2010-01-01");
  const ModelState state(world, values, Calendar(start, start, 7), 1, 0.01, 1);
  EXPECT_EQ(state.legal_wage(0), 250.0);
  EXPECT_EQ(state.wage_ratio(0), 1.0);
  EXPECT_EQ(state.legal_wage(1), 250.0);
  EXPECT_EQ(state.wage_ratio(1), 1.0);
  EXPECT_EQ(state.legal_wage(2), 500.0);
  EXPECT_EQ(state.wage_ratio(2), 2.0);
}

}  // namespace
}  // namespace narcosim
