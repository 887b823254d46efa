// Eradication in Colombia at 3x the baseline budget from the first day against the baseline,
// same seed, 2010-2014. Eradication raises the risk Colombian households perceive and destroys
// their crops, so Colombian cultivation falls; the resulting scarcity raises the farm-gate
// price paid in the other producers, whose households switch to coca (the "balloon effect"), so
// cultivation in Peru and Bolivia rises. Both are judged as the mean over the last two years,
// after the one-year maturation lag of coca.
#include <gtest/gtest.h>

#include "run_support.hpp"

namespace narcosim {
namespace {

using test::SeriesRecorder;
using test::shipped_world;

struct Outcome {
  double colombia_ha = 0.0;
  double peru_bolivia_ha = 0.0;
};

Outcome run(const std::string& policies) {
  const Scenario scenario = test::short_scenario("2010-01-01", "2014-12-31", 0.004, 31, policies);
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(2));
  SeriesRecorder r;
  r.add("COL", test::metric_reader(Metric::cultivation_ha, "COL", "cocaine"));
  r.add("PER", test::metric_reader(Metric::cultivation_ha, "PER", "cocaine"));
  r.add("BOL", test::metric_reader(Metric::cultivation_ha, "BOL", "cocaine"));
  (void)engine.run(&r);
  return {r["COL"].mean_over_years(2013, 2014),
          r["PER"].mean_over_years(2013, 2014) + r["BOL"].mean_over_years(2013, 2014)};
}

TEST(Eradication, ColombianCultivationFallsAndMovesToPeruAndBolivia) {
  const Outcome baseline = run("");
  const Outcome policy =
      run("policies:\n"
          "  - type: eradication\n"
          "    countries: COL\n"
          "    start: 2010-01-01\n"
          "    multiplier: 3\n");
  ASSERT_GT(baseline.colombia_ha, 0.0);
  EXPECT_LT(policy.colombia_ha, baseline.colombia_ha)
      << "COL coca ha, mean 2013-2014: baseline " << baseline.colombia_ha << ", policy "
      << policy.colombia_ha;
  EXPECT_GT(policy.peru_bolivia_ha, baseline.peru_bolivia_ha)
      << "PER+BOL coca ha, mean 2013-2014: baseline " << baseline.peru_bolivia_ha << ", policy "
      << policy.peru_bolivia_ha;
}

}  // namespace
}  // namespace narcosim
