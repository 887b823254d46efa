// Ensembles run for real on a short history baseline (2010-2011, scale 0.001): outputs do not
// depend on the number of threads, the database holds every run with its seed, the yearly values
// agree with the summary of an ordinary run, an interrupted ensemble resumes without rerunning
// finished runs, and paired comparisons have the directions they must have.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/paired.hpp"
#include "narcosim/ensemble/results_db.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/output_writer.hpp"
#include "test_support.hpp"

namespace narcosim::ensemble {
namespace {

namespace fs = std::filesystem;

Scenario short_baseline(const std::string& name, const std::string& extra = "") {
  return test::scenario_from_yaml("name: " + name + "\nextends: " + test::source_dir() +
                                  "/scenarios/baseline.yaml\nstart: 2010-01-01\nend: "
                                  "2011-12-31\nscale: 0.001\nseed: 1\n" +
                                  extra);
}

RunPlan replicates_plan(uint32_t replicates, uint64_t seed = 1) {
  RunPlan plan;
  plan.scenarios.push_back(short_baseline("short"));
  plan.design = "replicates";
  plan.replicates = replicates;
  plan.base_seed = seed;
  lay_out_runs(plan);
  return plan;
}

EnsembleSettings settings_for(const fs::path& out, int jobs, bool resume = false) {
  EnsembleSettings s;
  s.out_dir = out.string();
  s.resume = resume;
  s.runner.jobs = jobs;
  s.command_line = "ensemble_run_test";
  return s;
}

// This process alone (the test is not started by an MPI launcher).
Cluster single_process() {
  int argc = 0;
  char** argv = nullptr;
  return Cluster(argc, argv);
}

class EnsembleRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new test::TempDir();
    const Cluster single = single_process();
    (void)run_ensemble(test::shared_world(), replicates_plan(4), single,
                       settings_for(dir("one-job"), 1));
    (void)run_ensemble(test::shared_world(), replicates_plan(4), single,
                       settings_for(dir("two-jobs"), 2));
  }
  static void TearDownTestSuite() {
    delete scratch_;
    scratch_ = nullptr;
  }
  static fs::path dir(const std::string& name) { return scratch_->path() / name; }
  static test::TempDir* scratch_;
};

test::TempDir* EnsembleRun::scratch_ = nullptr;

TEST_F(EnsembleRun, ThreadCountDoesNotChangeAnyOutput) {
  for (const char* file : {"quantiles.csv", "summary.txt"}) {
    EXPECT_EQ(test::read_file(dir("one-job") / file), test::read_file(dir("two-jobs") / file))
        << file;
  }
  EXPECT_FALSE(fs::exists(dir("one-job").string() + ".partial"));
}

TEST_F(EnsembleRun, DatabaseHoldsEveryRunWithItsSeedAndIsComplete) {
  SQLite::Database db((dir("two-jobs") / "results.sqlite").string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
  EXPECT_EQ(db.execAndGet("SELECT value FROM meta WHERE key = 'status'").getString(), "complete");
  SQLite::Statement runs(db, "SELECT run_id, seed, status, steps FROM runs ORDER BY run_id");
  int expected_id = 0;
  while (runs.executeStep()) {
    EXPECT_EQ(runs.getColumn(0).getInt(), expected_id);
    EXPECT_EQ(runs.getColumn(1).getInt64(), 1 + expected_id);  // seed = base + replicate
    EXPECT_EQ(runs.getColumn(2).getString(), "done");
    EXPECT_GT(runs.getColumn(3).getInt(), 100);  // two years of weekly steps
    ++expected_id;
  }
  EXPECT_EQ(expected_id, 4);
  // Every run reports the same series and years.
  SQLite::Statement rows(db,
                         "SELECT count(DISTINCT n) FROM (SELECT count(*) AS n FROM yearly "
                         "GROUP BY run_id)");
  ASSERT_TRUE(rows.executeStep());
  EXPECT_EQ(rows.getColumn(0).getInt(), 1);
  // The tidy view reads as a data frame would: one value per run, year, country and metric.
  const int years = db.execAndGet(
                          "SELECT count(DISTINCT year) FROM timeseries WHERE metric = "
                          "'homicides' AND country = 'MEX'")
                        .getInt();
  EXPECT_EQ(years, 2);
}

TEST_F(EnsembleRun, QuantilesAreOrderedAndCountEveryRun) {
  std::istringstream in(test::read_file(dir("one-job") / "quantiles.csv"));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "scenario,date,country,substance,metric,runs,mean,q05,q25,q50,q75,q95");
  size_t rows = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');) f.push_back(cell);
    ASSERT_EQ(f.size(), 12u) << line;
    EXPECT_EQ(f[5], "4") << line;
    for (size_t q = 7; q < 11; ++q) {
      ASSERT_LE(std::stod(f[q]), std::stod(f[q + 1])) << line;
    }
    ++rows;
  }
  EXPECT_GT(rows, 1000u);
}

