// The scale (agents per real person) is a resolution, not a parameter: runs at --scale 0.01 and
// 0.001 must agree in expectation. Each scale is run with several seeds over 2010-2012; the
// means of US cocaine users and Colombian coca hectares at the end may differ only by sampling
// error: at most 4 combined standard errors, sqrt(se_a^2 + se_b^2), plus the rounding slack of
// the initial agents below.
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "run_support.hpp"

namespace narcosim {
namespace {

using test::SampleStats;
using test::shipped_world;

constexpr int kSeeds = 6;

struct EndValues {
  std::vector<double> us_users;  // light + heavy + in treatment, persons
  std::vector<double> col_hectares;
};

EndValues run_seeds(double scale) {
  EndValues out;
  for (int i = 0; i < kSeeds; ++i) {
    // Seeds differ between the two scales too, so the samples are independent.
    const uint64_t seed = 1000 + uint64_t(i) + (scale > 0.005 ? 100 : 0);
    const Scenario scenario = test::short_scenario("2010-01-01", "2012-12-31", scale, seed);
    Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(2));
    double users = 0.0;
    double hectares = 0.0;
    const auto usa = test::node("USA");
    const auto col = test::node("COL");
    const auto cocaine = test::substance("cocaine");
    test::LambdaObserver observer([&](const ModelState&, const MetricTable& m) {
      users = m.get(Metric::users_light, usa, cocaine) + m.get(Metric::users_heavy, usa, cocaine) +
              m.get(Metric::users_in_treatment, usa, cocaine);
      hectares = m.get(Metric::cultivation_ha, col, cocaine);
    });
    (void)engine.run(&observer);
    out.us_users.push_back(users);
    out.col_hectares.push_back(hectares);
  }
  return out;
}

// |mean_a - mean_b| <= 4 sqrt(se_a^2 + se_b^2) + slack. Under the null (same expectation) a
// difference of 4 standard errors has probability ~6e-5 for normal means; with 6 seeds the
// t distribution makes it a little likelier, still well under 1%.
void expect_same_expectation(const std::vector<double>& fine, const std::vector<double>& coarse,
                             double slack, const std::string& what) {
  const SampleStats a = test::sample_stats(fine);
  const SampleStats b = test::sample_stats(coarse);
  const double combined =
      std::sqrt(a.standard_error * a.standard_error + b.standard_error * b.standard_error);
  std::cout << what << ": scale 0.01 mean " << a.mean << " (se " << a.standard_error
            << "), scale 0.001 mean " << b.mean << " (se " << b.standard_error << ")\n";
  ASSERT_GT(a.mean, 0.0) << what;
  EXPECT_LE(std::abs(a.mean - b.mean), 4.0 * combined + slack)
      << what << ": difference " << a.mean - b.mean << ", 4 combined se " << 4.0 * combined
      << ", slack " << slack;
}

TEST(Scale, TenfoldScaleAgreesInExpectation) {
  const EndValues fine = run_seeds(0.01);
  const EndValues coarse = run_seeds(0.001);
  // Initial agents are a stochastic rounding of persons * scale per pool (light, heavy, in
  // treatment, recovered): unbiased, and off by less than one agent per pool, i.e. less than
  // 4 / 0.001 persons at the coarse scale. Seed-to-seed variation already contains this noise;
  // the slack only guards against the rounding being shared by seeds (same fractional part).
  expect_same_expectation(fine.us_users, coarse.us_users, 4.0 / 0.001, "US cocaine users");
  // Farmer agents are households with plots of production.cocaine.plot_ha hectares: one agent
  // at scale 0.001 stands for 1000 households, so rounding the initial households can shift
  // hectares by about 1000 * plot_ha; allow two such households per crop state.
  const double plot_ha = test::shipped_registry().find("production.cocaine.plot_ha")->default_value;
  expect_same_expectation(fine.col_hectares, coarse.col_hectares, 2.0 * plot_ha / 0.001,
                          "COL coca hectares");
}

}  // namespace
}  // namespace narcosim
