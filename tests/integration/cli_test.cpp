// The narcosim command line, run as a subprocess: exit codes (0 ok, 2 bad input), diagnostics
// as FILE:LINE:COL, the JSON schema, the plan, and the output directory of a short run.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <fstream>
#include <sstream>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "narcosim/model/policy.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

namespace fs = std::filesystem;

using Result = test::CliResult;
using test::expect_only_entries;

Result narcosim(const std::vector<std::string>& args, const test::TempDir& scratch) {
  return test::run_narcosim(args, scratch);
}

std::string baseline_yaml() {
  return test::source_dir() + "/scenarios/baseline.yaml";
}

TEST(Cli, ValidateReportsFileLineColumnAndExits2) {
  test::TempDir dir;
  const auto path = (dir.path() / "broken.yaml").string();
  // Line 4, column 8: the value of scale (out of range (0, 1]).
  test::write_file(path, "name: broken\nstart: 2010-01-01\nend: 2011-12-31\nscale: 5\n");
  const auto r = narcosim({"validate", path}, dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.err.find(path + ":4:8: "), std::string::npos) << r.err;
}

TEST(Cli, ValidateAcceptsTheBaseline) {
  test::TempDir dir;
  const auto r = narcosim({"validate", baseline_yaml()}, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ok"), std::string::npos) << r.out;
}

TEST(Cli, EveryShippedScenarioValidatesAndIsDocumented) {
  // The scenarios issue 3 names, and every other file in scenarios/, parse; each has a section
  // in docs/scenarios.md.
  test::TempDir dir;
  const auto docs = test::read_file(fs::path(test::source_dir()) / "docs" / "scenarios.md");
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(fs::path(test::source_dir()) / "scenarios")) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  for (const char* required :
       {"baseline", "guatemala-legal-transport", "central-america-legal-transport",
        "guatemala-sentence-review", "guatemala-medical-poppy-cannabis", "peru-alternative-crops",
        "uruguay-registry", "washington-commercial", "mexico-2018-amlo", "seizure-compensation",
        "mexico-2006-militarization", "portugal-style-decriminalization",
        "legalize-all-americas"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end()) << required;
  }
  for (const auto& name : names) {
    const auto path = test::source_dir() + "/scenarios/" + name + ".yaml";
    const auto r = narcosim({"validate", path}, dir);
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    EXPECT_NE(docs.find("\n## " + name + ".yaml\n"), std::string::npos)
        << name << " has no section in docs/scenarios.md";
  }
}

