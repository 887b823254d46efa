// The pieces of the calibration: the log-error score and its weighting, the free-parameter
// search space, and the validation of the calibration data files.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "narcosim/calibration/fit.hpp"
#include "narcosim/calibration/free_parameters.hpp"
#include "narcosim/calibration/targets.hpp"
#include "narcosim/core/errors.hpp"
#include "test_support.hpp"

namespace narcosim::calibration {
namespace {

namespace fs = std::filesystem;

Target target(const std::string& indicator, double observed, double weight) {
  Target t;
  t.indicator = indicator;
  t.observed = observed;
  t.group_weight = weight;
  return t;
}

TEST(LogError, IsSymmetricInRatioAndBounded) {
  EXPECT_NEAR(log_error(200, 100), -log_error(50, 100), 1e-12);
  EXPECT_DOUBLE_EQ(log_error(100, 100), 0.0);
  // Missing or zero model values count as the worst bounded miss, never as a perfect fit.
  EXPECT_DOUBLE_EQ(log_error(0.0, 100), -std::log(kMaxFactorOff));
  EXPECT_DOUBLE_EQ(log_error(std::nan(""), 100), -std::log(kMaxFactorOff));
  EXPECT_DOUBLE_EQ(log_error(1e12, 1), std::log(kMaxFactorOff));
}

TEST(Score, EachIndicatorWeighsItsWeightWhateverItsRowCount) {
  TargetSet set;
  // Indicator a: one row, off by a factor e; indicator b: three perfect rows. Equal weights:
  // the loss is the mean of the two indicators' mean squared errors, (1 + 0) / 2.
  set.targets = {target("a", 1.0, 1.0), target("b", 1.0, 1.0), target("b", 1.0, 1.0),
                 target("b", 1.0, 1.0)};
  const std::vector<double> model{std::exp(1.0), 1.0, 1.0, 1.0};
  const auto s = score(set, {0, 1, 2, 3}, model);
  EXPECT_NEAR(s.loss, 0.5, 1e-12);
  EXPECT_EQ(s.count, 4u);
  EXPECT_DOUBLE_EQ(s.within_1_5, 0.75);  // e = 2.72 is outside 1.5 and outside 2
  EXPECT_DOUBLE_EQ(s.within_2, 0.75);
  // Tripling b's weight pulls the loss towards b's perfect fit.
  for (size_t i = 1; i < 4; ++i) set.targets[i].group_weight = 3.0;
  EXPECT_NEAR(score(set, {0, 1, 2, 3}, model).loss, 0.25, 1e-12);
}

TEST(Score, CountsFactorsAtTheirBoundaries) {
  TargetSet set;
  set.targets = {target("a", 100, 1), target("a", 100, 1), target("a", 100, 1)};
  const auto s = score(set, {0, 1, 2}, {149.0, 66.0, 199.0});
  EXPECT_NEAR(s.within_1_5, 1.0 / 3.0, 1e-12);  // 149 only: 100/66 = 1.515
  EXPECT_DOUBLE_EQ(s.within_2, 1.0);
}

TEST(FreeParameter, UnitCubeRoundTripsAndLogScaleCentresOnTheGeometricMean) {
  FreeParameter p;
  p.lower = 0.1;
  p.upper = 10.0;
  p.log_scale = true;
  EXPECT_NEAR(p.from_unit(0.5), 1.0, 1e-12);
  EXPECT_NEAR(p.from_unit(p.to_unit(3.7)), 3.7, 1e-12);
  p.log_scale = false;
  EXPECT_NEAR(p.from_unit(0.5), 5.05, 1e-12);
  // Outside the prior range clamps to it.
  EXPECT_DOUBLE_EQ(p.from_unit(1.7), 10.0);
  EXPECT_DOUBLE_EQ(p.to_unit(-4.0), 0.0);
}

TEST(FreeParameter, TheEndsOfTheUnitIntervalMapExactlyOntoTheRange) {
  // exp(log(0.0005) + 1 * (log(0.01) - log(0.0005))) is 0.010000000000000004 in doubles: a value
  // the parameter registry refuses. Every end maps exactly onto its bound, on either scale.
  for (const bool log_scale : {true, false}) {
    for (const auto& [lower, upper] : {std::pair{0.0005, 0.01}, std::pair{0.1, 10.0},
                                       std::pair{1e-4, 0.3}, std::pair{0.03, 0.7}}) {
      FreeParameter p;
      p.lower = lower;
      p.upper = upper;
      p.log_scale = log_scale;
      EXPECT_EQ(p.from_unit(1.0), upper) << lower << " " << upper << " log " << log_scale;
      EXPECT_EQ(p.from_unit(0.0), lower) << lower << " " << upper << " log " << log_scale;
      for (double u = 0.0; u <= 1.0; u += 1.0 / 3.0) {
        EXPECT_LE(p.from_unit(u), upper);
        EXPECT_GE(p.from_unit(u), lower);
      }
    }
  }
}

std::string problems_of(const std::string& csv) {
  test::TempDir dir;
  const auto path = (dir.path() / "free.csv").string();
  test::write_file(path, csv);
  try {
    (void)load_free_parameters(path, test::shipped_registry());
  } catch (const InputError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.to_string() + "\n";
    return all;
  }
  return "";
}

TEST(FreeParameters, RejectsBadRowsWithLineAndColumn) {
  const std::string header = "name,lower,upper,scale,why\n";
  EXPECT_NE(
      problems_of(header + "no.such.parameter,0,1,linear,x\n").find(":2:1: unknown parameter"),
      std::string::npos);
  // violence.rent_elasticity is registered in [0.3, 2].
  EXPECT_NE(problems_of(header + "violence.rent_elasticity,0.1,2,linear,x\n")
                .find("leaves the registered range"),
            std::string::npos);
  EXPECT_NE(problems_of(header + "violence.rent_elasticity,1,0.5,linear,x\n")
                .find("expected upper > lower"),
            std::string::npos);
  EXPECT_NE(problems_of(header + "violence.rent_elasticity,0.5,1,cubic,x\n")
                .find("expected linear or log"),
            std::string::npos);
  EXPECT_NE(problems_of(header + "violence.rent_elasticity,0.5,1,log,\n")
                .find("say why the parameter is free"),
            std::string::npos);
  EXPECT_NE(problems_of(header + "violence.rent_elasticity,0.5,1,log,x\n"
                                 "violence.rent_elasticity,0.5,1,log,x\n")
                .find(":3:1: 'violence.rent_elasticity' is listed twice"),
            std::string::npos);
  EXPECT_EQ(problems_of(header + "violence.rent_elasticity,0.5,1,log,x\n"), "");
}

TEST(FreeParameters, TheShippedListLoadsAndStartsAtTheRegisteredDefaults) {
  const auto free = load_free_parameters(test::data_dir() + "/calibration/free_parameters.csv",
                                         test::shipped_registry());
  ASSERT_FALSE(free.empty());
  for (const auto& p : free) {
    const auto* spec = test::shipped_registry().find(p.name);
    ASSERT_NE(spec, nullptr);
    EXPECT_GE(p.start, p.lower);
    EXPECT_LE(p.start, p.upper);
    if (spec->default_value >= p.lower && spec->default_value <= p.upper) {
      EXPECT_DOUBLE_EQ(p.start, spec->default_value) << p.name;
    }
  }
}

TEST(Targets, EveryShippedTargetIsFittedOrSkippedWithAReason) {
  const auto set = load_targets(test::data_dir(), test::shipped_world());
  EXPECT_GT(set.targets.size(), 300u);
  for (const auto& s : set.skipped) EXPECT_FALSE(s.reason.empty()) << s.indicator;
  for (const auto& t : set.targets) {
    EXPECT_GT(t.observed, 0.0);
    EXPECT_FALSE(t.metrics.empty()) << t.indicator;
    EXPECT_FALSE(t.source.empty()) << t.indicator << " " << t.country << " " << t.year;
  }
}

// A copy of the shipped calibration data with one file replaced.
class DataCopy {
 public:
  DataCopy() { fs::copy(test::data_dir(), dir_.path() / "data", fs::copy_options::recursive); }
  [[nodiscard]] std::string path() const { return (dir_.path() / "data").string(); }
  void append(const std::string& relative, const std::string& text) const {
    std::ofstream out(fs::path(path()) / relative, std::ios::app);
    out << text;
  }

