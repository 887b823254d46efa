// Interdiction in the Eastern Pacific (10x the baseline budget from the first day) against the
// baseline, same seed (common random numbers), 2010-2014:
//  - seizure risk there rises, traffickers' risk estimates learn it and route choice moves
//    cocaine to the other corridors into Central America and the Caribbean (displacement);
//  - higher risk on the least-cost route raises the landed price in the USA (risks and prices);
//  - the seized share of cocaine rises, while delivery to the USA falls by a smaller fraction
//    because shipments move to other routes and US demand is inelastic (elasticity -0.5).
#include <gtest/gtest.h>

#include <iostream>

#include "run_support.hpp"

namespace narcosim {
namespace {

using test::SeriesRecorder;
using test::shipped_world;

constexpr int kFirstYear = 2010;
constexpr int kLastYear = 2014;
// Judge flows after the first year: traffickers' risk memory is half a year by default, and
// batches already at sea when the policy starts still follow their old routes.
constexpr int kJudgedFrom = 2011;

struct Outcome {
  double pacific_kg = 0.0;          // cocaine entering eastern_pacific
  double other_corridors_kg = 0.0;  // entering western_caribbean, eastern_caribbean, air_bridge
  double us_wholesale = 0.0;        // USD/kg, mean over the judged years
  double seized_kg = 0.0;           // all nodes
  double delivered_kg = 0.0;        // all markets
  double us_delivered_kg = 0.0;
  [[nodiscard]] double seized_share() const { return seized_kg / (seized_kg + delivered_kg); }
};

Outcome run(const std::string& policies) {
  const Scenario scenario =
      test::short_scenario(std::to_string(kFirstYear) + "-01-01",
                           std::to_string(kLastYear) + "-12-31", 0.004, 21, policies);
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(2));
  SeriesRecorder r;
  r.add("pacific", test::inflow_reader("eastern_pacific", "cocaine"));
  for (const char* corridor : {"western_caribbean", "eastern_caribbean", "air_bridge"}) {
    r.add(corridor, test::inflow_reader(corridor, "cocaine"));
  }
  r.add("us_wholesale", test::metric_reader(Metric::price_wholesale_usd_per_kg, "USA", "cocaine"));
  r.add("seized", test::metric_reader(Metric::seized_kg, "ALL", "cocaine"));
  r.add("delivered", test::metric_reader(Metric::delivered_kg, "ALL", "cocaine"));
  r.add("us_delivered", test::metric_reader(Metric::delivered_kg, "USA", "cocaine"));
  (void)engine.run(&r);
  Outcome o;
  o.pacific_kg = r["pacific"].sum_over_years(kJudgedFrom, kLastYear);
  for (const char* corridor : {"western_caribbean", "eastern_caribbean", "air_bridge"}) {
    o.other_corridors_kg += r[corridor].sum_over_years(kJudgedFrom, kLastYear);
  }
  // Prices are judged over the same years as flows: a single year is dominated by the
  // inventory cycle of the US market rather than by the policy.
  o.us_wholesale = r["us_wholesale"].mean_over_years(kJudgedFrom, kLastYear);
  o.seized_kg = r["seized"].sum_over_years(kJudgedFrom, kLastYear);
  o.delivered_kg = r["delivered"].sum_over_years(kJudgedFrom, kLastYear);
  o.us_delivered_kg = r["us_delivered"].sum_over_years(kJudgedFrom, kLastYear);
  return o;
}

class Interdiction : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    baseline_ = new Outcome(run(""));
    policy_ =
        new Outcome(run("policies:\n"
                        "  - type: interdiction\n"
                        "    countries: [eastern_pacific]\n"
                        "    substances: [cocaine]\n"
                        "    start: 2010-01-01\n"
                        "    multiplier: 10\n"));
  }
  static void TearDownTestSuite() {
    delete baseline_;
    delete policy_;
  }
  static const Outcome* baseline_;
  static const Outcome* policy_;
};

const Outcome* Interdiction::baseline_ = nullptr;
const Outcome* Interdiction::policy_ = nullptr;

TEST_F(Interdiction, BaselineUsesTheCorridors) {
  // Precondition for the comparisons below: cocaine moves through the Pacific and the others.
  // The unit that is shipped, seized or displaced is a batch (trafficking.batch_kg): a corridor
  // that saw less than one batch in four years is unused, and the policy has nothing to act on.
  const double batch_kg = test::shipped_registry().find("trafficking.batch_kg")->default_value;
  EXPECT_GT(baseline_->pacific_kg, batch_kg) << "the eastern Pacific carries no cocaine";
  EXPECT_GT(baseline_->other_corridors_kg, 0.0);
  EXPECT_GT(baseline_->us_delivered_kg, 0.0);
  std::cout << "cocaine entering corridors " << kJudgedFrom << "-" << kLastYear
            << " (baseline -> policy): eastern_pacific " << baseline_->pacific_kg << " -> "
            << policy_->pacific_kg << " kg; other three " << baseline_->other_corridors_kg << " -> "
            << policy_->other_corridors_kg << " kg\n";
}

TEST_F(Interdiction, PacificFlowsFall) {
  EXPECT_LT(policy_->pacific_kg, baseline_->pacific_kg)
      << "baseline " << baseline_->pacific_kg << " kg, policy " << policy_->pacific_kg << " kg";
}

TEST_F(Interdiction, FlowsMoveToTheOtherCorridors) {
  EXPECT_GT(policy_->other_corridors_kg, baseline_->other_corridors_kg)
      << "baseline " << baseline_->other_corridors_kg << " kg, policy "
      << policy_->other_corridors_kg << " kg";
}

TEST_F(Interdiction, UsWholesalePriceRises) {
  EXPECT_GT(policy_->us_wholesale, baseline_->us_wholesale)
      << "baseline " << baseline_->us_wholesale << " USD/kg, policy " << policy_->us_wholesale;
}

TEST_F(Interdiction, DeliveryFallsLessThanTheSeizedShareRises) {
  // The claim is about totals: the seized share of all cocaine rises, while total
  // delivery to consumer markets falls by less, because shipments move to other corridors.
  // US deliveries, on the most intercepted path, must fall too.
  const double share_rise = policy_->seized_share() / baseline_->seized_share() - 1.0;
  const double delivery_fall = 1.0 - policy_->delivered_kg / baseline_->delivered_kg;
  const double us_delivery_fall = 1.0 - policy_->us_delivered_kg / baseline_->us_delivered_kg;
  EXPECT_GT(share_rise, 0.0) << "seized share " << baseline_->seized_share() << " -> "
                             << policy_->seized_share();
  EXPECT_GT(us_delivery_fall, 0.0) << "US deliveries " << baseline_->us_delivered_kg << " -> "
                                   << policy_->us_delivered_kg << " kg";
  EXPECT_LT(delivery_fall, share_rise)
      << "deliveries fall by " << delivery_fall << " (relative) but the seized share rises by "
      << share_rise;
}

}  // namespace
}  // namespace narcosim
