// Every policy acts only where and when it is scoped: the policy module sets the levers of the
// nodes it names (a country, a corridor or a group) during [start, end] and leaves every other
// node and step at the baseline. Policies on the same node combine: multipliers multiply,
// payments add.
#include <gtest/gtest.h>

#include <algorithm>

#include "run_support.hpp"

namespace narcosim {
namespace {

struct LeverLog {
  std::vector<Date> dates;
  std::vector<std::vector<double>> interdiction, eradication, treatment, support;  // [step][node]
};

LeverLog run_and_log(const std::string& policies) {
  const Scenario scenario =
      test::short_scenario("2010-01-01", "2012-12-31", 0.001, 5, "policies:\n" + policies);
  Engine engine(test::shipped_world(), scenario, 1);
  LeverLog log;
  test::LambdaObserver observer([&](const ModelState& state, const MetricTable&) {
    log.dates.push_back(state.calendar.date_of_step(state.step));
    log.interdiction.push_back(state.levers.interdiction_multiplier);
    log.eradication.push_back(state.levers.eradication_multiplier);
    log.treatment.push_back(state.levers.treatment_multiplier);
    log.support.push_back(state.levers.alt_dev_support_usd_per_ha);
  });
  (void)engine.run(&observer);
  return log;
}

bool in_period(Date d, const char* from, const char* to) {
  return d >= *parse_iso_date(from) && d <= *parse_iso_date(to);
}

TEST(PolicyScope, InterdictionActsOnlyOnItsCorridorAndOnlyDuringItsPeriod) {
  const auto log = run_and_log(
      "  - type: interdiction\n    countries: [eastern_pacific]\n    start: 2011-01-01\n"
      "    end: 2011-12-31\n    multiplier: 4\n");
  const auto pacific = test::node("eastern_pacific");
  int active_steps = 0;
  for (size_t i = 0; i < log.dates.size(); ++i) {
    // A step is in force when its start date falls in the period (weekly steps).
    const bool active = in_period(log.dates[i], "2011-01-01", "2011-12-31");
    active_steps += active;
    for (size_t n = 0; n < log.interdiction[i].size(); ++n) {
      const double expected = (active && n == pacific) ? 4.0 : 1.0;
      EXPECT_EQ(log.interdiction[i][n], expected) << "step " << i << " node " << n;
      EXPECT_EQ(log.eradication[i][n], 1.0);
      EXPECT_EQ(log.treatment[i][n], 1.0);
      EXPECT_EQ(log.support[i][n], 0.0);
    }
  }
  // 2011 has 365 days: 52 or 53 weekly step starts fall in it.
  EXPECT_GE(active_steps, 52);
  EXPECT_LE(active_steps, 53);
}

TEST(PolicyScope, GroupsExpandAndPoliciesCombine) {
  // Central America gets eradication x2 from 2010-06-01 (open-ended); Guatemala gets a further
  // x3, so Guatemala is at 6 and the rest of the group at 2; alternative development adds in
  // PER only.
  const auto log = run_and_log(
      "  - type: eradication\n    countries: [central_america]\n    start: 2010-06-01\n"
      "    multiplier: 2\n"
      "  - type: eradication\n    countries: [GTM]\n    start: 2010-06-01\n    multiplier: 3\n"
      "  - type: alternative_development\n    countries: [PER]\n    start: 2010-01-01\n"
      "    support_usd_per_ha: 800\n"
      "  - type: alternative_development\n    countries: [PER]\n    start: 2012-01-01\n"
      "    support_usd_per_ha: 200\n");
  const auto group = *test::shipped_world().group("central_america");
  const auto gtm = test::node("GTM");
  const auto per = test::node("PER");
  ASSERT_GT(group.size(), 1u);
  for (size_t i = 0; i < log.dates.size(); ++i) {
    const bool eradicating = log.dates[i] >= *parse_iso_date("2010-06-01");
    const bool both_payments = log.dates[i] >= *parse_iso_date("2012-01-01");
    for (size_t n = 0; n < log.eradication[i].size(); ++n) {
      const bool in_group = std::find(group.begin(), group.end(), n) != group.end();
      double expected = 1.0;
      if (eradicating && in_group) expected = n == gtm ? 6.0 : 2.0;
      EXPECT_EQ(log.eradication[i][n], expected) << "step " << i << " node " << n;
      const double support = n == per ? (both_payments ? 1000.0 : 800.0) : 0.0;
      EXPECT_EQ(log.support[i][n], support) << "step " << i << " node " << n;
    }
  }
}

}  // namespace
}  // namespace narcosim
