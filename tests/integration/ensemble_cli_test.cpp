// `narcosim ensemble` and `compare --runs` as a user runs them: bad input exits 2 and leaves
// nothing behind; an ensemble killed with SIGKILL leaves a consistent database and --resume
// completes it without rerunning finished runs; under mpirun with two ranks the output equals
// a one-process run's.
#include <gtest/gtest.h>

#include <SQLiteCpp/SQLiteCpp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"
#include "test_support.hpp"

extern char** environ;

namespace narcosim {
namespace {

namespace fs = std::filesystem;

// A short history baseline: three years at scale 0.001, a fraction of a second per run.
std::vector<std::string> short_ensemble(const fs::path& out, const std::string& runs) {
  return {"ensemble", test::source_dir() + "/scenarios/baseline.yaml",
          "--runs",   runs,
          "--scale",  "0.001",
          "--set",    "end=2012-12-31",
          "--out",    out.string()};
}

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

TEST(EnsembleCli, BadInputExits2NamesTheProblemAndLeavesNothing) {
  test::TempDir dir;
  const auto out = dir.path() / "ens";
  struct Case {
    std::vector<std::string> extra;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"--metrics", "homicides,bogus"}, "--metrics:1:11: unknown metric 'bogus'"},
      {{"--countries", "MEX,XXX"}, "--countries:1:5: unknown country or corridor 'XXX'"},
      {{"--samples", "2"}, "--runs:1:1: --runs 3 is not a multiple of the 2 parameter samples"},
      {{"--samples", "3", "--vary", "demand.nonsense"}, "--vary:1:1: unknown parameter"},
      {{"--design", "cube"}, "unknown design 'cube'"},
      {{"--design", "grid"}, "a grid needs --levels"},
      {{"--resume"}, "--resume: no interrupted ensemble here"},
  };
  for (const auto& c : cases) {
    const auto r = test::run_narcosim(with(short_ensemble(out, "3"), c.extra), dir);
    EXPECT_EQ(r.exit_code, 2) << c.expected << "\n" << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out)) << c.expected;
  }
  const auto r =
      test::run_narcosim({"compare", test::source_dir() + "/scenarios/baseline.yaml",
                          test::source_dir() + "/scenarios/baseline.yaml", "--jobs", "2"},
                         dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--jobs and --resume need --runs N"), std::string::npos) << r.err;
}

// Starts narcosim in the background; returns its process id.
pid_t spawn_narcosim(const std::vector<std::string>& args, const fs::path& log) {
  const std::string command =
      "exec " + test::narcosim_command(args) + " >" + test::shell_quote(log.string()) + " 2>&1";
  std::vector<char*> argv = {const_cast<char*>("/bin/sh"), const_cast<char*>("-c"),
                             const_cast<char*>(command.c_str()), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv.data(), environ) != 0) return -1;
  return pid;
}

// Runs marked done in a results database, or -1 while it cannot be read yet.
int done_runs(const fs::path& db_path) {
  try {
    SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT count(*) FROM runs WHERE status = 'done'").getInt();
  } catch (const SQLite::Exception&) {
    return -1;
  }
}

TEST(EnsembleCli, KilledEnsembleResumesWithoutRerunningFinishedRuns) {
  test::TempDir dir;
  const auto out = dir.path() / "killed";
  const auto partial = fs::path(out.string() + ".partial");
  const auto args = with(short_ensemble(out, "8"), {"--jobs", "1"});
  const pid_t pid = spawn_narcosim(args, dir.path() / "killed.log");
  ASSERT_GT(pid, 0);
  // Kill it as soon as two runs are stored: the third is then in flight.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (done_runs(partial / "results.sqlite") < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the ensemble ended before it was killed";

  // Nothing looks complete; the database is consistent and holds the finished runs.
  EXPECT_FALSE(fs::exists(out));
  int finished = 0;
  {
    SQLite::Database db((partial / "results.sqlite").string(), SQLite::OPEN_READWRITE);
    EXPECT_EQ(db.execAndGet("PRAGMA integrity_check").getString(), "ok");
    finished = db.execAndGet("SELECT count(*) FROM runs WHERE status = 'done'").getInt();
    // Every done run has its values and no pending run has any.
    EXPECT_EQ(db.execAndGet("SELECT count(DISTINCT run_id) FROM yearly").getInt(), finished);
  }
  ASSERT_GE(finished, 2);
  ASSERT_LT(finished, 8);

  const auto resumed = test::run_narcosim(with(args, {"--resume"}), dir);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_FALSE(fs::exists(partial));
  SQLite::Database db((out / "results.sqlite").string(), SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM sessions").getInt(), 2);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM runs WHERE session = 1").getInt(), finished);
  EXPECT_EQ(db.execAndGet("SELECT count(*) FROM runs WHERE status = 'done'").getInt(), 8);

  // The same ensemble never interrupted gives the same quantiles.
  const auto whole = dir.path() / "whole";
  const auto r = test::run_narcosim(with(short_ensemble(whole, "8"), {"--jobs", "2"}), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(test::read_file(out / "quantiles.csv"), test::read_file(whole / "quantiles.csv"));
}

#ifdef NARCOSIM_TEST_MPIEXEC
// Every table of a results database that depends on the model, as text.
std::string model_tables(const fs::path& db_path) {
  SQLite::Database db(db_path.string(), SQLite::OPEN_READONLY);
  std::string text;
  for (const char* query :
       {"SELECT run_id, scenario_id, sample_id, replicate, seed, status, steps FROM runs "
        "ORDER BY run_id",
        "SELECT sample_id, parameter_id, value FROM samples ORDER BY sample_id, parameter_id",
        "SELECT run_id, series_id, year, value FROM yearly ORDER BY run_id, series_id, year"}) {
    SQLite::Statement q(db, query);
    while (q.executeStep()) {
      for (int c = 0; c < q.getColumnCount(); ++c) text += q.getColumn(c).getString() + ",";
      text += "\n";
    }
  }
  return text;
}