TEST(Cli, RunWithBadSetExits2AndWritesNothing) {
  test::TempDir dir;
  const auto out = dir.path() / "runs" / "bad";
  const auto r = narcosim({"run", baseline_yaml(), "--out", out.string(), "--scale", "0.001",
                           "--set", "end=2010-06-30", "--set", "demand.cocaine.price_elastcity=-1"},
                          dir);
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  // The second --set flag, the key at column 1.
  EXPECT_NE(r.err.find("--set:2:1: "), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  // Not even a temporary sibling is left behind.
  if (fs::exists(out.parent_path())) expect_only_entries(out.parent_path(), {});
}

TEST(Cli, SchemaIsJsonListingThePolicyTypes) {
  test::TempDir dir;
  const auto r = narcosim({"schema"}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json schema;
  ASSERT_NO_THROW(schema = nlohmann::json::parse(r.out)) << r.out.substr(0, 500);
  const auto& variants = schema.at("properties").at("policies").at("items").at("oneOf");
  ASSERT_TRUE(variants.is_array());
  std::vector<std::string> types;
  for (const auto& v : variants) types.push_back(v.at("properties").at("type").at("const"));
  // Every policy type is offered, and a choice field lists its options.
  EXPECT_EQ(types.size(), policy_types().size());
  for (const auto& v : variants) {
    if (v.at("properties").at("type").at("const") == "legal_market") {
      EXPECT_EQ(v.at("properties").at("regime").at("enum"),
                nlohmann::json::array({"registry", "commercial"}));
    }
    if (v.at("properties").at("type").at("const") == "amnesty") {
      EXPECT_FALSE(v.at("properties").contains("substances"));  // country-wide
    }
  }
  // Every parameter of the registry is in the schema.
  const auto& parameters = schema.at("properties").at("parameters").at("properties");
  EXPECT_EQ(parameters.size(), test::shipped_registry().specs().size());
  EXPECT_TRUE(parameters.contains("demand.cocaine.price_elasticity"));
}

TEST(Cli, ParameterDocsAreGeneratedFromTheDeclarations) {
  // docs/parameters.md is the output of `narcosim parameters`; regenerate it when a
  // declaration changes: build/release/narcosim parameters > docs/parameters.md
  test::TempDir dir;
  const auto r = narcosim({"parameters"}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, test::read_file(test::source_dir() + "/docs/parameters.md"))
      << "docs/parameters.md is out of date";
}

// Writes a copy of the baseline with another name and an optional policy block, over a short
// period so the comparison runs quickly.
std::string short_variant(const test::TempDir& dir, const std::string& name,
                          const std::string& policies, const std::string& end = "2011-12-31") {
  const auto path = dir.path() / (name + ".yaml");
  std::ofstream(path) << "name: " << name << "\nstart: 2010-01-01\nend: " << end
                      << "\nseed: 3\nscale: 0.002\n"
                      << policies;
  return path.string();
}

TEST(Cli, CompareOfAScenarioWithItselfFindsNoDifference) {
  // Common random numbers: the same scenario under the same seed is the same run, so every
  // paired difference is exactly zero.
  test::TempDir dir;
  const auto a = short_variant(dir, "same", "");
  const auto out = dir.path() / "cmp";
  const auto r = narcosim({"compare", a, a, "--out", out.string(), "--quiet"}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto csv = test::read_file(out / "differences.csv");
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line,
            "country,substance,metric,aggregation,a,b,difference,relative_difference,"
            "final_year_a,final_year_b,final_year_difference");
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    std::vector<std::string> cells;
    std::istringstream fields(line);
    std::string cell;
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    ASSERT_EQ(cells.size(), 11u) << line;
    EXPECT_EQ(std::stod(cells[6]), 0.0) << line;
    EXPECT_EQ(std::stod(cells[10]), 0.0) << line;
  }
  EXPECT_GT(rows, 100);
  EXPECT_TRUE(fs::exists(out / "same" / "timeseries.csv"));
  EXPECT_TRUE(fs::exists(out / "same-b" / "manifest.json"));
  EXPECT_TRUE(fs::exists(out / "headline.txt"));
}

TEST(Cli, CompareShowsAPolicyWhereItActs) {
  // Tripled interdiction in the eastern Pacific raises what is seized there, and the headline
  // table says how the Americas change.
  test::TempDir dir;
  const auto a = short_variant(dir, "base", "");
  const auto b = short_variant(dir, "pacific",
                               "policies:\n  - type: interdiction\n    countries: "
                               "[eastern_pacific]\n    start: 2010-01-01\n    multiplier: 3\n");
  const auto out = dir.path() / "cmp";
  const auto r = narcosim({"compare", a, b, "--out", out.string()}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("seized kg"), std::string::npos) << r.out;
  const auto csv = test::read_file(out / "differences.csv");
  const std::string prefix = "eastern_pacific,cocaine,seized_kg,total,";
  const auto at = csv.find(prefix);
  ASSERT_NE(at, std::string::npos);
  std::istringstream fields(
      csv.substr(at + prefix.size(), csv.find('\n', at) - at - prefix.size()));
  std::string cell;
  std::vector<double> values;
  while (std::getline(fields, cell, ',')) values.push_back(std::stod(cell));
  ASSERT_GE(values.size(), 3u);
  EXPECT_GT(values[1], values[0]) << "seized in the eastern Pacific: " << values[0] << " -> "
                                  << values[1];
}

TEST(Cli, CompareRefusesDifferentPeriods) {
  test::TempDir dir;
  const auto a = short_variant(dir, "short", "");
  const auto b = short_variant(dir, "longer", "", "2012-12-31");
  const auto out = dir.path() / "cmp";
  const auto r = narcosim({"compare", a, b, "--out", out.string()}, dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("same period"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Cli, PlanListsTheModules) {
  test::TempDir dir;
  const auto r = narcosim({"plan", baseline_yaml()}, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* module :
       {"policies", "production", "trafficking", "workforce", "markets", "demand"}) {
    EXPECT_NE(r.out.find(module), std::string::npos) << module << " missing from:\n" << r.out;
  }
  // What each module declares it touches (model/module.hpp).
  EXPECT_NE(r.out.find("writes levers"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("reports homicides, homicides_drug_related"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("draws from seizure (6), route_choice (7)"), std::string::npos) << r.out;
}

TEST(Cli, ShortRunWritesACompleteOutputDirectory) {
  test::TempDir dir;
  const auto out = dir.path() / "runs" / "short";
  const auto r = narcosim({"run", baseline_yaml(), "--out", out.string(), "--scale", "0.001",
                           "--threads", "1", "--quiet", "--set", "end=2010-06-30"},
                          dir);
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  ASSERT_TRUE(fs::is_directory(out));
  for (const char* file :
       {"timeseries.csv", "flows.csv", "summary.csv", "manifest.json", "scenario.yaml"}) {
    EXPECT_TRUE(fs::is_regular_file(out / file)) << file;
  }
  // Exactly the final directory next to nothing else: no .partial or .old leftovers.
  expect_only_entries(out.parent_path(), {"short"});

  const auto timeseries = test::read_file(out / "timeseries.csv");
  const auto first_line = timeseries.substr(0, timeseries.find('\n'));
  EXPECT_EQ(first_line, "scenario,replicate,date,country,substance,metric,value");
  EXPECT_GT(timeseries.size(), first_line.size() + 1);  // data rows follow

  const auto manifest = nlohmann::json::parse(test::read_file(out / "manifest.json"));
  for (const char* key :
       {"seed", "scale", "threads", "module_seconds", "peak_memory_mib", "git_commit"}) {
    EXPECT_TRUE(manifest.contains(key)) << key;
  }
  // The flags reached the manifest: scale from --scale, threads from --threads, seed from the
  // scenario file (baseline.yaml says seed: 1).
  EXPECT_EQ(manifest.at("scale").get<double>(), 0.001);
  EXPECT_EQ(manifest.at("threads").get<int>(), 1);
  EXPECT_EQ(manifest.at("seed").get<uint64_t>(), 1u);
  EXPECT_TRUE(manifest.at("module_seconds").is_object());
  EXPECT_TRUE(manifest.at("module_seconds").contains("demand"));
  // --quiet prints nothing on success.
  EXPECT_TRUE(r.out.empty()) << r.out;
  // The resolved scenario carries the --set and --scale flags and is itself valid input.
  const auto resolved = test::read_file(out / "scenario.yaml");
  EXPECT_NE(resolved.find("end: 2010-06-30"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("scale: 0.001"), std::string::npos) << resolved;
  const auto v = narcosim({"validate", (out / "scenario.yaml").string()}, dir);
  EXPECT_EQ(v.exit_code, 0) << v.err;
}

TEST(Cli, CalibrateRefusesToResumeWithoutACheckpointAndLeavesNothing) {
  const test::TempDir scratch;
  const auto out = (scratch.path() / "calibration").string();
  const auto r = narcosim({"calibrate", "--resume", "--no-install", "--out", out}, scratch);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--resume: no interrupted calibration"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".partial"));
}

TEST(Cli, CalibrateRejectsAnUnknownAlgorithmBeforeAnyRun) {
  const test::TempDir scratch;
  const auto out = (scratch.path() / "calibration").string();
  const auto r =
      narcosim({"calibrate", "--algorithm", "simplex", "--no-install", "--out", out}, scratch);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("unknown algorithm 'simplex'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".partial"));
}

TEST(Cli, CalibrateWritesACompleteDirectoryAndSplicesTheDocs) {
  const test::TempDir scratch;
  const auto out = (scratch.path() / "calibration").string();
  const auto docs = (scratch.path() / "validation.md").string();
  test::write_file(
      docs, "# V\n<!-- calibrate:begin -->\nOLD-GENERATED-SECTION\n<!-- calibrate:end -->\nkept\n");
  // The smallest calibration that exercises every output: two evaluations, one seed, a tiny
  // scale, 2010 fitted and 2011 out of sample.
  const auto r = narcosim({"calibrate", "--evaluations", "2", "--seeds", "1", "--report-seeds", "2",
                           "--scale", "0.002", "--fit-until", "2010", "--until", "2011",
                           "--no-install", "--quiet", "--out", out, "--docs", docs},
                          scratch);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* file : {"fitted.yaml", "fit.csv", "evaluations.csv", "report.md", "report.html",
                           "checkpoint.json"}) {
    EXPECT_TRUE(fs::exists(fs::path(out) / file)) << file;
  }
  EXPECT_FALSE(fs::exists(out + ".partial"));
  const auto spliced = test::read_file(docs);
  EXPECT_EQ(spliced.find("OLD-GENERATED-SECTION"), std::string::npos);
  EXPECT_NE(spliced.find("## Fit to 2010-2011"), std::string::npos);
  EXPECT_NE(spliced.find("kept"), std::string::npos);
  // The fitted values are a parameters file a scenario can read.
  const auto scenario = (scratch.path() / "fitted-baseline.yaml").string();
  test::write_file(scenario, "name: fitted\nstart: 2010-01-01\nend: 2010-12-31\nparameters_from: " +
                                 (fs::path(out) / "fitted.yaml").string() + "\n");
  const auto v = narcosim({"validate", scenario}, scratch);
  EXPECT_EQ(v.exit_code, 0) << v.err;
}

}  // namespace
}  // namespace narcosim
