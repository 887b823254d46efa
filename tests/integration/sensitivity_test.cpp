// `narcosim sensitivity`, run as a subprocess on a tiny real study: the files it writes, the
// dummy seed factor, parameters the screened outputs never depend on, and its input errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

namespace fs = std::filesystem;

using Result = test::CliResult;

Result narcosim(const std::vector<std::string>& args, const fs::path& scratch) {
  return test::run_narcosim(args, scratch);
}

// Two years of the Americas with no policy at all: no legal channel exists anywhere and no
// troops are deployed.
std::string write_scenario(const fs::path& dir) {
  auto path = (dir / "plain.yaml").string();
  test::write_file(path,
                   "name: plain\nstart: 2010-01-01\nend: 2011-12-31\nseed: 5\nscale: 0.001\n");
  return path;
}

struct Row {
  double mu = 0.0;
  double mu_star = 0.0;
  int rank = 0;
  bool above = false;
  int trajectories = 0;
};

// sensitivity.csv keyed by (output, parameter); the fields have no commas.
std::map<std::pair<std::string, std::string>, Row> read_csv(const fs::path& path,
                                                            std::string& header) {
  std::istringstream in(test::read_file(path));
  std::getline(in, header);
  std::map<std::pair<std::string, std::string>, Row> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream fields(line);
    std::string field;
    while (std::getline(fields, field, ',')) f.push_back(field);
    EXPECT_EQ(f.size(), 9u) << line;
    if (f.size() != 9) continue;
    const bool fresh =
        rows.emplace(std::make_pair(f[0], f[1]), Row{std::stod(f[2]), std::stod(f[3]),
                                                     std::stoi(f[6]), f[7] == "1", std::stoi(f[8])})
            .second;
    EXPECT_TRUE(fresh) << "duplicate row " << line;
  }
  return rows;
}

const std::vector<std::string> kVaried = {"demand.cocaine.overdose_per_heavy_per_year",
                                          "money.troop_cost_usd_per_year",
                                          "legal.preference_for_legal"};

class SensitivityStudy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir();
    const auto scenario = write_scenario(dir_->path());
    std::vector<std::string> args = {
        "sensitivity", scenario, "--trajectories", "3",
        "--jobs",      "2",      "--out",          (dir_->path() / "screen").string()};
    for (const auto& p : kVaried) {
      args.emplace_back("--vary");
      args.push_back(p);
    }
    result_ = new Result(narcosim(args, dir_->path()));
  }
  static void TearDownTestSuite() {
    delete result_;
    delete dir_;
  }
  static test::TempDir* dir_;
  static Result* result_;
};

test::TempDir* SensitivityStudy::dir_ = nullptr;
Result* SensitivityStudy::result_ = nullptr;

TEST_F(SensitivityStudy, WritesOneRowPerOutputAndFactorIncludingTheSeed) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  const auto screen = dir_->path() / "screen";
  EXPECT_TRUE(fs::exists(screen / "sensitivity.md"));
  EXPECT_TRUE(fs::exists(screen / "results.sqlite"));
  EXPECT_FALSE(fs::exists(dir_->path() / "screen.partial"));
  std::string header;
  const auto rows = read_csv(screen / "sensitivity.csv", header);
  EXPECT_EQ(header,
            "output,parameter,mu,mu_star,sigma,mu_star_scaled,rank,above_noise_floor,"
            "trajectories");
  std::set<std::string> outputs;
  for (const auto& [key, row] : rows) outputs.insert(key.first);
  // The default outputs, users summed over light and heavy use.
  EXPECT_EQ(outputs.size(), 11u);
  EXPECT_TRUE(outputs.count("users_light+users_heavy"));
  EXPECT_EQ(rows.size(), outputs.size() * (kVaried.size() + 1));
  for (const auto& output : outputs) {
    for (const auto& p : kVaried) EXPECT_TRUE(rows.count({output, p})) << output << " " << p;
    ASSERT_TRUE(rows.count({output, "seed"})) << output;
    EXPECT_FALSE(rows.at({output, "seed"}).above);  // the floor is not above itself
  }
  for (const auto& [key, row] : rows) EXPECT_EQ(row.trajectories, 3) << key.first;
  EXPECT_NE(result_->out.find("overdose_deaths"), std::string::npos) << result_->out;
  // By default only the Americas are kept: every quantile row is country ALL.
  std::istringstream quantiles(test::read_file(screen / "quantiles.csv"));
  std::string line;
  std::getline(quantiles, line);
  size_t count = 0;
  while (std::getline(quantiles, line)) {
    ASSERT_NE(line.find(",ALL,"), std::string::npos) << line;
    ++count;
  }
  EXPECT_GT(count, 0u);
}

TEST_F(SensitivityStudy, ParametersTheOutputsNeverReadHaveExactlyZeroEffect) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  std::string header;
  const auto rows = read_csv(dir_->path() / "screen" / "sensitivity.csv", header);
  for (const auto& [key, row] : rows) {
    // legal.preference_for_legal is read only when a buyer has a legal channel, and this
    // scenario has none. money.troop_cost_usd_per_year only prices troops into public
    // spending, which no module reads back (government balances are no budget constraint).
    // Common random numbers make both runs of such a step identical, so effects are exactly 0.
    if (key.second == "legal.preference_for_legal" ||
        key.second == "money.troop_cost_usd_per_year") {
      EXPECT_EQ(row.mu_star, 0.0) << key.first << " " << key.second;
      EXPECT_FALSE(row.above);
    }
  }
}

TEST_F(SensitivityStudy, SeedMovesOutputsAndOverdoseRateDrivesDeaths) {
  ASSERT_EQ(result_->exit_code, 0) << result_->err;
  std::string header;
  const auto rows = read_csv(dir_->path() / "screen" / "sensitivity.csv", header);
  // Different seeds give different homicides in a stochastic model: the floor is not zero.
  EXPECT_GT(rows.at({"homicides", "seed"}).mu_star, 0.0);
  // Deaths are heavy users times the overdose rate; a step of 2/3 of its log range multiplies
  // the rate by about 3.3, far more than seed noise moves the deaths.
  const auto& rate = rows.at({"overdose_deaths", "demand.cocaine.overdose_per_heavy_per_year"});
  EXPECT_GT(rate.mu, 0.0);
  EXPECT_EQ(rate.rank, 1);
  EXPECT_TRUE(rate.above);
}

TEST(SensitivityErrors, BadFlagsExit2NamingTheFlag) {
  test::TempDir dir;
  const auto scenario = write_scenario(dir.path());
  const auto out = (dir.path() / "never").string();
  struct Case {
    std::vector<std::string> extra;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {{"--levels", "5"}, "--levels:1:1: "},
      {{"--vary", "demand.nothing_like_this"}, "--vary:1:1: unknown parameter"},
      {{"--outputs", "homicides,bogus"}, "--outputs:1:11: unknown metric 'bogus'"},
      {{"--year", "2030"}, "--year:1:1: "},
      {{"--vary", "legal.preference_for_legal", "--vary-file", "x.csv"}, "--vary-file:1:1: "},
  };
  for (const auto& c : cases) {
    std::vector<std::string> args = {"sensitivity", scenario, "--trajectories", "2", "--out", out};
    args.insert(args.end(), c.extra.begin(), c.extra.end());
    const auto r = narcosim(args, dir.path());
    EXPECT_EQ(r.exit_code, 2) << c.expected << "\n" << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
  }
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".partial"));
}

}  // namespace
}  // namespace narcosim
