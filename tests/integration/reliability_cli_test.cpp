// The command line under careless and hostile use (docs/reliability.md): it never deletes or
// overwrites what it did not create, refuses unbounded or ambiguous input with exit code 2 and
// a clear message, and whatever moment it is killed at, or the disk fills, it leaves either
// the old output or the new one complete, never something that looks complete and is not.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cli_support.hpp"
#include "narcosim/io/csv.hpp"
#include "narcosim/io/output_dir.hpp"

namespace narcosim {
namespace {

namespace fs = std::filesystem;
using test::CliResult;
using test::shell_quote;

// About a quarter of a second of model time: short enough to run often, long enough to be
// killed half-way.
const std::string kTiny =
    "name: tiny\nstart: 2010-01-01\nend: 2010-06-30\nscale: 0.0005\nseed: 3\n";
// Several seconds: a writer that is still running when a second one starts.
const std::string kLong = "name: long\nstart: 2010-01-01\nend: 2014-12-31\nscale: 0.002\nseed: 3\n";

// narcosim run with `args` from the directory `cwd`, output captured in `scratch`.
CliResult run_in(const fs::path& cwd, const std::vector<std::string>& args, const fs::path& scratch,
                 const std::string& shell_prefix = "") {
  const auto out = scratch / "stdout.txt";
  const auto err = scratch / "stderr.txt";
  const std::string command = "cd " + shell_quote(cwd.string()) + " && " + shell_prefix +
                              test::narcosim_command(args) + " >" + shell_quote(out.string()) +
                              " 2>" + shell_quote(err.string());
  const int status = std::system(command.c_str());
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = test::read_file(out);
  r.err = test::read_file(err);
  return r;
}

CliResult narcosim(const std::vector<std::string>& args, const test::TempDir& scratch) {
  return test::run_narcosim(args, scratch);
}

fs::path scenario(const test::TempDir& dir, const std::string& yaml,
                  const std::string& file = "s.yaml") {
  test::write_file(dir.path() / file, yaml);
  return dir.path() / file;
}

// A narcosim started in the background (its own process group), to be killed or waited for.
struct Background {
  pid_t pid = -1;
  explicit Background(const std::string& command) {
    pid = ::fork();
    if (pid == 0) {
      ::setpgid(0, 0);
      ::execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  void kill_now() const { ::kill(pid, SIGKILL); }
  int wait() const {
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
};

std::string quiet_command(const std::vector<std::string>& args, const fs::path& scratch) {
  return test::narcosim_command(args) + " >" + shell_quote((scratch / "bg.out").string()) + " 2>&1";
}

bool wait_for(const std::function<bool()>& condition, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return condition();
}

// True once an ensemble's results database holds its plan: the transaction that creates the
// tables and stores the plan has committed (a reader sees all of it or nothing).
bool holds_committed_plan(const fs::path& database) {
  try {
    SQLite::Database db(database.string(), SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT count(*) FROM meta WHERE key = 'status'");
    return q.executeStep() && q.getColumn(0).getInt() == 1;
  } catch (const SQLite::Exception&) {
    return false;
  }
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// The user's directory that every command below must leave exactly as it was.
void make_users_directory(const fs::path& d) {
  fs::create_directories(d / "sub");
  test::write_file(d / "keep", "x");
}

void expect_users_directory_intact(const fs::path& d) {
  EXPECT_EQ(test::read_file(d / "keep"), "x");
  EXPECT_TRUE(fs::is_directory(d / "sub"));
  EXPECT_EQ(entries(d), (std::vector<std::string>{"keep", "sub"}));
}

TEST(Reliability, NoCommandReplacesADirectoryOfTheUsers) {
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny);
  const auto d = dir.path() / "d";
  make_users_directory(d);
  const std::vector<std::vector<std::string>> commands = {
      {"run", s.string()},
      {"compare", s.string(), s.string()},
      {"compare", s.string(), s.string(), "--runs", "1"},
      {"ensemble", s.string(), "--runs", "1"},
      {"sensitivity", s.string(), "--trajectories", "1", "--vary", "markets.scarcity_elasticity"},
      {"calibrate", "--no-install", "--evaluations", "1"},
  };
  for (auto args : commands) {
    for (const bool overwrite : {false, true}) {
      auto a = args;
      a.insert(a.end(), {"--out", d.string(), "--quiet"});
      if (overwrite) a.emplace_back("--overwrite");
      const auto r = narcosim(a, dir);
      EXPECT_EQ(r.exit_code, 2) << args[0] << "\n" << r.err;
      EXPECT_NE(r.err.find("narcosim replaces only a finished output of its own"),
                std::string::npos)
          << args[0] << "\n"
          << r.err;
      expect_users_directory_intact(d);
    }
  }
  // Nothing was left next to it either: no lock, no staging or work directory.
  EXPECT_EQ(entries(dir.path()),
            (std::vector<std::string>{"d", "s.yaml", "stderr.txt", "stdout.txt"}));
}

TEST(Reliability, AFileOrTheCurrentDirectoryIsNeverAnOutput) {
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny);
  test::write_file(dir.path() / "notes.txt", "mine");
  for (const std::string out : {"notes.txt", ".", "/"}) {
    for (const bool overwrite : {false, true}) {
      std::vector<std::string> args = {"run", s.string(), "--out", out, "--quiet"};
      if (overwrite) args.emplace_back("--overwrite");
      const auto r = run_in(dir.path(), args, dir.path());
      EXPECT_EQ(r.exit_code, 2) << out << "\n" << r.err;
      EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
    }
  }
  EXPECT_EQ(test::read_file(dir.path() / "notes.txt"), "mine");
  EXPECT_TRUE(fs::exists(s));
}

TEST(Reliability, AFinishedOutputIsReplacedOnlyWithOverwrite) {
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny);
  const auto out = (dir.path() / "out").string();
  ASSERT_EQ(narcosim({"run", s.string(), "--out", out, "--quiet"}, dir).exit_code, 0);
  const auto before = test::read_file(fs::path(out) / "timeseries.csv");
  const auto refused = narcosim({"run", s.string(), "--out", out, "--quiet", "--seed", "4"}, dir);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("pass --overwrite"), std::string::npos) << refused.err;
  EXPECT_EQ(test::read_file(fs::path(out) / "timeseries.csv"), before);
  const auto replaced =
      narcosim({"run", s.string(), "--out", out, "--quiet", "--seed", "4", "--overwrite"}, dir);
  EXPECT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_NE(test::read_file(fs::path(out) / "timeseries.csv"), before);
  EXPECT_EQ(io::why_not_replaceable(out), "");
  // The default place under runs/ is narcosim's own: a rerun replaces its earlier output.
  EXPECT_EQ(run_in(dir.path(), {"run", s.string(), "--quiet"}, dir.path()).exit_code, 0);
  EXPECT_EQ(run_in(dir.path(), {"run", s.string(), "--quiet"}, dir.path()).exit_code, 0);
  EXPECT_EQ(entries(dir.path() / "runs"), std::vector<std::string>{"tiny"});
}

TEST(Reliability, AScenarioNameBecomesAFileNameNeverAPath) {
  const test::TempDir dir;
  const auto cwd = dir.path() / "a" / "b";
  fs::create_directories(cwd);
  const auto s = scenario(dir,
                          "name: ../../victim\nstart: 2010-01-01\nend: 2010-03-31\n"
                          "scale: 0.0005\n");
  ASSERT_EQ(run_in(cwd, {"run", s.string(), "--quiet"}, dir.path()).exit_code, 0);
  EXPECT_TRUE(fs::exists(cwd / "runs" / "victim" / "manifest.json"));
  EXPECT_FALSE(fs::exists(dir.path() / "victim"));
  EXPECT_FALSE(fs::exists(dir.path() / "a" / "victim"));
  const auto dot =
      scenario(dir, "name: .\nstart: 2010-01-01\nend: 2010-03-31\nscale: 0.0005\n", "dot.yaml");
  ASSERT_EQ(run_in(cwd, {"run", dot.string(), "--quiet"}, dir.path()).exit_code, 0);
  EXPECT_TRUE(fs::exists(cwd / "runs" / "scenario" / "manifest.json"));
  EXPECT_EQ(entries(cwd / "runs"), (std::vector<std::string>{"scenario", "victim"}));
  const auto empty = scenario(dir, "name: \"\"\nstart: 2010-01-01\nend: 2010-03-31\n", "e.yaml");
  const auto r = run_in(cwd, {"run", empty.string(), "--quiet"}, dir.path());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("e.yaml:1:7: name: expected a non-empty name"), std::string::npos) << r.err;
}

TEST(Reliability, SeedsScalesAndRunCountsOutOfRangeAreRefusedAtOnce) {
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny).string();
  const std::vector<std::vector<std::string>> refused = {
      {"run", s, "--seed", "4294967296"},
      {"run", s, "--seed", "-1"},
      {"run", s, "--scale", "nan"},
      {"run", s, "--scale", "inf"},
      {"run", s, "--scale", "0"},
      {"ensemble", s, "--runs", "2", "--seed", "4294967295"},  // the second run's seed
      {"ensemble", s, "--runs", "100000000"},
      {"compare", s, s, "--runs", "100000000"},
      {"ensemble", s, "--runs", "1000", "--design", "grid", "--levels", "1000"},
      {"ensemble", s, "--runs", "1", "--metrics", ""},
      {"ensemble", s, "--runs", "1", "--countries", ""},
  };
  for (const auto& args : refused) {
    const auto started = std::chrono::steady_clock::now();
    const auto r = run_in(dir.path(), args, dir.path());
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::string line;
    for (const auto& a : args) line += a + " ";
    EXPECT_EQ(r.exit_code, 2) << line << "\n" << r.err;
    EXPECT_LT(seconds, 30.0) << line;
  }
  EXPECT_FALSE(fs::exists(dir.path() / "runs"));
}

TEST(Reliability, TheWrittenScenarioValidatesAndReproducesTheRun) {
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny);
  const auto first = dir.path() / "first";
  ASSERT_EQ(narcosim({"run", s.string(), "--out", first.string(), "--quiet", "--seed", "4294967295",
                      "--set", "demand.cocaine.price_elasticity=-0.9"},
                     dir)
                .exit_code,
            0);
  const auto written = first / "scenario.yaml";
  EXPECT_EQ(narcosim({"validate", written.string()}, dir).exit_code, 0);
  const auto again = dir.path() / "again";
  ASSERT_EQ(narcosim({"run", written.string(), "--out", again.string(), "--quiet"}, dir).exit_code,
            0);
  EXPECT_TRUE(test::read_file(first / "timeseries.csv") ==
              test::read_file(again / "timeseries.csv"));
}

