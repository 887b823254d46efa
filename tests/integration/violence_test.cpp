// Violence, crime and the labour market of the drug trade (docs/ODD.md s7.9), in-process runs
// at small scale, 2010-2015, all with the same seed (common random numbers) against the
// baseline:
//  - baseline homicides stay near the observed 2010 rate (the start is a steady state);
//  - a one-year kingpin campaign in Mexico raises Mexican homicides while it lasts, the excess
//    decays after it ends, and countries where no Mexican organisation operates are untouched;
//  - militarization raises homicides; a national guard replacing it lowers them relative to
//    continued militarization;
//  - gun-flow reduction lowers homicides, more as the firearm stock follows the lower inflow;
//  - when drug rents fall (legal markets for every drug in the USA), Mexican extortion and
//    kidnapping rise, less so with social programs that raise the outside option;
//  - social programs alone lower the Mexican drug-trade workforce.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>

#include "run_support.hpp"

namespace narcosim {
namespace {

using test::SeriesRecorder;

constexpr double kScale = 0.002;
constexpr uint64_t kSeed = 3;
const char* const kCountries[] = {"MEX", "GTM", "COL", "USA", "BRA", "PER"};

struct Outcome {
  std::map<std::string, test::Series> homicides;                // by country
  test::Series kidnappings, extortions, dto_workers, removals;  // Mexico
};

Outcome run(const std::string& policies) {
  const Scenario scenario = test::short_scenario("2010-01-01", "2015-12-31", kScale, kSeed,
                                                 policies.empty() ? "" : "policies:\n" + policies);
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(2));
  SeriesRecorder r;
  for (const char* c : kCountries) r.add(c, test::metric_reader(Metric::homicides, c, "all"));
  r.add("kidnappings", test::metric_reader(Metric::kidnappings, "MEX", "all"));
  r.add("extortions", test::metric_reader(Metric::extortions, "MEX", "all"));
  r.add("dto_workers", test::metric_reader(Metric::dto_workers, "MEX", "all"));
  const NodeIndex mex = test::node("MEX");
  r.add("removals", [mex](const ModelState& state, const MetricTable&) {
    return state.violence[mex].leader_removals;
  });
  (void)engine.run(&r);
  Outcome o;
  for (const char* c : kCountries) o.homicides[c] = r[c];
  o.kidnappings = r["kidnappings"];
  o.extortions = r["extortions"];
  o.dto_workers = r["dto_workers"];
  o.removals = r["removals"];
  return o;
}

const std::string kMilitary =
    "  - type: militarization\n    countries: [MEX]\n    start: 2011-01-01\n";
const std::string kUsLegal =
    "  - type: legalize_all\n    countries: [USA]\n    start: 2011-01-01\n";
const std::string kPrograms =
    "  - type: social_programs\n    countries: [MEX]\n    start: 2011-01-01\n";

class Violence : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    runs_ = new std::map<std::string, Outcome>;
    auto& r = *runs_;
    r["baseline"] = run("");
    r["kingpin"] =
        run("  - type: kingpin_strategy\n    countries: [MEX]\n    start: 2011-01-01\n"
            "    end: 2011-12-31\n    removals_per_year: 1\n");
    r["military"] = run(kMilitary);
    r["guard"] =
        run(kMilitary + "  - type: national_guard\n    countries: [MEX]\n    start: 2012-01-01\n");
    r["guns"] = run("  - type: gun_flow_reduction\n    countries: [MEX]\n    start: 2011-01-01\n");
    r["us_legal"] = run(kUsLegal);
    r["us_legal_programs"] = run(kUsLegal + kPrograms);
    r["programs"] = run(kPrograms);
  }
  static void TearDownTestSuite() { delete runs_; }
  static const Outcome& get(const std::string& name) { return runs_->at(name); }
  // Homicides per year in a country over [first, last].
  static double homicides(const std::string& run_name, const std::string& country, int first,
                          int last) {
    return get(run_name).homicides.at(country).sum_over_years(first, last) / (last - first + 1);
  }
  static double predation(const std::string& run_name, int first, int last) {
    const auto& o = get(run_name);
    return o.kidnappings.sum_over_years(first, last) + o.extortions.sum_over_years(first, last);
  }
  static std::map<std::string, Outcome>* runs_;
};

std::map<std::string, Outcome>* Violence::runs_ = nullptr;

