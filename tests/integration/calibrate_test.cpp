// The calibration as a whole: it finds a parameter value it is given data for (a twin
// experiment), it resumes from a checkpoint along the same path, its results do not depend on
// how many runs go at once, and it refuses a checkpoint written for other settings.
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "narcosim/calibration/calibrator.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/calibration_runner.hpp"
#include "run_support.hpp"

namespace narcosim::calibration {
namespace {

constexpr const char* kSeizureCeiling = "trafficking.seizure_max_probability";

FreeParameter seizure_ceiling() {
  FreeParameter p;
  p.name = kSeizureCeiling;
  p.lower = 0.1;
  p.upper = 0.9;
  p.start = test::shipped_registry().find(kSeizureCeiling)->default_value;
  p.why = "test";
  return p;
}

CalibrationSettings short_settings(int evaluations, int threads) {
  CalibrationSettings s;
  s.first_year = 2010;
  s.fit_last_year = 2010;
  s.last_year = 2011;
  s.fit_seeds = {1};
  s.report_seeds = 2;
  s.scale = 0.002;
  s.max_evaluations = evaluations;
  s.threads = threads;
  return s;
}

Scenario short_baseline() {
  return test::short_scenario("2010-01-01", "2011-12-31", 0.002, 1);
}

// This process alone (the test is not started by an MPI launcher).
const ensemble::Cluster& single_process() {
  static int argc = 0;
  static char** argv = nullptr;
  static const ensemble::Cluster cluster(argc, argv);
  return cluster;
}

// A calibrator whose replicates run on the ensemble runner, `jobs` at once, as the CLI runs it.
struct OnRunner {
  OnRunner(Calibrator c, int jobs)
      : calibrator(std::move(c)), runner(calibrator, single_process(), settings(jobs)) {
    calibrator.set_executor(runner.executor());
  }
  static ensemble::RunnerSettings settings(int jobs) {
    ensemble::RunnerSettings s;
    s.jobs = jobs;
    return s;
  }
  Calibrator calibrator;
  ensemble::CalibrationRunner runner;
};

// The shipped seizure targets of the countries, with observed values replaced by the model's
// own values at `truth`: the calibration should find `truth` back.
TargetSet twin_targets(double truth) {
  auto shipped = load_targets(test::data_dir(), test::shipped_world());
  TargetSet set;
  for (const auto& t : shipped.targets) {
    if (t.indicator == "cocaine_salts_seizures_t" && t.year <= 2011) set.targets.push_back(t);
  }
  const Calibrator probe(test::shared_world(), short_baseline(), set, {seizure_ceiling()},
                         short_settings(1, 2));
  const auto values = probe.run_once({truth}, 1, 2011);
  TargetSet twin;
  for (size_t i = 0; i < set.targets.size(); ++i) {
    // Countries where the model seizes a few batches only carry more sampling noise than
    // signal at this scale: the twin uses the large seizures (5 t a year and more).
    if (!(values[i] >= 5.0)) continue;
    twin.targets.push_back(set.targets[i]);
    twin.targets.back().observed = values[i];
  }
  return twin;
}

TEST(Calibrate, FindsTheSeizureCeilingThatGeneratedItsTargets) {
  const double truth = 0.25;
  const auto targets = twin_targets(truth);
  ASSERT_GE(targets.targets.size(), 4u);
  OnRunner on_runner(Calibrator(test::shared_world(), short_baseline(), targets,
                                {seizure_ceiling()}, short_settings(14, 2)),
                     2);
  const auto result = on_runner.calibrator.run("", nullptr);
  const double start = seizure_ceiling().start;
  ASSERT_GT(std::abs(start - truth), 0.1);  // the search must have somewhere to go
  // Closer to the truth than the start, by a wide margin, and a lower loss than at the start.
  EXPECT_LT(std::abs(result.fitted[0] - truth), 0.25 * std::abs(start - truth))
      << "fitted " << result.fitted[0];
  EXPECT_LT(result.evaluations[result.best].fit.loss, result.evaluations.front().fit.loss);
  // The report's replicates cover every target year of the run, for prior and fit alike.
  ASSERT_EQ(result.posterior.runs.size(), 2u);
  for (const double v : result.posterior.runs[0]) EXPECT_FALSE(std::isnan(v));
}

class CalibrateCheckpoint : public ::testing::Test {
 protected:
  static TargetSet targets() {
    auto all = load_targets(test::data_dir(), test::shipped_world());
    TargetSet set;
    for (const auto i : all.in_years(2010, 2011)) set.targets.push_back(all.targets[i]);
    return set;
  }
  static Calibrator make(int evaluations, int threads) {
    return {test::shared_world(),
            short_baseline(),
            targets(),
            {seizure_ceiling()},
            short_settings(evaluations, threads)};
  }
  test::TempDir dir_;
};

TEST_F(CalibrateCheckpoint, ResumingReplaysTheSamePathAndThreadsDoNotMatter) {
  const auto full_path = (dir_.path() / "full.json").string();
  OnRunner two_jobs(make(4, 2), 2);
  auto full = two_jobs.calibrator.run(full_path, nullptr);
  ASSERT_EQ(full.evaluations.size(), 4u);

  // An interruption after two evaluations: the checkpoint holds two.
  std::ifstream in(full_path);
  auto json = nlohmann::json::parse(in);
  json["evaluations"].erase(2);
  json["evaluations"].erase(2);
  const auto cut_path = (dir_.path() / "cut.json").string();
  std::ofstream(cut_path) << json.dump();

  auto resumed = make(4, 1).run(cut_path, nullptr);  // one run at a time, in this thread
  EXPECT_EQ(resumed.resumed_evaluations, 2);
  ASSERT_EQ(resumed.evaluations.size(), full.evaluations.size());
  for (size_t e = 0; e < full.evaluations.size(); ++e) {
    EXPECT_EQ(resumed.evaluations[e].unit, full.evaluations[e].unit) << e;
    // Evaluations 3 and 4 were rerun in this thread instead of by two of the runner's workers:
    // identical losses.
    EXPECT_EQ(resumed.evaluations[e].fit.loss, full.evaluations[e].fit.loss) << e;
  }
  EXPECT_EQ(resumed.fitted, full.fitted);
  EXPECT_EQ(resumed.posterior.runs, full.posterior.runs);
}

TEST_F(CalibrateCheckpoint, RefusesACheckpointOfOtherSettings) {
  const auto path = (dir_.path() / "checkpoint.json").string();
  (void)make(2, 2).run(path, nullptr);
  auto settings = short_settings(2, 2);
  settings.scale = 0.003;
  Calibrator other(test::shared_world(), short_baseline(), targets(), {seizure_ceiling()},
                   settings);
  try {
    (void)other.run(path, nullptr);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("other settings"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace narcosim::calibration