TEST(Reliability, CsvFieldsAreQuotedSoANameWithCommasAndQuotesReadsBack) {
  const test::TempDir dir;
  const std::string name = "Guatemala, \"legal\" transport";
  const auto s = scenario(dir,
                          "name: 'Guatemala, \"legal\" transport'\nstart: 2010-01-01\n"
                          "end: 2010-03-31\nscale: 0.0005\n");
  const auto out = dir.path() / "out";
  ASSERT_EQ(narcosim({"run", s.string(), "--out", out.string(), "--quiet"}, dir).exit_code, 0);
  for (const char* file : {"timeseries.csv", "flows.csv", "summary.csv"}) {
    const auto table = io::read_csv((out / file).string());  // throws on a ragged row
    ASSERT_FALSE(table.rows.empty()) << file;
    EXPECT_EQ(table.rows.front().fields.at(table.column("scenario")).text, name) << file;
  }
}

TEST(Reliability, AFileNameThatIsNotUtf8StillGivesAValidJsonManifest) {
  // The file name goes into manifest.json; JSON must be UTF-8 (the run used to end with
  // "internal error: invalid UTF-8 byte" after all its work).
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny, "caf\xe9.yaml");  // Latin-1, not UTF-8
  const auto out = dir.path() / "out";
  const auto r = narcosim({"run", s.string(), "--out", out.string(), "--quiet"}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto manifest = nlohmann::json::parse(test::read_file(out / "manifest.json"));
  // The byte that is not UTF-8 is shown as U+FFFD.
  EXPECT_NE(manifest["scenario"]["file"].get<std::string>().find("caf\xef\xbf\xbd.yaml"),
            std::string::npos);
}