 private:
  test::TempDir dir_;
};

std::string target_problems(const DataCopy& data) {
  try {
    (void)load_targets(data.path(), test::shipped_world());
  } catch (const InputError& e) {
    std::string all;
    for (const auto& d : e.diagnostics()) all += d.to_string() + "\n";
    return all;
  }
  return "";
}

TEST(Targets, AnUnmappedIndicatorIsAnErrorNamingTheRow) {
  const DataCopy data;
  data.append("targets.csv", "cocaine_purity_pct,USA,2012,60,%,some survey\n");
  const auto problems = target_problems(data);
  EXPECT_NE(problems.find("targets.csv:"), std::string::npos) << problems;
  EXPECT_NE(problems.find("'cocaine_purity_pct' is not in"), std::string::npos) << problems;
}

TEST(Targets, AStaleExclusionIsAnError) {
  const DataCopy data;
  data.append("calibration/excluded_targets.csv", "homicides_inegi,MEX,1999,not in the data\n");
  EXPECT_NE(target_problems(data).find("excluded target homicides_inegi MEX 1999"),
            std::string::npos);
}

TEST(Targets, AnUnknownMetricInTheMapIsAnError) {
  const DataCopy data;
  data.append("calibration/target_map.csv",
              "cocaine_purity_pct,purity_pct,cocaine,mean,1,1,fit,x\n");
  EXPECT_NE(target_problems(data).find("unknown metric 'purity_pct'"), std::string::npos);
}

}  // namespace
}  // namespace narcosim::calibration
