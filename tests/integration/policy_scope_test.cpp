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
  size_t substances = 0;
  // [step][node * substances + substance]
  std::vector<std::vector<double>> interdiction, eradication, treatment, support;
  std::vector<std::vector<double>> troops, sentences, amnesty;  // [step][node]
};

LeverLog run_and_log(const std::string& policies) {
  const Scenario scenario =
      test::short_scenario("2010-01-01", "2012-12-31", 0.001, 5, "policies:\n" + policies);
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(1));
  LeverLog log;
  test::LambdaObserver observer([&](const ModelState& state, const MetricTable&) {
    log.dates.push_back(state.calendar.date_of_step(state.step));
    log.substances = state.substance_count();
    log.troops.push_back(state.levers.military_troops);
    log.sentences.push_back(state.levers.sentence_multiplier_minor);
    log.amnesty.push_back(state.levers.amnesty_release_share);
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
    for (size_t c = 0; c < log.interdiction[i].size(); ++c) {
      const size_t n = c / log.substances;
      const double expected = (active && n == pacific) ? 4.0 : 1.0;
      EXPECT_EQ(log.interdiction[i][c], expected) << "step " << i << " node " << n;
      EXPECT_EQ(log.eradication[i][c], 1.0);
      EXPECT_EQ(log.treatment[i][c], 1.0);
      EXPECT_EQ(log.support[i][c], 0.0);
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
    for (size_t c = 0; c < log.eradication[i].size(); ++c) {
      const size_t n = c / log.substances;
      const bool in_group = std::find(group.begin(), group.end(), n) != group.end();
      double expected = 1.0;
      if (eradicating && in_group) expected = n == gtm ? 6.0 : 2.0;
      EXPECT_EQ(log.eradication[i][c], expected) << "step " << i << " node " << n;
      const double support = n == per ? (both_payments ? 1000.0 : 800.0) : 0.0;
      EXPECT_EQ(log.support[i][c], support) << "step " << i << " node " << n;
    }
  }
}

TEST(PolicyScope, SubstanceListRestrictsTheLevers) {
  // Treatment x3 for heroin in MEX only: MEX cocaine and cannabis and every other country keep
  // the baseline budget.
  const auto log = run_and_log(
      "  - type: treatment\n    countries: [MEX]\n    substances: [heroin]\n"
      "    start: 2010-01-01\n    multiplier: 3\n");
  const auto mex = test::node("MEX");
  const auto heroin = test::substance("heroin");
  for (size_t i = 0; i < log.dates.size(); ++i) {
    for (size_t c = 0; c < log.treatment[i].size(); ++c) {
      const bool targeted = c / log.substances == mex && c % log.substances == heroin;
      EXPECT_EQ(log.treatment[i][c], targeted ? 3.0 : 1.0) << "step " << i << " cell " << c;
    }
  }
}

TEST(PolicyScope, CountryWideLeversAndOneOffReleases) {
  // Troops ramp up linearly in MEX over one year; sentences are eased in GTM from 2011; an
  // amnesty's release share is set on its first step only.
  const auto log = run_and_log(
      "  - type: militarization\n    countries: [MEX]\n    start: 2010-01-01\n"
      "    troops: 40000\n    rampup_years: 1\n"
      "  - type: ease_sentences\n    countries: [GTM]\n    start: 2011-01-01\n"
      "    sentence_multiplier: 0.5\n"
      "  - type: amnesty\n    countries: [HND]\n    start: 2011-06-01\n    release_share: 0.4\n");
  const auto mex = test::node("MEX");
  const auto gtm = test::node("GTM");
  const auto hnd = test::node("HND");
  int releases = 0;
  double previous_troops = -1.0;
  for (size_t i = 0; i < log.dates.size(); ++i) {
    for (size_t n = 0; n < log.troops[i].size(); ++n) {
      if (n != mex) {
        EXPECT_EQ(log.troops[i][n], 0.0);
      }
      const bool eased = n == gtm && log.dates[i] >= *parse_iso_date("2011-01-01");
      EXPECT_EQ(log.sentences[i][n], eased ? 0.5 : 1.0);
      if (n != hnd) {
        EXPECT_EQ(log.amnesty[i][n], 0.0);
      }
    }
    const double troops = log.troops[i][mex];
    EXPECT_GE(troops, previous_troops);  // never falls while ramping up
    EXPECT_LE(troops, 40000.0);
    previous_troops = troops;
    if (log.amnesty[i][hnd] > 0) {
      ++releases;
      EXPECT_EQ(log.amnesty[i][hnd], 0.4);
      EXPECT_GE(log.dates[i], *parse_iso_date("2011-06-01"));
    }
  }
  EXPECT_EQ(releases, 1);
  EXPECT_EQ(log.troops.back()[mex], 40000.0);
}

}  // namespace
}  // namespace narcosim