TEST(Reliability, UserCausedFailuresToWriteExitWith2) {
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny);
  // A name longer than the file system allows, and a path under a file.
  test::write_file(dir.path() / "plain", "x");
  for (const auto& out :
       {(dir.path() / std::string(300, 'n')).string(), (dir.path() / "plain" / "out").string()}) {
    const auto r = narcosim({"run", s.string(), "--out", out, "--quiet"}, dir);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  }
  // A read-only directory. Permissions do not stop root, so root runs narcosim as the user
  // nobody, from copies of the binary and the data that nobody can reach wherever the
  // checkout is.
  const auto locked = dir.path() / "locked";
  fs::create_directories(locked);
  const auto read_only = fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                         fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec;
  fs::permissions(locked, read_only);
  fs::permissions(dir.path(), read_only | fs::perms::owner_write);
  std::string command =
      test::narcosim_command({"run", s.string(), "--out", (locked / "out").string(), "--quiet"});
  if (::geteuid() == 0) {
    fs::copy_file(NARCOSIM_TEST_BINARY, dir.path() / "narcosim");
    fs::copy(test::data_dir(), dir.path() / "data", fs::copy_options::recursive);
    command = "setpriv --reuid=65534 --regid=65534 --clear-groups " +
              shell_quote((dir.path() / "narcosim").string()) + " --data-dir " +
              shell_quote((dir.path() / "data").string()) + " run " + shell_quote(s.string()) +
              " --out " + shell_quote((locked / "out").string()) + " --quiet";
  }
  const int status =
      std::system((command + " 2>" + shell_quote((dir.path() / "err.txt").string())).c_str());
  const auto err = test::read_file(dir.path() / "err.txt");
  EXPECT_EQ(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 2) << command << "\n" << err;
  EXPECT_NE(err.find("Permission denied"), std::string::npos) << err;
  EXPECT_TRUE(fs::is_empty(locked));
}

