// Corruption (docs/ODD.md 7.15): bribes are money that organisations pay out of their revenue
// and countries' households receive (the ledger stays exact: runs are checked); without bribes
// enforcement is what the rates solved to 2010 make it; and policies move bribes only through
// the mechanism: a legal market in the United States cuts the rents that pay Mexico's officials,
// and a larger interdiction budget costs more to buy.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "run_support.hpp"

namespace narcosim {
namespace {

constexpr double kScale = 0.002;
constexpr uint64_t kSeed = 77;

// Calls its function at every step.
using EachStep = test::LambdaObserver;

// Corruption buys protection here (corruption.protection_max is 0 in the baseline).
Scenario scenario(const std::string& extra_yaml = "",
                  const std::string& parameters = "  corruption.protection_max: 0.5\n") {
  return test::short_scenario("2010-01-01", "2012-12-31", kScale, kSeed,
                              "parameters:\n" + parameters + extra_yaml);
}

void run(const Scenario& s, StepObserver& observer) {
  Engine engine(test::shared_world(), s, EngineOptions::checked(1));
  (void)engine.run(&observer);
}

// Mexico's bribes (USD per step) and hazard factor, per step, with the step's year.
struct MexicoSeries {
  std::vector<int> years;
  std::vector<double> bribes, factor;
  [[nodiscard]] double bribes_in(int year) const {
    double total = 0.0;
    for (size_t i = 0; i < bribes.size(); ++i) {
      if (years[i] == year) total += bribes[i];
    }
    return total;
  }
};

MexicoSeries mexico(const Scenario& s) {
  const auto mex = test::node("MEX");
  MexicoSeries out;
  EachStep observer([&](const ModelState& state, const MetricTable& metrics) {
    out.years.push_back(year_of(state.calendar.date_of_step(state.step)));
    out.bribes.push_back(metrics.get(Metric::bribes_usd, mex, metrics.substance_columns() - 1));
    out.factor.push_back(state.corruption[mex].hazard_factor);
  });
  run(s, observer);
  return out;
}

TEST(Corruption, BribesArePaidOutOfRevenueAndReceivedByCountriesOnly) {
  const auto& world = test::shipped_world();
  const double share = test::shipped_registry().find("corruption.bribe_share")->default_value;
  double paid_total = 0.0, revenue_total = 0.0;
  int steps_with_bribes = 0;
  EachStep observer([&](const ModelState& state, const MetricTable& metrics) {
    const size_t all = metrics.substance_columns() - 1;
    double reported = 0.0, received = 0.0;
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      const double bribes = metrics.get(Metric::bribes_usd, n, all);
      if (world.nodes[n].kind != NodeKind::country) {
        // Corridors are international waters and coasts report through their country.
        EXPECT_TRUE(std::isnan(bribes)) << world.nodes[n].id;
        EXPECT_EQ(state.money.received(n, Purpose::bribe), 0.0) << world.nodes[n].id;
        continue;
      }
      EXPECT_GE(bribes, 0.0);
      reported += bribes;
      received += state.money.received(n, Purpose::bribe);
    }
    // What the metric reports is what the ledger booked to countries' households.
    EXPECT_NEAR(reported, received, 0.01);
    double revenue = 0.0;
    for (const auto& org : state.organizations) revenue += org.revenue_usd;
    // Never more than the share of the step's revenue (each payment rounded to the cent).
    const double rounding = 0.005 * double(world.nodes.size() * state.organizations.size());
    EXPECT_LE(reported, share * revenue + rounding);
    paid_total += reported;
    revenue_total += revenue;
    if (reported > 0) ++steps_with_bribes;
  });
  run(scenario(), observer);  // checked: the money balance and organisation ledgers are exact
  EXPECT_GT(steps_with_bribes, 100);
  EXPECT_GT(paid_total, 0.0);
  EXPECT_LE(paid_total, share * revenue_total * (1 + 1e-6));
}

TEST(Corruption, BribesThatBuyNothingLeaveEnforcementAsSolvedTo2010) {
  // The baseline's default: bribes are paid (money moves) but buy no protection.
  const auto bought_nothing = mexico(scenario("", "  corruption.protection_max: 0\n"));
  EXPECT_GT(bought_nothing.bribes_in(2010), 0.0);
  for (const double f : bought_nothing.factor) EXPECT_EQ(f, 1.0);
}

TEST(Corruption, WithoutBribesEnforcementStaysAsSolvedTo2010) {
  const auto none =
      mexico(scenario("", "  corruption.protection_max: 0.5\n  corruption.bribe_share: 0\n"));
  const auto with = mexico(scenario());
  for (size_t i = 0; i < none.bribes.size(); ++i) {
    EXPECT_EQ(none.bribes[i], 0.0);
    EXPECT_EQ(none.factor[i], 1.0);
  }
  // With bribes, Mexico's officials are paid and what they buy moves with the trade.
  EXPECT_GT(with.bribes_in(2010), 0.0);
  double farthest = 0.0;
  for (const double f : with.factor) farthest = std::max(farthest, std::abs(f - 1.0));
  EXPECT_GT(farthest, 0.0);
}

TEST(Corruption, ALegalMarketInTheUnitedStatesCutsTheBribesPaidInMexico) {
  const auto baseline = mexico(scenario());
  const auto legal = mexico(
      scenario("policies:\n  - type: legalize_all\n    countries: [USA]\n    start: 2010-07-01\n"));
  // 2012: the legal market has rolled out (two years); prices and illicit rents have fallen.
  EXPECT_LT(legal.bribes_in(2012), 0.9 * baseline.bribes_in(2012));
  // Less protection bought in Mexico: the trade that remains is seized and arrested more.
  EXPECT_GT(legal.factor.back(), baseline.factor.back());
}

TEST(Corruption, ALargerInterdictionBudgetCostsMoreToBuy) {
  const auto baseline = mexico(scenario());
  const auto tripled = mexico(
      scenario("policies:\n  - type: interdiction\n    countries: [MEX]\n    start: 2010-01-01\n"
               "    multiplier: 3\n"));
  // In the first weeks the bribes remembered have hardly moved and the budget has tripled: the
  // share bought off falls, so the hazard rises by more than the budget alone makes it.
  for (size_t i = 0; i < 8; ++i) {
    EXPECT_GT(tripled.factor[i], baseline.factor[i]) << "step " << i;
    EXPECT_GT(tripled.factor[i], 1.0) << "step " << i;
  }
}

}  // namespace
}  // namespace narcosim