TEST_F(EnsembleRun, YearlyValuesAgreeWithTheSummaryOfAnOrdinaryRun) {
  const auto& world = test::shipped_world();
  const auto plan = replicates_plan(1);
  const auto record = run_one(test::shared_world(), plan, plan.runs[0], {});
  const Scenario scenario = plan.scenario_for(plan.runs[0]);
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(1));
  io::SummaryCollector summary(world.nodes.size() + 1, world.substances.size() + 1);
  test::LambdaObserver observer([&](const ModelState& state, const MetricTable& metrics) {
    summary.add(metrics, year_of(state.calendar.date_of_step(state.step)));
  });
  (void)engine.run(&observer);
  const SeriesIndex index(world);
  const auto steps = steps_per_year(engine.state().calendar);
  std::map<uint32_t, std::pair<double, double>> run_level;  // value and weight
  for (const auto& v : record.values) {
    const bool level = info(index.cell(v.series).metric).aggregation == Aggregation::mean;
    const double w = level ? double(steps.at(size_t(v.year - 2010)).second) : 1.0;
    run_level[v.series].first += w * v.value;
    run_level[v.series].second += w;
  }
  size_t compared = 0;
  for (const auto& [series, sum_weight] : run_level) {
    const auto cell = index.cell(series);
    const bool level = info(cell.metric).aggregation == Aggregation::mean;
    const double ours = level ? sum_weight.first / sum_weight.second : sum_weight.first;
    const double theirs = summary.value(cell.metric, cell.row, cell.column);
    // Same numbers summed in another order: equal to rounding.
    ASSERT_NEAR(ours, theirs, 1e-9 * std::max(1.0, std::abs(theirs)))
        << info(cell.metric).name << " row " << cell.row << " column " << cell.column;
    ++compared;
  }
  EXPECT_GT(compared, 1000u);
}

TEST_F(EnsembleRun, AFilterKeepsOnlyTheChosenMetricsAndRows) {
  const auto& world = test::shipped_world();
  const auto plan = replicates_plan(1);
  const size_t all_row = world.nodes.size();
  const SeriesFilter keep{{Metric::homicides, Metric::prisoners}, {all_row, 0}};
  const auto record = run_one(test::shared_world(), plan, plan.runs[0], keep);
  const SeriesIndex index(world);
  std::set<std::pair<Metric, size_t>> seen;
  for (const auto& v : record.values) {
    const auto cell = index.cell(v.series);
    seen.insert({cell.metric, cell.row});
  }
  EXPECT_EQ(seen, (std::set<std::pair<Metric, size_t>>{{Metric::homicides, all_row},
                                                       {Metric::homicides, 0},
                                                       {Metric::prisoners, all_row},
                                                       {Metric::prisoners, 0}}));
}

