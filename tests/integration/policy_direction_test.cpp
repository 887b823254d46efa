// Policies without a test of their own elsewhere, against the baseline with the same seed:
//  - treatment: more heavy users of the targeted substance enter treatment and fewer stay heavy;
//  - alternative development: paying households that leave coca converts more of them; a
//    community agreement, paying every licit household, lowers coca hectares; only the paying
//    country spends;
//  - legalize_all: in the legalising country nothing is seized, eradicated or arrested for
//    possession and legal sales begin, while a neighbour keeps prohibition's seizures and
//    eradication.
#include <gtest/gtest.h>

#include "run_support.hpp"

namespace narcosim {
namespace {

using test::SeriesRecorder;

void run(const std::string& policies, SeriesRecorder& r, double scale = 0.002) {
  const Scenario scenario = test::short_scenario("2010-01-01", "2013-12-31", scale, 9, policies);
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(1));
  (void)engine.run(&r);
}

TEST(PolicyDirection, TreatmentMovesHeavyUsersIntoTreatment) {
  SeriesRecorder base, treated;
  for (auto* r : {&base, &treated}) {
    r->add("in_treatment", test::metric_reader(Metric::users_in_treatment, "USA", "cocaine"));
    r->add("heavy", test::metric_reader(Metric::users_heavy, "USA", "cocaine"));
    r->add("spend", test::metric_reader(Metric::spend_treatment_usd, "USA", "all"));
  }
  run("", base);
  run("policies:\n  - type: treatment\n    countries: [USA]\n    substances: [cocaine]\n"
      "    start: 2011-01-01\n    multiplier: 3\n",
      treated);
  EXPECT_GT(treated["in_treatment"].mean_over_years(2012, 2013),
            base["in_treatment"].mean_over_years(2012, 2013));
  EXPECT_LT(treated["heavy"].mean_over_years(2012, 2013),
            base["heavy"].mean_over_years(2012, 2013));
  EXPECT_GT(treated["spend"].sum_over_years(2011, 2013), base["spend"].sum_over_years(2011, 2013));
  // Identical before the start (common random numbers).
  EXPECT_EQ(treated["in_treatment"].sum_over_years(2010, 2010),
            base["in_treatment"].sum_over_years(2010, 2010));
}

TEST(PolicyDirection, AlternativeDevelopmentConvertsAndCommunityAgreementsLowerCoca) {
  // Paying only the households that leave coca converts more of them, but the farm-gate price
  // they leave behind draws other licit households in. A community (zero-coca) agreement pays
  // every licit household while it stays out, which keeps them out: coca falls.
  SeriesRecorder base, converted, community;
  for (auto* r : {&base, &converted, &community}) {
    r->add("per_ha", test::metric_reader(Metric::cultivation_ha, "PER", "cocaine"));
    r->add("per_converted", test::metric_reader(Metric::alt_crop_ha, "PER", "cocaine"));
    r->add("per_programs", test::metric_reader(Metric::spend_programs_usd, "PER", "all"));
    r->add("bol_programs", test::metric_reader(Metric::spend_programs_usd, "BOL", "all"));
  }
  // At scale 0.002 a grower agent stands for 500 households (about 550 ha of coca): too coarse
  // for a paired difference in one country, hence 0.02.
  const std::string policy =
      "policies:\n  - type: alternative_development\n    countries: [PER]\n"
      "    start: 2010-01-01\n    support_usd_per_ha: 1500\n    coverage: ";
  run("", base, 0.02);
  run(policy + "converted\n", converted, 0.02);
  run(policy + "community\n", community, 0.02);
  // Households review their crop about once a year: judged over the last two years.
  EXPECT_GT(converted["per_converted"].mean_over_years(2012, 2013),
            base["per_converted"].mean_over_years(2012, 2013));
  EXPECT_LT(community["per_ha"].mean_over_years(2012, 2013),
            base["per_ha"].mean_over_years(2012, 2013));
  // A community agreement pays more hectares than paying converts only.
  EXPECT_GT(community["per_programs"].sum_over_years(2010, 2013),
            converted["per_programs"].sum_over_years(2010, 2013));
  EXPECT_EQ(community["bol_programs"].sum_over_years(2010, 2013), 0.0);
}

TEST(PolicyDirection, LegalizeAllEndsProhibitionOnlyWhereAdopted) {
  SeriesRecorder base, legal;
  for (auto* r : {&base, &legal}) {
    r->add("mex_seized", test::metric_reader(Metric::seized_kg, "MEX", "all"));
    r->add("mex_eradicated", test::metric_reader(Metric::eradicated_ha, "MEX", "all"));
    r->add("mex_possession", test::metric_reader(Metric::arrests_possession, "MEX", "all"));
    r->add("mex_legal", test::metric_reader(Metric::legal_sales_usd, "MEX", "all"));
    r->add("gtm_seized", test::metric_reader(Metric::seized_kg, "GTM", "all"));
    r->add("col_eradicated", test::metric_reader(Metric::eradicated_ha, "COL", "all"));
  }
  run("", base);
  run("policies:\n  - type: legalize_all\n    countries: [MEX]\n    start: 2011-01-01\n", legal);
  EXPECT_GT(base["mex_seized"].sum_over_years(2011, 2013), 0.0);
  // Seizure probabilities are set by the markets module after trafficking has moved the step's
  // batches, so the first step of a policy still sees the old ones: judged from 2012.
  EXPECT_EQ(legal["mex_seized"].sum_over_years(2012, 2013), 0.0);
  EXPECT_GT(base["mex_eradicated"].sum_over_years(2011, 2013), 0.0);
  EXPECT_EQ(legal["mex_eradicated"].sum_over_years(2011, 2013), 0.0);
  EXPECT_GT(base["mex_possession"].sum_over_years(2011, 2013), 0.0);
  EXPECT_EQ(legal["mex_possession"].sum_over_years(2011, 2013), 0.0);
  EXPECT_GT(legal["mex_legal"].sum_over_years(2011, 2013), 0.0);
  EXPECT_EQ(legal["mex_legal"].sum_over_years(2010, 2010), 0.0);
  // Prohibition goes on next door.
  EXPECT_GT(legal["gtm_seized"].sum_over_years(2011, 2013), 0.0);
  EXPECT_GT(legal["col_eradicated"].sum_over_years(2011, 2013), 0.0);
}

}  // namespace
}  // namespace narcosim