TEST_F(Violence, BaselineHomicidesStayNearTheObservedRate) {
  const auto& world = test::shipped_world();
  for (const char* c : {"MEX", "GTM", "COL", "USA"}) {
    const auto n = test::node(c);
    const double observed = *world.figure(n, std::nullopt, "homicide_rate_per_100k") *
                            *world.figure(n, std::nullopt, "population") / 1e5;
    const double first_year = homicides("baseline", c, 2010, 2010);
    std::cout << c << " homicides/year: observed 2010 " << observed << ", model 2010 " << first_year
              << ", 2011-2014 mean " << homicides("baseline", c, 2011, 2014) << "\n";
    // The first year reproduces the calibration; later years may drift with the rents of the
    // trade, but not far, since nothing changes in the baseline. (With the coasts of 2026-12-07
    // Mexico's rents rise as traffickers learn to avoid the riskiest coasts of the isthmus:
    // 1.27 x 2010 in its highest year, against 1.2 before; a calibration error would be a
    // factor.)
    EXPECT_NEAR(first_year / observed, 1.0, 0.1) << c;
    for (int year = 2011; year <= 2014; ++year) {
      EXPECT_NEAR(homicides("baseline", c, year, year) / observed, 1.0, 0.35) << c << " " << year;
    }
  }
}

TEST_F(Violence, KingpinRemovalsRaiseHomicidesAndTheExcessDecays) {
  const auto& king = get("kingpin");
  EXPECT_GT(king.removals.sum_over_years(2011, 2011), 0.0) << "no leader was removed";
  EXPECT_EQ(king.removals.sum_over_years(2012, 2015), 0.0) << "removals after the policy ended";
  const double during =
      homicides("kingpin", "MEX", 2011, 2011) - homicides("baseline", "MEX", 2011, 2011);
  const double two_years_after =
      homicides("kingpin", "MEX", 2014, 2014) - homicides("baseline", "MEX", 2014, 2014);
  std::cout << "kingpin excess MEX homicides/year: 2011 " << during << ", 2014 " << two_years_after
            << "\n";
  EXPECT_GT(during, 0.0);
  EXPECT_GT(during, 5.0 * std::abs(two_years_after));
  // No Mexican organisation operates in Brazil or Peru: their violence is untouched.
  for (const char* c : {"BRA", "PER"}) {
    EXPECT_NEAR(homicides("kingpin", c, 2010, 2015), homicides("baseline", c, 2010, 2015),
                1e-9 * homicides("baseline", c, 2010, 2015))
        << c;
  }
}

TEST_F(Violence, MilitarizationRaisesHomicidesAndTheGuardLowersThem) {
  const double base = homicides("baseline", "MEX", 2011, 2015);
  const double military = homicides("military", "MEX", 2011, 2015);
  const double guard_late = homicides("guard", "MEX", 2013, 2015);
  const double military_late = homicides("military", "MEX", 2013, 2015);
  std::cout << "MEX homicides/year: baseline " << base << ", militarization " << military
            << "; 2013-2015 militarization " << military_late << ", then guard " << guard_late
            << "\n";
  EXPECT_GT(military, base);
  EXPECT_LT(guard_late, military_late);
}

TEST_F(Violence, GunFlowReductionLowersHomicidesGradually) {
  const double first =
      homicides("guns", "MEX", 2011, 2011) / homicides("baseline", "MEX", 2011, 2011);
  const double last =
      homicides("guns", "MEX", 2015, 2015) / homicides("baseline", "MEX", 2015, 2015);
  std::cout << "gun-flow reduction, MEX homicides relative to baseline: 2011 " << first << ", 2015 "
            << last << "\n";
  EXPECT_LT(first, 1.0);
  EXPECT_LT(last, first);
  // Firearms only scale lethality where the flow is cut: the trade, and so every other country,
  // is untouched.
  for (const char* c : {"GTM", "COL", "USA"}) {
    EXPECT_EQ(homicides("guns", c, 2010, 2015), homicides("baseline", c, 2010, 2015)) << c;
  }
  EXPECT_EQ(homicides("guns", "MEX", 2010, 2010), homicides("baseline", "MEX", 2010, 2010));
}

TEST_F(Violence, FallingRentsRaisePredationUnlessProgramsRaiseTheOutsideOption) {
  // Judged over the years the displaced pool swells; it drains within about a year.
  const double base = predation("baseline", 2011, 2013);
  const double legal = predation("us_legal", 2011, 2013);
  const double legal_programs = predation("us_legal_programs", 2011, 2013);
  std::cout << "MEX kidnappings + extortions 2011-2013: baseline " << base
            << ", US legalises all drugs " << legal << ", and Mexican programs " << legal_programs
            << "\n";
  EXPECT_GT(legal, base);
  EXPECT_LT(legal_programs, legal);
  // The rents at stake fall, so do plaza fights.
  EXPECT_LT(homicides("us_legal", "MEX", 2012, 2015), homicides("baseline", "MEX", 2012, 2015));
}

TEST_F(Violence, SocialProgramsLowerRecruitment) {
  const double base = get("baseline").dto_workers.mean_over_years(2012, 2015);
  const double programs = get("programs").dto_workers.mean_over_years(2012, 2015);
  std::cout << "MEX drug-trade workers 2012-2015: baseline " << base << ", programs " << programs
            << "\n";
  EXPECT_LT(programs, base);
}

}  // namespace
}  // namespace narcosim