TEST_F(EnsembleRun, ResumeRunsOnlyWhatAnInterruptedEnsembleLeft) {
  const auto& world = test::shipped_world();
  const auto plan = replicates_plan(4);
  const auto out = dir("resumed");
  const auto single = single_process();
  // An ensemble killed after runs 0 and 2 were stored: its work directory (claimed as an
  // ensemble claims it, and left for --resume) and database.
  {
    const io::OutputClaim claim(
        io::OutputRequest{out.string(), "ensemble", "--out", false, true, true, false});
    auto db = ResultsDatabase::create(
        claim.work_dir() + "/results.sqlite", plan, world,
        {{"fingerprint", ensemble_fingerprint(plan, world, settings_for(out, 2))}});
    const int session = db.start_session({"killed", 1, 1, "test"});
    for (const uint32_t id : {0u, 2u})
      db.store(run_one(test::shared_world(), plan, plan.runs[id], {}), session);
  }
  const auto outcome = run_ensemble(test::shared_world(), plan, single, settings_for(out, 2, true));
  EXPECT_EQ(outcome.runs_before, 2u);
  EXPECT_FALSE(fs::exists(out.string() + ".partial"));
  EXPECT_EQ(test::read_file(out / "quantiles.csv"),
            test::read_file(dir("one-job") / "quantiles.csv"));
  SQLite::Database db((out / "results.sqlite").string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT run_id, session FROM runs ORDER BY run_id");
  std::map<int, int> session_of;
  while (q.executeStep()) session_of[q.getColumn(0).getInt()] = q.getColumn(1).getInt();
  EXPECT_EQ(session_of, (std::map<int, int>{{0, 1}, {1, 2}, {2, 1}, {3, 2}}));
}

TEST_F(EnsembleRun, ResumeRefusesADatabaseOfAnotherPlanAndAMissingOne) {
  const auto& world = test::shipped_world();
  const auto out = dir("other-plan");
  const auto plan = replicates_plan(2);
  {
    const io::OutputClaim claim(
        io::OutputRequest{out.string(), "ensemble", "--out", false, true, true, false});
    (void)ResultsDatabase::create(
        out.string() + ".partial/results.sqlite", plan, world,
        {{"fingerprint", ensemble_fingerprint(plan, world, settings_for(out, 1))}});
  }
  const auto single = single_process();
  EXPECT_THROW((void)run_ensemble(test::shared_world(), replicates_plan(2, 9), single,
                                  settings_for(out, 1, true)),
               InputError);
  EXPECT_THROW((void)run_ensemble(test::shared_world(), plan, single,
                                  settings_for(dir("never-started"), 1, true)),
               InputError);
  // Keeping other series is another ensemble too: its database would mix two kinds of runs.
  auto fewer = settings_for(out, 1, true);
  fewer.runner.keep.metrics = {Metric::homicides};
  EXPECT_THROW((void)run_ensemble(test::shared_world(), plan, single, fewer), InputError);
  EXPECT_FALSE(fs::exists(dir("never-started")));
}

// The library's own use (the Python module, a server): no directory, results in memory, the
// same statistics as the files of the same plan.
TEST_F(EnsembleRun, WithoutADirectoryTheResultsStayInMemoryAndMatchTheFiles) {
  const auto plan = replicates_plan(4);
  auto settings = settings_for(fs::path(), 2);
  std::vector<EnsembleProgress> seen;
  settings.on_progress = [&](const EnsembleProgress& p) { seen.push_back(p); };
  const auto outcome = run_ensemble(test::shared_world(), plan, single_process(), settings);
  ASSERT_NE(outcome.results, nullptr);
  const auto& records = outcome.results->records();
  ASSERT_EQ(records.size(), 4U);
  for (uint32_t i = 0; i < 4; ++i) {
    EXPECT_EQ(records[i].run_id, i);
    EXPECT_FALSE(records[i].values.empty());
  }
  EXPECT_EQ(quantiles_csv(outcome.distributions, plan, test::shipped_world()),
            test::read_file(dir("one-job") / "quantiles.csv"));
  EXPECT_EQ(outcome.summary, test::read_file(dir("one-job") / "summary.txt"));
  // Told once before the runs and after each.
  ASSERT_EQ(seen.size(), 5U);
  for (size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].done, i);
    EXPECT_EQ(seen[i].total, 4U);
  }
  auto resume = settings_for(fs::path(), 1, true);
  EXPECT_THROW((void)run_ensemble(test::shared_world(), plan, single_process(), resume),
               InputError);
}

