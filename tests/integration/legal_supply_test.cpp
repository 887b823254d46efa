// Legal channels (docs/ODD.md §7.9), against the baseline with the same seed:
//  - a registry moves cannabis purchases into the legal channel, bounded by registration
//    (access share) and by the monthly quota, and only in the country and from the date scoped;
//  - a commercial market's tax revenue is the excise rate times legal sales, the illicit
//    market and its revenue shrink, and buyers with access are no longer arrested;
//  - a legal price well below the illicit one raises use through the price elasticity.
#include <gtest/gtest.h>

#include "run_support.hpp"

namespace narcosim {
namespace {

using test::SeriesRecorder;

constexpr double kScale = 0.002;
constexpr uint64_t kSeed = 17;

struct LegalRun {
  SeriesRecorder r;
  double max_quota_excess = 0.0;    // legal kg above the quota-and-registration bound, any step
  double max_tax_gap = 0.0;         // |tax - rate x legal sales| over rounding, any step
  double legal_elsewhere = 0.0;     // legal sales outside the scoped country
  double legal_before_start = 0.0;  // legal sales before the policy's start
};

// Runs 2010-2014 with `policy` (a YAML list item) in `country` for cannabis from 2011-01-01.
void run(const std::string& policies, const std::string& country, double access, double quota,
         double excise, LegalRun& out) {
  const Scenario scenario =
      test::short_scenario("2010-01-01", "2014-12-31", kScale, kSeed, policies);
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(1));
  const auto target = test::node(country);
  const auto cannabis = test::substance("cannabis");
  const auto start = *parse_iso_date("2011-01-01");
  out.r.add("legal_kg", [&](const ModelState& s, const MetricTable&) {
    return s.flows.legal_kg[s.cell(target, cannabis)];
  });
  out.r.add("illicit_usd", test::metric_reader(Metric::illicit_sales_usd, country, "cannabis"));
  out.r.add("users", [&](const ModelState&, const MetricTable& m) {
    return m.get(Metric::users_light, target, cannabis) +
           m.get(Metric::users_heavy, target, cannabis);
  });
  out.r.add("legal_usd", test::metric_reader(Metric::legal_sales_usd, country, "cannabis"));
  out.r.add("possession_arrests", [&](const ModelState&, const MetricTable& m) {
    return m.get(Metric::arrests_possession, target, m.all_column());
  });
  out.r.add("tax", [&](const ModelState&, const MetricTable& m) {
    return m.get(Metric::tax_revenue_usd, target, m.all_column());
  });
  test::LambdaObserver checks([&](const ModelState& s, const MetricTable& m) {
    const size_t cell = s.cell(target, cannabis);
    // Bound: every user with access buys at most the quota each month.
    if (quota > 0) {
      double users = 0.0;
      for (const auto& g : s.user_groups) {
        if (g.node == target && g.substance == cannabis) {
          users = double(g.light_agents + g.heavy_agents) / s.scale;
        }
      }
      const double bound = access * users * 12.0 * quota * s.years_per_step() / 1000.0;
      out.max_quota_excess = std::max(out.max_quota_excess, s.flows.legal_kg[cell] - bound);
    }
    const double legal_usd = s.flows.legal_sales_usd[cell];
    const double tax = m.get(Metric::tax_revenue_usd, target, m.all_column());
    // One transfer per user group and step: at most half a cent of rounding each.
    out.max_tax_gap = std::max(out.max_tax_gap, std::abs(tax - excise * legal_usd) - 0.01);
    for (size_t n = 0; n < s.world->nodes.size(); ++n) {
      if (n == target) continue;
      out.legal_elsewhere += s.flows.legal_sales_usd[s.cell(NodeIndex(n), cannabis)];
    }
    if (s.calendar.date_of_step(s.step) < start) out.legal_before_start += legal_usd;
    out.r.on_step(s, m);
  });
  (void)engine.run(&checks);
}

std::string legal_market(const std::string& country, const std::string& fields) {
  return "policies:\n  - type: legal_market\n    countries: [" + country +
         "]\n    substances: [cannabis]\n    start: 2011-01-01\n" + fields;
}

TEST(LegalSupply, RegistryBoundedByQuotaAndRegistration) {
  LegalRun base, registry, tight;
  run("", "URY", 0.0, 0.0, 0.0, base);
  run(legal_market("URY",
                   "    regime: registry\n    price_usd_per_g: 1.3\n    quota_g_per_month: 40\n"
                   "    access_share: 0.3\n    rollout_years: 0\n"),
      "URY", 0.3, 40.0, 0.0, registry);
  run(legal_market("URY",
                   "    regime: registry\n    price_usd_per_g: 1.3\n    quota_g_per_month: 2\n"
                   "    access_share: 0.3\n    rollout_years: 0\n"),
      "URY", 0.3, 2.0, 0.0, tight);
  const double legal = registry.r["legal_kg"].sum_over_years(2011, 2014);
  EXPECT_GT(legal, 0.0);
  EXPECT_EQ(base.r["legal_kg"].sum_over_years(2010, 2014), 0.0);
  // Purchases moved: illicit sales in Uruguay fall.
  EXPECT_LT(registry.r["illicit_usd"].sum_over_years(2012, 2014),
            base.r["illicit_usd"].sum_over_years(2012, 2014));
  // Bounded by quota and registration at every step; a tighter quota sells less.
  EXPECT_LE(registry.max_quota_excess, 1e-9);
  EXPECT_LE(tight.max_quota_excess, 1e-9);
  EXPECT_LT(tight.r["legal_kg"].sum_over_years(2011, 2014), legal);
  // Only in Uruguay, only from its start; a tax-exempt registry raises no tax.
  EXPECT_EQ(registry.legal_elsewhere, 0.0);
  EXPECT_EQ(registry.legal_before_start, 0.0);
  EXPECT_EQ(registry.r["tax"].sum_over_years(2010, 2014), 0.0);
}

TEST(LegalSupply, CommercialTaxIsRateTimesLegalSalesAndIllicitRevenueFalls) {
  LegalRun base, commercial;
  run("", "USA", 0.0, 0.0, 0.0, base);
  run(legal_market("USA",
                   "    regime: commercial\n    price_usd_per_g: 8\n    excise_rate: 0.37\n"
                   "    quota_g_per_month: 0\n    access_share: 0.6\n    rollout_years: 1\n"),
      "USA", 0.6, 0.0, 0.37, commercial);
  const double sales = commercial.r["legal_usd"].sum_over_years(2011, 2014);
  const double tax = commercial.r["tax"].sum_over_years(2011, 2014);
  ASSERT_GT(sales, 0.0);
  EXPECT_LE(commercial.max_tax_gap, 1e-6);
  EXPECT_NEAR(tax / sales, 0.37, 1e-9);
  EXPECT_LT(commercial.r["illicit_usd"].sum_over_years(2012, 2014),
            base.r["illicit_usd"].sum_over_years(2012, 2014));
  EXPECT_EQ(commercial.legal_elsewhere, 0.0);
  // Buyers with access possess legally: fewer possession arrests.
  EXPECT_LT(commercial.r["possession_arrests"].sum_over_years(2012, 2014),
            base.r["possession_arrests"].sum_over_years(2012, 2014));
}

TEST(LegalSupply, CheapLegalChannelRaisesUse) {
  // Legal cannabis in the USA at a tenth of the 2010 street price, open to every user: the
  // effective price falls, so participation rises (elasticity -0.5) above the baseline.
  LegalRun base, cheap;
  run("", "USA", 0.0, 0.0, 0.0, base);
  run(legal_market("USA",
                   "    regime: commercial\n    price_usd_per_g: 1\n    excise_rate: 0\n"
                   "    quota_g_per_month: 0\n    access_share: 1\n    rollout_years: 0\n"),
      "USA", 1.0, 0.0, 0.0, cheap);
  ASSERT_GT(cheap.r["legal_kg"].sum_over_years(2011, 2014), 0.0);
  EXPECT_GT(cheap.r["users"].mean_over_years(2013, 2014),
            base.r["users"].mean_over_years(2013, 2014));
}

}  // namespace
}  // namespace narcosim
