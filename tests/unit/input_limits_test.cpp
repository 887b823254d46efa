// Bounded, unambiguous input (io/limits.hpp): what a scenario file may not be or hold, each
// refused with an InputError at FILE:LINE:COL instead of a crash, a hang, a silent choice or
// gigabytes of memory; and the same bounds on --set values.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <string>
#include <vector>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/csv.hpp"
#include "narcosim/io/limits.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/text.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

namespace fs = std::filesystem;
using test::shipped_registry;
using test::shipped_world;

const std::string kHeader =
    "name: s\n"            // 1
    "start: 2010-01-01\n"  // 2
    "end: 2011-12-31\n";   // 3

std::vector<Diagnostic> problems_of_text(const std::string& yaml) {
  try {
    (void)io::parse_scenario_text(yaml, "s.yaml", shipped_world(), shipped_registry());
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

std::vector<Diagnostic> problems_of_file(const fs::path& path) {
  try {
    (void)io::parse_scenario_file(path.string(), shipped_world(), shipped_registry());
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

std::string joined(const std::vector<Diagnostic>& problems) {
  std::string all;
  for (const auto& d : problems) all += d.to_string() + "\n";
  return all;
}

// One problem at LINE:COL whose message holds `fragment`.
void expect_problem(const std::vector<Diagnostic>& problems, int line, int column,
                    const std::string& fragment) {
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_EQ(problems[0].where.line, line) << joined(problems);
  EXPECT_EQ(problems[0].where.column, column) << joined(problems);
  EXPECT_NE(problems[0].message.find(fragment), std::string::npos) << joined(problems);
}

TEST(ScenarioLimits, ADuplicateKeyIsAnErrorAtItsSecondOccurrence) {
  // yaml-cpp keeps both; lookups saw the first at the top level and the last in parameters.
  expect_problem(problems_of_text(kHeader + "name: other\n"), 4, 1, "duplicate key 'name'");
  expect_problem(problems_of_text(kHeader + "parameters:\n"
                                            "  demand.cocaine.price_elasticity: -0.5\n"
                                            "  demand.cocaine.price_elasticity: -0.9\n"),
                 6, 3, "first at line 5");
  expect_problem(problems_of_text(kHeader + "policies:\n"
                                            "  - type: treatment\n"
                                            "    countries: [USA]\n"
                                            "    start: 2010-06-01\n"
                                            "    start: 2011-01-01\n"),
                 8, 5, "duplicate key 'start'");
}

TEST(ScenarioLimits, ASecondYamlDocumentIsAnError) {
  expect_problem(problems_of_text(kHeader + "---\nname: ignored\n"), 4, 1, "second YAML document");
}

TEST(ScenarioLimits, TextsThatMadeTheYamlLibraryLoopAreRefusedAtOnce) {
  // yaml-cpp 0.7's LoadAll loops for ever, allocating, on a text that starts with a comma
  // (found by fuzz/scenario_fuzz: 11 GB in a minute; fuzz/regressions/scenario/).
  for (const std::string& text :
       {std::string(",\n"), std::string(",,,,name: b\n"),
        test::read_file(test::source_dir() + "/fuzz/regressions/scenario/yaml-cpp-loadall-loop")}) {
    ASSERT_FALSE(text.empty());
    EXPECT_FALSE(problems_of_text(text).empty()) << text;
  }
}

TEST(ScenarioLimits, EmptyListsThatWouldMeanNothingOrEverythingAreErrors) {
  const std::string policy = "policies:\n  - type: interdiction\n    start: 2010-06-01\n";
  expect_problem(problems_of_text(kHeader + policy + "    countries: []\n"), 7, 16,
                 "countries: list at least one");
  expect_problem(problems_of_text(kHeader + policy + "    countries: [USA]\n    substances: []\n"),
                 8, 17, "substances: list at least one substance");
}

TEST(ScenarioLimits, NamesMustBeNonEmptyAndPrintable) {
  expect_problem(problems_of_text("name: \"\"\nstart: 2010-01-01\nend: 2011-12-31\n"), 1, 7,
                 "non-empty");
  expect_problem(problems_of_text("name: \"a\\nb\"\nstart: 2010-01-01\nend: 2011-12-31\n"), 1, 7,
                 "control characters");
  // '.', '..' and '../../x' are names like others: the output directory is made from them
  // (io::file_name_for), never a path.
  EXPECT_TRUE(problems_of_text("name: ../../victim\nstart: 2010-01-01\nend: 2011-12-31\n").empty());
}

TEST(ScenarioLimits, ThePeriodIsBoundedInYearsAndSteps) {
  expect_problem(problems_of_text("name: s\nstart: 0001-01-01\nend: 9999-12-31\n"), 3, 6,
                 "the run must lie within 1990-01-01 and 2100-12-31");
  expect_problem(problems_of_text("name: s\nstart: 2010-01-01\nend: 2100-12-31\nstep_days: 1\n"), 3,
                 6, "at most 10000");
  expect_problem(problems_of_text(kHeader + "policies:\n"
                                            "  - type: treatment\n"
                                            "    countries: [USA]\n"
                                            "    start: 0200-01-01\n"),
                 7, 12, "policy dates lie within 1900-01-01 and 2100-12-31");
}

TEST(ScenarioLimits, SeedsHaveOneRangeInFilesAndInSet) {
  expect_problem(problems_of_text(kHeader + "seed: 4294967296\n"), 4, 7, "out of range");
  EXPECT_TRUE(problems_of_text(kHeader + "seed: 4294967295\n").empty());
  auto scenario = io::parse_scenario_text(kHeader, "s.yaml", shipped_world(), shipped_registry());
  EXPECT_THROW(
      io::apply_overrides(scenario, {"seed=4294967296"}, shipped_world(), shipped_registry()),
      InputError);
  io::apply_overrides(scenario, {"seed=4294967295"}, shipped_world(), shipped_registry());
  EXPECT_EQ(scenario.seed, io::limits::kMaxSeed);
  EXPECT_THROW(io::apply_overrides(scenario, {"end=2100-12-31", "step_days=1"}, shipped_world(),
                                   shipped_registry()),
               InputError);
  EXPECT_THROW(io::apply_overrides(scenario, {"name="}, shipped_world(), shipped_registry()),
               InputError);
}

TEST(ScenarioLimits, TooManyPoliciesAreRefusedBeforeTheyAreParsed) {
  std::string yaml = kHeader + "policies:\n";
  for (size_t i = 0; i <= io::limits::kPolicies; ++i) {
    yaml += "  - {type: treatment, countries: [USA], start: 2010-01-01}\n";
  }
  expect_problem(problems_of_text(yaml), 5, 3, "at most 10000");
}

TEST(ScenarioLimits, ThousandsOfProblemsAreCountedNotListed) {
  std::string yaml = kHeader;
  for (int i = 0; i < 5000; ++i) yaml += fmt::format("unknown_{}: 1\n", i);
  const auto problems = problems_of_text(yaml);
  ASSERT_EQ(problems.size(), kMaxDiagnostics + 1);
  EXPECT_EQ(problems.back().message, "... and 4900 more problems (fix these first)");
}

TEST(ScenarioLimits, ALongChainOfExtendsStopsAtTheDepthLimit) {
  // About 4,400 files once overflowed the stack; the limit stops the chain at 16.
  test::TempDir dir;
  const int files = 200;
  for (int i = 0; i < files; ++i) {
    test::write_file(dir.path() / fmt::format("s{}.yaml", i),
                     fmt::format("name: s{}\nextends: s{}.yaml\n", i, i + 1));
  }
  test::write_file(dir.path() / fmt::format("s{}.yaml", files),
                   "name: last\nstart: 2010-01-01\nend: 2011-12-31\n");
  const auto problems = problems_of_file(dir.path() / "s0.yaml");
  ASSERT_EQ(problems.size(), 1u) << joined(problems);
  EXPECT_NE(problems[0].message.find("more than 16 levels"), std::string::npos);
  EXPECT_EQ(fs::path(problems[0].where.file).filename(), "s16.yaml");
}

TEST(ScenarioLimits, OnlyRegularYamlFilesOfBoundedSizeAreRead) {
  test::TempDir dir;
  ASSERT_EQ(::mkfifo((dir.path() / "fifo.yaml").c_str(), 0600), 0);
  fs::create_directory(dir.path() / "folder.yaml");
  test::write_file(dir.path() / "huge.yaml",
                   "name: huge\n# " + std::string(io::limits::kScenarioFileBytes, 'x') + "\n");
  const auto refused = [&](const std::string& target, const std::string& fragment) {
    const auto child = dir.path() / "child.yaml";
    test::write_file(child, "name: child\nextends: " + target + "\n");
    const auto problems = problems_of_file(child);
    ASSERT_EQ(problems.size(), 1u) << target << "\n" << joined(problems);
    EXPECT_EQ(problems[0].where.line, 2);
    EXPECT_NE(problems[0].message.find(fragment), std::string::npos) << joined(problems);
  };
  refused("/dev/zero", "must end in .yaml");
  refused("fifo.yaml", "not a regular file");
  refused("folder.yaml", "directory");
  refused("huge.yaml", "larger than the limit");
  // parameters_from is read the same way.
  test::write_file(dir.path() / "p.yaml", kHeader + "parameters_from: fifo.yaml\n");
  EXPECT_NE(joined(problems_of_file(dir.path() / "p.yaml")).find("not a regular file"),
            std::string::npos);
}

TEST(ScenarioLimits, MessagesDoNotReplayAFileThatIsNotAScenario) {
  test::TempDir dir;
  test::write_file(dir.path() / "shadow", "root:$6$secret-hash:19000:0:99999:7:::\n");
  test::write_file(dir.path() / "child.yaml", "name: c\nextends: shadow\n");
  const auto all = joined(problems_of_file(dir.path() / "child.yaml"));
  EXPECT_NE(all.find("must end in .yaml"), std::string::npos) << all;
  EXPECT_EQ(all.find("secret"), std::string::npos) << all;
  // Echoed user text is cut short and has no control characters (no terminal escapes).
  const auto echoed =
      joined(problems_of_text(kHeader + "\"\\e[2J" + std::string(200, 'k') + "\": 1\n"));
  EXPECT_EQ(echoed.find('\x1b'), std::string::npos);
  EXPECT_EQ(echoed.find(std::string(100, 'k')), std::string::npos);
}

TEST(ScenarioLimits, TextMustBeUtf8AndFreeOfControlCharacters) {
  // A name with bytes 0xFF parsed, then the run died writing its JSON manifest and its
  // scenario.yaml did not parse again (found by fuzz/scenario_fuzz's round trip).
  expect_problem(problems_of_text("name: a\xff\xff"
                                  "b\nstart: 2010-01-01\nend: 2011-12-31\n"),
                 1, 8, "not UTF-8 text: byte 0xFF");
  expect_problem(problems_of_text(kHeader + "description: \"x\\0y\"\n"), 4, 14,
                 "control characters");
  EXPECT_TRUE(problems_of_text(kHeader + "description: \"tab\\there\\nnext line\"\n").empty());
  EXPECT_TRUE(
      problems_of_text("name: Bogotá–Lima ✓\nstart: 2010-01-01\nend: 2011-12-31\n").empty());
}

TEST(Utf8, OnlyWellFormedSequencesPass) {
  constexpr auto valid = std::string_view::npos;
  EXPECT_EQ(io::invalid_utf8_offset("plain ascii"), valid);
  EXPECT_EQ(io::invalid_utf8_offset("é € 😀 \xF4\x8F\xBF\xBF"), valid);  // up to U+10FFFF
  EXPECT_EQ(io::invalid_utf8_offset("ab\xC0\xAF"), 2u);                 // overlong '/'
  EXPECT_EQ(io::invalid_utf8_offset("\xE0\x80\x80"), 0u);               // overlong 3-byte
  EXPECT_EQ(io::invalid_utf8_offset("x\xED\xA0\x80"), 1u);              // a surrogate
  EXPECT_EQ(io::invalid_utf8_offset("\xF4\x90\x80\x80"), 0u);           // above U+10FFFF
  EXPECT_EQ(io::invalid_utf8_offset("\xE2\x82"), 0u);                   // cut short
  EXPECT_EQ(io::invalid_utf8_offset("\x80"), 0u);                       // a lone continuation
  const auto where = io::location_of("ab\ncd\xFF", 5, "f");
  EXPECT_EQ(where.line, 2);
  EXPECT_EQ(where.column, 3);
}

TEST(CsvField, QuotesWhatWouldBreakAReader) {
  EXPECT_EQ(io::csv_field("baseline"), "baseline");
  EXPECT_EQ(io::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(io::csv_field("say \"no\""), "\"say \"\"no\"\"\"");
  EXPECT_EQ(io::csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(io::csv_field("cr\r"), "\"cr\r\"");
}

TEST(ParseNumber, RefusesWhatIsNotAFiniteNumber) {
  double v = 0;
  for (const char* text : {"nan", "inf", "-inf", "1e999", "", "1x"}) {
    EXPECT_FALSE(io::parse_number(text, v)) << text;
  }
  EXPECT_TRUE(io::parse_number("-0.5", v));
  EXPECT_EQ(v, -0.5);
}

}  // namespace
}  // namespace narcosim
