// Legal transport, seizure compensation, medical licences and public spending, against the
// baseline with the same seed (common random numbers):
//  - legal transport in Guatemala alone draws cocaine through Guatemala and seizes none there,
//    and moves US supply less than the same policy adopted by all of Central America (the next
//    country still seizes: "where would a legitimate transport company ship to?");
//  - compensation paid equals compensation received at every step, only payers pay and only
//    other countries receive, and recipients that reinvest seize more;
//  - medical licences take households out of the illicit crop;
//  - money metrics equal the spending rules of docs/ODD.md §7.10.
#include <gtest/gtest.h>

#include "run_support.hpp"

namespace narcosim {
namespace {

using test::SeriesRecorder;

constexpr double kScale = 0.003;
constexpr uint64_t kSeed = 5;

void run(const std::string& policies, SeriesRecorder& r, const std::string& end = "2015-12-31",
         StepObserver* extra = nullptr) {
  const Scenario scenario = test::short_scenario("2010-01-01", end, kScale, kSeed, policies);
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(1));
  test::LambdaObserver both([&](const ModelState& s, const MetricTable& m) {
    r.on_step(s, m);
    if (extra) extra->on_step(s, m);
  });
  (void)engine.run(&both);
}

void add_transport_series(SeriesRecorder& r) {
  r.add("gtm_in", test::inflow_reader("GTM", "cocaine"));
  r.add("gtm_seized", test::metric_reader(Metric::seized_kg, "GTM", "cocaine"));
  r.add("us_delivered", test::metric_reader(Metric::delivered_kg, "USA", "cocaine"));
}

std::string transport(const std::string& where) {
  return "policies:\n  - type: legalize_transport\n    countries: [" + where +
         "]\n    substances: [cocaine]\n    start: 2011-01-01\n";
}

TEST(LegalTransport, DrawsFlowsThroughGuatemalaAndMattersMoreRegionWide) {
  SeriesRecorder base, alone, region;
  add_transport_series(base);
  add_transport_series(alone);
  add_transport_series(region);
  run("", base);
  run(transport("GTM"), alone);
  run(transport("central_america"), region);
  // Judged after a year: traffickers learn the new risks from their own passages.
  EXPECT_GT(alone["gtm_in"].sum_over_years(2012, 2015), base["gtm_in"].sum_over_years(2012, 2015));
  EXPECT_EQ(alone["gtm_seized"].sum_over_years(2011, 2015), 0.0);
  EXPECT_GT(base["gtm_seized"].sum_over_years(2011, 2015), 0.0);
  const double us_base = base["us_delivered"].sum_over_years(2012, 2015);
  const double change_alone = alone["us_delivered"].sum_over_years(2012, 2015) - us_base;
  const double change_region = region["us_delivered"].sum_over_years(2012, 2015) - us_base;
  EXPECT_LT(std::abs(change_alone), std::abs(change_region));
}

TEST(SeizureCompensation, PaidEqualsReceivedAndRecipientsSeizeMore) {
  const std::string policy =
      "policies:\n  - type: seizure_compensation\n    countries: [USA, CAN]\n"
      "    substances: [cocaine]\n    start: 2011-01-01\n    share: 0.5\n";
  const auto usa = test::node("USA");
  const auto can = test::node("CAN");
  double paid_total = 0.0;
  double worst_gap = 0.0;
  bool wrong_payer = false;
  bool wrong_recipient = false;
  test::LambdaObserver checks([&](const ModelState& s, const MetricTable& m) {
    double paid = 0.0;
    double received = 0.0;
    for (size_t n = 0; n < s.world->nodes.size(); ++n) {
      const double p = m.get(Metric::compensation_paid_usd, n, m.all_column());
      const double r = m.get(Metric::compensation_received_usd, n, m.all_column());
      const bool payer = n == usa || n == can;
      if (!std::isnan(p)) {
        paid += p;
        if (p > 0 && !payer) wrong_payer = true;
      }
      if (!std::isnan(r)) {
        received += r;
        if (r > 0 && (payer || s.world->nodes[n].kind != NodeKind::country)) wrong_recipient = true;
      }
    }
    worst_gap = std::max(worst_gap, std::abs(paid - received));
    paid_total += paid;
  });
  SeriesRecorder base, compensated;
  base.add("col_seized", test::metric_reader(Metric::seized_kg, "COL", "cocaine"));
  compensated.add("col_seized", test::metric_reader(Metric::seized_kg, "COL", "cocaine"));
  base.add("col_interdiction", test::metric_reader(Metric::spend_interdiction_usd, "COL", "all"));
  compensated.add("col_interdiction",
                  test::metric_reader(Metric::spend_interdiction_usd, "COL", "all"));
  run("", base);
  run(policy, compensated, "2015-12-31", &checks);
  EXPECT_GT(paid_total, 0.0);
  // Both sides of each booked transfer are the same cents; only the summation of the metrics
  // in doubles can differ.
  EXPECT_LE(worst_gap, 1e-6);
  EXPECT_FALSE(wrong_payer);
  EXPECT_FALSE(wrong_recipient);
  EXPECT_GT(compensated["col_interdiction"].sum_over_years(2012, 2015),
            base["col_interdiction"].sum_over_years(2012, 2015));
  EXPECT_GT(compensated["col_seized"].sum_over_years(2012, 2015),
            base["col_seized"].sum_over_years(2012, 2015));
}

TEST(MedicalProduction, LicencesTakeHouseholdsOutOfTheIllicitCrop) {
  SeriesRecorder base, licensed;
  for (auto* r : {&base, &licensed}) {
    r->add("ha", test::metric_reader(Metric::cultivation_ha, "GTM", "heroin"));
    r->add("legal", test::metric_reader(Metric::legal_sales_usd, "GTM", "heroin"));
    r->add("legal_all", test::metric_reader(Metric::legal_sales_usd, "ALL", "all"));
  }
  run("", base, "2013-12-31");
  run("policies:\n  - type: medical_production\n    countries: [GTM]\n    substances: [heroin]\n"
      "    start: 2011-01-01\n    licensed_ha: 600\n",
      licensed, "2013-12-31");
  EXPECT_LT(licensed["ha"].mean_over_years(2012, 2013), base["ha"].mean_over_years(2012, 2013));
  EXPECT_GT(licensed["legal"].sum_over_years(2011, 2013), 0.0);
  EXPECT_EQ(licensed["legal"].sum_over_years(2010, 2010), 0.0);
  EXPECT_EQ(base["legal"].sum_over_years(2010, 2013), 0.0);
  // Only Guatemala sells licensed crop: the all-countries total is Guatemala's.
  EXPECT_EQ(licensed["legal_all"].sum_over_years(2010, 2013),
            licensed["legal"].sum_over_years(2010, 2013));
}

TEST(PublicMoney, ProgramSpendingFollowsItsRules) {
  // Social programs: spending = budget x years per step; alternative development: support x
  // converted hectares x years per step, paid to growers.
  const std::string policies =
      "policies:\n  - type: social_programs\n    countries: [HND]\n    start: 2011-01-01\n"
      "    budget_usd_per_year: 1.0e8\n"
      "  - type: alternative_development\n    countries: [PER]\n    start: 2010-01-01\n"
      "    support_usd_per_ha: 2000\n";
  const auto hnd = test::node("HND");
  const auto per = test::node("PER");
  const auto cocaine = test::substance("cocaine");
  double worst_program_gap = 0.0;
  double worst_alt_dev_gap = 0.0;
  double alt_dev_paid = 0.0;
  test::LambdaObserver checks([&](const ModelState& s, const MetricTable& m) {
    const double years = s.years_per_step();
    const bool active = s.calendar.date_of_step(s.step) >= *parse_iso_date("2011-01-01");
    const double programs = m.get(Metric::spend_programs_usd, hnd, m.all_column());
    worst_program_gap =
        std::max(worst_program_gap, std::abs(programs - (active ? 1.0e8 * years : 0.0)));
    double converted = 0.0;
    for (const auto& src : s.sources) {
      if (src.node == per && src.substance == cocaine) converted = src.converted_ha;
    }
    const double alt_dev = m.get(Metric::spend_programs_usd, per, m.all_column());
    worst_alt_dev_gap = std::max(worst_alt_dev_gap, std::abs(alt_dev - 2000.0 * converted * years));
    alt_dev_paid += alt_dev;
  });
  SeriesRecorder r;
  run(policies, r, "2012-12-31", &checks);
  EXPECT_LE(worst_program_gap, 0.01);  // one transfer, rounded to the cent
  EXPECT_LE(worst_alt_dev_gap, 0.01);
  EXPECT_GT(alt_dev_paid, 0.0);
}

}  // namespace
}  // namespace narcosim