TEST(Reliability, ASecondWriterOfTheSameOutputFailsAtStart) {
  const test::TempDir dir;
  const auto s = scenario(dir, kLong);
  const auto out = dir.path() / "ens";
  const Background first(quiet_command(
      {"ensemble", s.string(), "--runs", "4", "--jobs", "1", "--out", out.string()}, dir.path()));
  ASSERT_TRUE(wait_for([&] { return fs::exists(dir.path() / "ens.partial"); }, 60));
  const auto started = std::chrono::steady_clock::now();
  const auto second = narcosim(
      {"ensemble", s.string(), "--runs", "4", "--out", out.string(), "--overwrite", "--quiet"},
      dir);
  EXPECT_EQ(second.exit_code, 2) << second.err;
  EXPECT_NE(second.err.find("another narcosim (pid " + std::to_string(first.pid) + ")"),
            std::string::npos)
      << second.err;
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
            10.0);
  EXPECT_EQ(first.wait(), 0) << test::read_file(dir.path() / "bg.out");
  EXPECT_EQ(io::why_not_replaceable(out.string()), "");
}

TEST(Reliability, AKilledEnsembleIsKeptForResumeAndNeverLooksComplete) {
  const test::TempDir dir;
  const auto s = scenario(dir, kLong);
  const auto out = dir.path() / "ens";
  const auto partial = dir.path() / "ens.partial";
  const Background first(quiet_command(
      {"ensemble", s.string(), "--runs", "6", "--jobs", "1", "--out", out.string()}, dir.path()));
  // Killed once the plan is stored: a kill while the database is being created leaves nothing
  // to resume (seen twice on 2026-12-07: the resume found no meta table; not reproduced).
  ASSERT_TRUE(wait_for([&] { return holds_committed_plan(partial / "results.sqlite"); }, 60));
  first.kill_now();
  first.wait();
  EXPECT_FALSE(fs::exists(out));
  // Starting again without --resume would discard the runs done: refused, nothing touched.
  const auto again = narcosim({"ensemble", s.string(), "--runs", "6", "--out", out.string()}, dir);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("--resume completes it"), std::string::npos) << again.err;
  ASSERT_TRUE(fs::exists(partial / "results.sqlite"));
  // A temporary file of a write that the kill interrupted does not end up in the result.
  test::write_file(partial / "quantiles.csv.tmp-99999", "half");
  const auto resumed = narcosim(
      {"ensemble", s.string(), "--runs", "6", "--out", out.string(), "--resume", "--quiet"}, dir);
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_FALSE(fs::exists(out / "quantiles.csv.tmp-99999"));
  EXPECT_FALSE(fs::exists(out / ".narcosim-work"));
  EXPECT_EQ(io::why_not_replaceable(out.string()), "");
  EXPECT_EQ(entries(dir.path()),
            (std::vector<std::string>{"bg.out", "ens", "s.yaml", "stderr.txt", "stdout.txt"}));
}