// Cancelled after its first stored run, an ensemble stops (the run in flight within a step),
// leaves <out>.partial, and --resume completes it to the same results as an uninterrupted one.
TEST_F(EnsembleRun, ACancelledEnsembleStopsAndResumesToTheSameResults) {
  const auto plan = replicates_plan(4);
  const auto out = dir("cancelled");
  auto settings = settings_for(out, 1);
  const auto cancel = std::make_shared<CancelToken>();
  settings.runner.cancel = cancel;
  size_t stored = 0;
  settings.on_progress = [&](const EnsembleProgress& p) {
    stored = p.done;
    if (p.done >= 1) cancel->cancel();
  };
  EXPECT_THROW((void)run_ensemble(test::shared_world(), plan, single_process(), settings),
               RunCancelled);
  // The run in flight when the token was set is not stored (nor any after it).
  EXPECT_GE(stored, 1U);
  EXPECT_LT(stored, 4U);
  EXPECT_FALSE(fs::exists(out));
  ASSERT_TRUE(fs::exists(out.string() + ".partial"));
  const auto outcome =
      run_ensemble(test::shared_world(), plan, single_process(), settings_for(out, 2, true));
  EXPECT_EQ(outcome.runs_before, stored);
  EXPECT_EQ(test::read_file(out / "quantiles.csv"),
            test::read_file(dir("one-job") / "quantiles.csv"));
}

// A paired plan of two scenarios, n pairs, jobs 2.
std::vector<PairedSeries> compare(const Scenario& a, const Scenario& b, uint32_t pairs,
                                  const fs::path& out) {
  RunPlan plan;
  plan.scenarios = {a, b};
  plan.design = "paired";
  plan.replicates = pairs;
  plan.base_seed = 1;
  lay_out_runs(plan);
  std::vector<PairedSeries> result;
  (void)run_ensemble(test::shared_world(), plan, single_process(), settings_for(out, 2),
                     [&](const std::string&, const RunValues& db, const EnsembleOutcome&) {
                       result = paired_series(db, plan, test::shipped_world());
                     });
  return result;
}

const PairedSeries& americas(const std::vector<PairedSeries>& pairs, Metric metric) {
  const auto& world = test::shipped_world();
  const SeriesIndex index(world);
  const uint32_t id = index.id(metric, world.nodes.size(), world.substances.size());
  for (const auto& p : pairs) {
    if (p.series == id) return p;
  }
  throw std::logic_error("no such series");
}

TEST_F(EnsembleRun, AScenarioComparedWithItselfDiffersByExactlyNothing) {
  // Common random numbers: the same scenario with the same seeds is the same run.
  const auto pairs = compare(short_baseline("a"), short_baseline("b"), 2, dir("self"));
  ASSERT_FALSE(pairs.empty());
  for (const auto& p : pairs) {
    for (size_t i = 0; i < p.a_run.size(); ++i) {
      if (std::isnan(p.a_run[i])) continue;
      ASSERT_EQ(p.a_run[i], p.b_run[i]) << "series " << p.series;
    }
  }
  const auto csv = ensemble::paired_differences_csv(pairs, test::shipped_world());
  EXPECT_EQ(csv.find(",1.0000,"), std::string::npos) << "no probability may be 1";
}

TEST_F(EnsembleRun, AHigherSeizureCeilingSeizesMoreInEveryPair) {
  // The ceiling of the seizure probability scales interdiction everywhere: more is seized.
  const auto pairs =
      compare(short_baseline("fitted"),
              short_baseline("tough", "parameters:\n  trafficking.seizure_max_probability: 0.9\n"),
              3, dir("tough"));
  const auto& seized = americas(pairs, Metric::seized_kg);
  ASSERT_EQ(seized.a_run.size(), 3u);
  for (size_t i = 0; i < 3; ++i) EXPECT_GT(seized.b_run[i], seized.a_run[i]) << "pair " << i;
}

}  // namespace
}  // namespace narcosim::ensemble