TEST(EnsembleCli, TwoMpiRanksGiveTheOutputOfOneProcess) {
  test::TempDir dir;
  std::vector<std::string> mpirun = {"env", "OMPI_ALLOW_RUN_AS_ROOT=1",
                                     "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1",
                                     "OMPI_MCA_rmaps_base_oversubscribe=1"};
  // Under AddressSanitizer (the sanitize preset) the ranks do not look for leaks: Open MPI keeps
  // allocations until exit in components it has unloaded, whose frames have no names to
  // suppress, and the slow unwinder that would name them made this test 3 times slower. The
  // same code runs with leak checks in the single-process ensembles.
  if (const char* asan = std::getenv("ASAN_OPTIONS")) {
    mpirun.push_back(std::string("ASAN_OPTIONS=") + asan + ":detect_leaks=0");
  }
  mpirun.insert(mpirun.end(), {NARCOSIM_TEST_MPIEXEC, "-n", "2"});
  // Two Latin-hypercube samples of two parameters x two replicates.
  const std::vector<std::string> design = {"--samples", "2",
                                           "--vary",    "trafficking.seizure_max_probability",
                                           "--vary",    "demand.contagion_share",
                                           "--jobs",    "1"};
  const auto ranks = dir.path() / "two-ranks";
  const auto one = dir.path() / "one-process";
  const auto r2 = test::run_narcosim(with(short_ensemble(ranks, "4"), design), dir, mpirun);
  ASSERT_EQ(r2.exit_code, 0) << r2.out << r2.err;
  const auto r1 = test::run_narcosim(with(short_ensemble(one, "4"), design), dir);
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  EXPECT_NE(test::read_file(ranks / "manifest.json").find("\"ranks\": 2"), std::string::npos);
  EXPECT_EQ(test::read_file(ranks / "quantiles.csv"), test::read_file(one / "quantiles.csv"));
  EXPECT_EQ(model_tables(ranks / "results.sqlite"), model_tables(one / "results.sqlite"));

  // compare --runs spreads its pairs the same way.
  const std::vector<std::string> pair = {"compare",
                                         test::source_dir() + "/scenarios/baseline.yaml",
                                         test::source_dir() + "/scenarios/mexico-2018-amlo.yaml",
                                         "--runs",
                                         "2",
                                         "--scale",
                                         "0.001",
                                         "--set",
                                         "end=2012-12-31",
                                         "--jobs",
                                         "1"};
  const auto c2 =
      test::run_narcosim(with(pair, {"--out", (dir.path() / "c2").string()}), dir, mpirun);
  ASSERT_EQ(c2.exit_code, 0) << c2.err;
  const auto c1 = test::run_narcosim(with(pair, {"--out", (dir.path() / "c1").string()}), dir);
  ASSERT_EQ(c1.exit_code, 0) << c1.err;
  EXPECT_EQ(test::read_file(dir.path() / "c2/paired_differences.csv"),
            test::read_file(dir.path() / "c1/paired_differences.csv"));

  // A calibration spreads every evaluation's replicates over the ranks (issue 12): the same
  // search and the same fit as one process.
  const std::vector<std::string> calibrate = {
      "calibrate", "--evaluations", "2",       "--seeds",     "2",    "--report-seeds",
      "2",         "--scale",       "0.002",   "--fit-until", "2010", "--until",
      "2011",      "--no-install",  "--quiet", "--threads",   "1"};
  const auto k2 =
      test::run_narcosim(with(calibrate, {"--out", (dir.path() / "k2").string()}), dir, mpirun);
  ASSERT_EQ(k2.exit_code, 0) << k2.err;
  const auto k1 = test::run_narcosim(with(calibrate, {"--out", (dir.path() / "k1").string()}), dir);
  ASSERT_EQ(k1.exit_code, 0) << k1.err;
  EXPECT_EQ(test::read_file(dir.path() / "k2/fit.csv"), test::read_file(dir.path() / "k1/fit.csv"));
  // Every column but the fifth, the seconds an evaluation took, which differ by design.
  const auto losses = [](const std::string& csv) {
    std::string out;
    std::istringstream in(csv);
    for (std::string line; std::getline(in, line);) {
      std::istringstream cells(line);
      int column = 0;
      for (std::string cell; std::getline(cells, cell, ',');) {
        if (++column != 5) out += cell + ",";
      }
      out += "\n";
    }
    return out;
  };
  EXPECT_EQ(losses(test::read_file(dir.path() / "k2/evaluations.csv")),
            losses(test::read_file(dir.path() / "k1/evaluations.csv")));
  EXPECT_FALSE(test::read_file(dir.path() / "k1/fit.csv").empty());

  // Only the ensemble commands spread over ranks.
  const auto run = test::run_narcosim({"run", test::source_dir() + "/scenarios/baseline.yaml",
                                       "--out", (dir.path() / "r").string()},
                                      dir, mpirun);
  EXPECT_NE(run.exit_code, 0);
  EXPECT_NE(run.err.find("only `narcosim ensemble`, `compare --runs N`"), std::string::npos)
      << run.err;
  EXPECT_FALSE(fs::exists(dir.path() / "r"));
}
#endif

}  // namespace
}  // namespace narcosim
