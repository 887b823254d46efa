// Elementary-effects analysis (Morris 1991) on functions of the unit cube whose effects are
// known in closed form, the Morris design it reads, and the sensitivity.csv it feeds.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "narcosim/ensemble/design.hpp"
#include "narcosim/ensemble/morris.hpp"
#include "narcosim/ensemble/sensitivity_report.hpp"

namespace narcosim::ensemble {
namespace {

std::vector<double> evaluate(const MorrisDesign& design,
                             const std::function<double(const UnitPoint&)>& f) {
  std::vector<double> y;
  y.reserve(design.points.size());
  for (const auto& x : design.points) y.push_back(f(x));
  return y;
}

TEST(MorrisDesign, EveryTrajectoryMovesEveryDimensionOnceByDelta) {
  const size_t k = 6;
  const size_t levels = 4;
  const auto design = morris_design(k, 12, levels, 42);
  ASSERT_EQ(design.points.size(), 12 * (k + 1));
  EXPECT_DOUBLE_EQ(design.delta, 4.0 / 6.0);  // p / (2 (p - 1))
  for (size_t t = 0; t < design.trajectories; ++t) {
    std::vector<int> moves(k, 0);
    for (size_t j = 1; j <= k; ++j) {
      const size_t i = t * (k + 1) + j;
      const auto& before = design.points[i - 1];
      const auto& after = design.points[i];
      for (size_t d = 0; d < k; ++d) {
        const double change = after[d] - before[d];
        if (d == design.moved[i]) {
          EXPECT_NEAR(std::abs(change), design.delta, 1e-12);
          EXPECT_NEAR(change, design.step[i], 1e-12);
          ++moves[d];
        } else {
          EXPECT_EQ(change, 0.0) << "trajectory " << t << " step " << j << " dimension " << d;
        }
      }
    }
    for (size_t d = 0; d < k; ++d) EXPECT_EQ(moves[d], 1) << "trajectory " << t;
  }
  // Every coordinate is a level of the grid {0, 1/(p-1), ..., 1}.
  for (const auto& x : design.points) {
    for (const double v : x) {
      const double level = v * double(levels - 1);
      EXPECT_NEAR(level, std::round(level), 1e-9);
      EXPECT_GE(v, -1e-12);
      EXPECT_LE(v, 1.0 + 1e-12);
    }
  }
}

TEST(MorrisDesign, ReproducibleFromItsSeed) {
  const auto a = morris_design(5, 4, 4, 7);
  const auto b = morris_design(5, 4, 4, 7);
  const auto c = morris_design(5, 4, 4, 8);
  EXPECT_EQ(a.points, b.points);
  EXPECT_EQ(a.moved, b.moved);
  EXPECT_NE(a.points, c.points);
}

TEST(Morris, LinearTermHasItsSlopeAndNoSpreadInertTermHasNoEffect) {
  // y = 3 x0 + 0 x1 + x2^2: every effect of x0 is exactly 3, every effect of x1 is 0.
  const auto design = morris_design(3, 20, 4, 1);
  const auto analysis = analyse_morris(
      design, evaluate(design, [](const UnitPoint& x) { return 3 * x[0] + x[2] * x[2]; }));
  const auto& m = analysis.measures;
  ASSERT_EQ(m.size(), 3u);
  EXPECT_NEAR(m[0].mu, 3.0, 1e-12);
  EXPECT_NEAR(m[0].mu_star, 3.0, 1e-12);
  EXPECT_NEAR(m[0].sigma, 0.0, 1e-12);
  EXPECT_EQ(m[1].mu, 0.0);
  EXPECT_EQ(m[1].mu_star, 0.0);
  EXPECT_EQ(m[1].sigma, 0.0);
  // x2^2 on the 4-level grid: ((x + s)^2 - x^2) / s = 2x + s is 2/3 (from 0 up, or from 2/3
  // down) or 4/3 (from 1/3 up, or from 1 down): positive, spread, between those bounds.
  EXPECT_GE(m[2].mu_star, 2.0 / 3.0 - 1e-12);
  EXPECT_LE(m[2].mu_star, 4.0 / 3.0 + 1e-12);
  EXPECT_NEAR(m[2].mu, m[2].mu_star, 1e-12);
  EXPECT_GT(m[2].sigma, 0.0);
  for (const auto& e : m) EXPECT_EQ(e.effects, 20u);
}

TEST(Morris, InteractionHasSpreadAndOppositeSignsCancelInMuOnly) {
  // y = x0 x1 + (x2 - 0.5): the effect of x0 is x1 (where it is taken), so it varies.
  // y = (x3 - 0.5)^2 has effects of both signs: |mu| < mu*.
  const auto design = morris_design(4, 30, 4, 5);
  const auto analysis =
      analyse_morris(design, evaluate(design, [](const UnitPoint& x) {
                       return x[0] * x[1] + (x[2] - 0.5) + (x[3] - 0.5) * (x[3] - 0.5);
                     }));
  const auto& m = analysis.measures;
  EXPECT_GT(m[0].sigma, 0.0);
  EXPECT_GT(m[1].sigma, 0.0);
  EXPECT_NEAR(m[2].sigma, 0.0, 1e-12);
  EXPECT_LT(std::abs(m[3].mu), m[3].mu_star);
}

TEST(Morris, RanksByMuStarLargestFirst) {
  // Slopes 0.1, 0, 5 and 2 on x0..x3, all linear: ranks x2, x3, x0, x1.
  const auto design = morris_design(4, 6, 4, 9);
  const auto analysis = analyse_morris(design, evaluate(design, [](const UnitPoint& x) {
                                         return 0.1 * x[0] + 5 * x[2] - 2 * x[3];
                                       }));
  const auto& m = analysis.measures;
  EXPECT_EQ(m[2].rank, 1u);
  EXPECT_EQ(m[3].rank, 2u);
  EXPECT_EQ(m[0].rank, 3u);
  EXPECT_EQ(m[1].rank, 4u);
  EXPECT_NEAR(m[3].mu, -2.0, 1e-12);  // mu keeps the sign, mu* does not
  EXPECT_NEAR(m[3].mu_star, 2.0, 1e-12);
}

TEST(Morris, ScaledMeasureIsTheRelativeChangeOfOneStep) {
  const auto design = morris_design(2, 8, 4, 3);
  const auto y = evaluate(design, [](const UnitPoint& x) { return 10 + 3 * x[0]; });
  double mean = 0.0;
  for (const auto& x : design.points) mean += 10 + 3 * x[0];
  mean /= double(design.points.size());
  const auto analysis = analyse_morris(design, y);
  EXPECT_NEAR(analysis.output_mean, mean, 1e-12);
  EXPECT_NEAR(analysis.measures[0].mu_star_scaled, 3 * design.delta / mean, 1e-12);
  EXPECT_EQ(analysis.measures[1].mu_star_scaled, 0.0);
}

TEST(Morris, PointsWithoutValueDropTheirEffects) {
  const auto design = morris_design(3, 4, 4, 11);
  auto y = evaluate(design, [](const UnitPoint& x) { return 2 * x[0] + x[1]; });
  // The second point of trajectory 0 ends its first step and starts its second.
  y[1] = std::nan("");
  const auto analysis = analyse_morris(design, y);
  size_t effects = 0;
  for (const auto& m : analysis.measures) effects += m.effects;
  EXPECT_EQ(effects, 4u * 3u - 2u);
  EXPECT_EQ(analysis.measures[design.moved[1]].effects, 3u);
  EXPECT_EQ(analysis.measures[design.moved[2]].effects, 3u);
  EXPECT_NEAR(analysis.measures[0].mu_star, 2.0, 1e-12);
}

TEST(Morris, RefusesOutputsOfAnotherLength) {
  const auto design = morris_design(3, 2, 4, 1);
  EXPECT_THROW(analyse_morris(design, std::vector<double>(3, 1.0)), std::invalid_argument);
}

TEST(SensitivityCsv, OneRowPerOutputAndFactorWithTheDummyAsFloor) {
  // y = 4 x0 + 0.5 x1 with the dummy x2 contributing 1: x0 is above the floor, x1 is not.
  const auto design = morris_design(3, 5, 4, 2);
  ScreeningReport report;
  report.scenario = "test";
  report.design = design;
  report.factors = {"a.big", "a.small", "seed"};
  for (const char* name : {"homicides", "prisoners"}) {
    report.outputs.push_back(
        {ScreenedOutput{name, {}}, analyse_morris(design, evaluate(design, [](const UnitPoint& x) {
                                                    return 4 * x[0] + 0.5 * x[1] + x[2];
                                                  }))});
  }
  std::istringstream csv(sensitivity_csv(report));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line,
            "output,parameter,mu,mu_star,sigma,mu_star_scaled,rank,above_noise_floor,"
            "trajectories");
  std::vector<std::string> rows;
  while (std::getline(csv, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 6u);
  // Rank order within each output: a.big (4), seed (1), a.small (0.5).
  EXPECT_EQ(rows[0].rfind("homicides,a.big,", 0), 0u) << rows[0];
  EXPECT_EQ(rows[0].substr(rows[0].size() - 6), ",1,1,5") << rows[0];
  EXPECT_EQ(rows[1].rfind("homicides,seed,", 0), 0u) << rows[1];
  EXPECT_EQ(rows[1].substr(rows[1].size() - 6), ",2,0,5") << rows[1];
  EXPECT_EQ(rows[2].rfind("homicides,a.small,", 0), 0u) << rows[2];
  EXPECT_EQ(rows[2].substr(rows[2].size() - 6), ",3,0,5") << rows[2];
  EXPECT_EQ(rows[3].rfind("prisoners,a.big,", 0), 0u) << rows[3];
}

}  // namespace
}  // namespace narcosim::ensemble