TEST(Reliability, KilledAtAnyMomentAReplacementLeavesTheOldOrTheNewOutputComplete) {
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny);
  const auto out = dir.path() / "out";
  ASSERT_EQ(narcosim({"run", s.string(), "--out", out.string(), "--quiet"}, dir).exit_code, 0);
  // From before the claim to after the swap: loading, running, writing, publishing.
  for (const int ms : {0, 5, 20, 50, 100, 150, 200, 300, 400, 600, 900}) {
    const Background replacement(quiet_command(
        {"run", s.string(), "--out", out.string(), "--overwrite", "--seed", std::to_string(ms)},
        dir.path()));
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    replacement.kill_now();
    replacement.wait();
    EXPECT_EQ(io::why_not_replaceable(out.string()), "") << "killed after " << ms << " ms";
    EXPECT_TRUE(fs::exists(out / "summary.csv")) << "killed after " << ms << " ms";
  }
  // The next run cleans what the killed ones left and replaces the output.
  const auto last =
      narcosim({"run", s.string(), "--out", out.string(), "--overwrite", "--quiet"}, dir);
  EXPECT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(entries(dir.path()),
            (std::vector<std::string>{"bg.out", "out", "s.yaml", "stderr.txt", "stdout.txt"}));
}

TEST(Reliability, AFullDiskLeavesNothingThatLooksComplete) {
  // A file size limit (RLIMIT_FSIZE, SIGXFSZ ignored) fails writes as a full disk does.
  const test::TempDir dir;
  const auto s = scenario(dir, kTiny);
  const auto out = dir.path() / "out";
  const auto r = run_in(dir.path(), {"run", s.string(), "--out", out.string(), "--quiet"},
                        dir.path(), "trap '' XFSZ; ulimit -f 64; ");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot write"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(entries(dir.path()), (std::vector<std::string>{"s.yaml", "stderr.txt", "stdout.txt"}));
}

TEST(Reliability, HostileScenarioFilesAreRefusedQuicklyWithoutReplayingThem) {
  const test::TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path() / "fifo.yaml").c_str(), 0600), 0);
  test::write_file(dir.path() / "shadow", "root:$6$secret-hash:19000:0:99999:7:::\n");
  for (int i = 0; i < 4400; ++i) {
    test::write_file(dir.path() / fmt::format("c{}.yaml", i),
                     fmt::format("name: c\nextends: c{}.yaml\n", i + 1));
  }
  for (const std::string base : {"/dev/zero", "fifo.yaml", "shadow", "c0.yaml"}) {
    const auto s = scenario(dir, "name: s\nextends: " + base + "\n", "hostile.yaml");
    const auto started = std::chrono::steady_clock::now();
    const auto r = run_in(dir.path(), {"validate", s.string()}, dir.path(), "timeout 60 ");
    EXPECT_EQ(r.exit_code, 2) << base << "\n" << r.err;  // not 124 (hung) nor a signal
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
              20.0)
        << base;
    EXPECT_EQ(r.err.find("secret"), std::string::npos) << r.err;
  }
}

TEST(Reliability, ThousandsOfMistakesPrintAPageAndAmbiguousYamlIsRefused) {
  const test::TempDir dir;
  std::string yaml = kTiny;
  for (int i = 0; i < 5000; ++i) yaml += fmt::format("key_{}: 1\n", i);
  const auto many = narcosim({"validate", scenario(dir, yaml).string()}, dir);
  EXPECT_EQ(many.exit_code, 2);
  EXPECT_EQ(std::count(many.err.begin(), many.err.end(), '\n'), 101);
  EXPECT_NE(many.err.find("... and 4900 more problems"), std::string::npos);
  for (const std::string extra : {"name: again\n", "---\nname: second\n"}) {
    const auto r = narcosim({"validate", scenario(dir, kTiny + extra, "amb.yaml").string()}, dir);
    EXPECT_EQ(r.exit_code, 2) << extra;
  }
}

}  // namespace
}  // namespace narcosim
