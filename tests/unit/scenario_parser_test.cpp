// Scenario files are strictly validated: every problem is an InputError whose diagnostic names
// the file, the 1-based line and column of the offending YAML node, and what is wrong.
// Positions below are counted by hand from the YAML text of each test: a diagnostic points at
// the start of the node holding the bad key or value.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/schema.hpp"
#include "narcosim/model/policy.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

using test::shipped_registry;
using test::shipped_world;

// The scenario header every test starts from; 5 lines, so the next line is line 6.
const std::string kHeader =
    "name: s\n"            // 1
    "start: 2010-01-01\n"  // 2
    "end: 2014-12-31\n"    // 3
    "seed: 3\n"            // 4
    "scale: 0.002\n";      // 5

Scenario parse(const std::string& yaml) {
  return io::parse_scenario_text(yaml, "s.yaml", shipped_world(), shipped_registry());
}

std::vector<Diagnostic> diagnostics_of(const std::string& yaml) {
  try {
    (void)io::parse_scenario_text(yaml, "s.yaml", shipped_world(), shipped_registry());
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

// Exactly one problem, at FILE:LINE:COL, with `fragment` in its message.
void expect_single_diagnostic(const std::string& yaml, int line, int column,
                              const std::string& fragment) {
  const auto diagnostics = diagnostics_of(yaml);
  ASSERT_EQ(diagnostics.size(), 1u) << "YAML:\n"
                                    << yaml << "\ndiagnostics:\n"
                                    << [&] {
                                         std::string all;
                                         for (const auto& d : diagnostics)
                                           all += d.to_string() + "\n";
                                         return all;
                                       }();
  const auto& d = diagnostics.front();
  EXPECT_EQ(d.where.file, "s.yaml");
  EXPECT_EQ(d.where.line, line) << d.to_string();
  EXPECT_EQ(d.where.column, column) << d.to_string();
  EXPECT_NE(d.message.find(fragment), std::string::npos)
      << "expected '" << fragment << "' in: " << d.to_string();
  // The printable form is FILE:LINE:COL: message.
  EXPECT_EQ(d.to_string().rfind(
                "s.yaml:" + std::to_string(line) + ":" + std::to_string(column) + ": ", 0),
            0u)
      << d.to_string();
}

TEST(ScenarioParser, UnknownTopLevelKey) {
  // Line 6, the key starts in column 1.
  expect_single_diagnostic(kHeader + "polices: []\n", 6, 1, "unknown key 'polices'");
}

TEST(ScenarioParser, WrongTypeForScale) {
  // "scale: " is 7 characters, so the value (its opening quote) is in column 8.
  const std::string yaml = "name: s\nstart: 2010-01-01\nend: 2014-12-31\nscale: \"abc\"\n";
  expect_single_diagnostic(yaml, 4, 8, "expected a number");
}

TEST(ScenarioParser, ScaleOutOfRange) {
  // scale is agents per real person, in (0, 1]: 5 is out of range. Column 8 as above.
  const std::string yaml = "name: s\nstart: 2010-01-01\nend: 2014-12-31\nscale: 5\n";
  expect_single_diagnostic(yaml, 4, 8, "out of range");
}

TEST(ScenarioParser, UnknownCountryInPolicy) {
  const std::string yaml = kHeader +
                           "policies:\n"                // 6
                           "  - type: treatment\n"      // 7
                           "    countries: ATLANTIS\n"  // 8: value at column 16
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 8, 16, "unknown country, corridor or group 'ATLANTIS'");
}

TEST(ScenarioParser, ACoastIsNotAPolicyTarget) {
  // A country's policies apply on its coasts; naming the coast is an error that says so.
  const std::string yaml = kHeader +
                           "policies:\n"                   // 6
                           "  - type: interdiction\n"      // 7
                           "    countries: PAN_pacific\n"  // 8: value at column 16
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 8, 16, "'PAN_pacific' is a coast of PAN");
}

TEST(ScenarioParser, UnknownNamesInListsArePointedAtThemselves) {
  // The item, not the start of the list: scenarios built from JSON locate problems by the
  // line of each item (io/scenario_json.hpp).
  const std::string yaml = kHeader +
                           "policies:\n"                       // 6
                           "  - type: interdiction\n"          // 7
                           "    countries: [MEX, ATLANTIS]\n"  // 8: ATLANTIS at column 22
                           "    substances:\n"                 // 9
                           "      - cocaine\n"                 // 10
                           "      - crack\n"                   // 11: crack at column 9
                           "    start: 2011-01-01\n";
  const auto diagnostics = diagnostics_of(yaml);
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].where.line, 8);
  EXPECT_EQ(diagnostics[0].where.column, 22);
  EXPECT_EQ(diagnostics[1].where.line, 11);
  EXPECT_EQ(diagnostics[1].where.column, 9);
  EXPECT_NE(diagnostics[1].message.find("'crack'"), std::string::npos);
}

TEST(ScenarioParser, UnknownPlaceInAListPointsAtThePlace) {
  // In a flow list the diagnostic points at the unknown name, in column 22.
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: treatment\n"
                           "    countries: [USA, ATLANTIS]\n"  // 8
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 8, 22, "'ATLANTIS'");
}

TEST(ScenarioParser, UnknownCorridorInInterdiction) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: interdiction\n"
                           "    countries: southern_pacific\n"  // 8, column 16
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 8, 16, "'southern_pacific'");
}

TEST(ScenarioParser, CorridorGivenToCountryOnlyPolicy) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: eradication\n"
                           "    countries: eastern_pacific\n"  // 8, column 16
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 8, 16, "not to the corridor 'eastern_pacific'");
}

TEST(ScenarioParser, UnknownPolicyType) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: carpet_bombing\n"  // 7: "  - type: " is 10 chars, column 11
                           "    countries: COL\n"
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 7, 11, "unknown policy type 'carpet_bombing'");
}

TEST(ScenarioParser, EveryPolicyTypeOfTheInterfaceIsBuilt) {
  // ../shared/interface.md lists these names; a scenario may use each of them.
  for (const char* name :
       {"legalize_transport", "decriminalize_possession", "medical_production", "legal_market",
        "ease_sentences", "amnesty", "eradication", "alternative_development", "treatment",
        "interdiction", "seizure_compensation", "militarization", "national_guard",
        "kingpin_strategy", "social_programs", "gun_flow_reduction", "legalize_all"}) {
    const auto* type = find_policy_type(name);
    ASSERT_NE(type, nullptr) << name;
    const std::string yaml =
        kHeader + "policies:\n  - type: " + name + "\n    countries: MEX\n    start: 2011-01-01\n";
    const auto scenario = parse(yaml);
    ASSERT_EQ(scenario.policies.size(), 1U) << name;
    EXPECT_EQ(scenario.policies[0].fields.size(), type->fields.size()) << name;
  }
}

TEST(ScenarioParser, ChoiceFieldNamesItsOptions) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: legal_market\n"
                           "    countries: URY\n"
                           "    regime: pharmacy\n"  // 9: "    regime: " is 12 chars, column 13
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 9, 13,
                           "legal_market.regime: expected one of: registry, commercial");
  const std::string ok = kHeader +
                         "policies:\n"
                         "  - type: legal_market\n"
                         "    countries: URY\n"
                         "    regime: commercial\n"
                         "    start: 2011-01-01\n";
  EXPECT_EQ(parse(ok).policies[0].fields.at("regime"), 1.0);
}

TEST(ScenarioParser, CountryWidePolicyRejectsSubstances) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: amnesty\n"
                           "    countries: MEX\n"
                           "    substances: [cannabis]\n"  // 9, column 17
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 9, 17, "applies to whole countries");
}

TEST(ScenarioParser, UnknownParameterSuggestsTheClosestName) {
  const std::string yaml = kHeader +
                           "parameters:\n"                              // 6
                           "  demand.cocaine.price_elastcity: -0.7\n";  // 7: key at column 3
  expect_single_diagnostic(yaml, 7, 3, "did you mean 'demand.cocaine.price_elasticity'");
}

TEST(ScenarioParser, ParameterOutOfRange) {
  // Elasticities are declared in [-2.5, 0]: +0.5 (consumption rising with price) is rejected.
  // "  demand.cocaine.price_elasticity: " is 2 + 31 + 2 = 35 characters: value at column 36.
  const std::string yaml = kHeader +
                           "parameters:\n"
                           "  demand.cocaine.price_elasticity: 0.5\n";  // 7
  expect_single_diagnostic(yaml, 7, 36, "out of range");
}

TEST(ScenarioParser, BadDate) {
  // There is no 30 February. "start: " is 7 characters: value at column 8.
  const std::string yaml = "name: s\nstart: 2013-02-30\nend: 2014-12-31\n";
  expect_single_diagnostic(yaml, 2, 8, "expected a date YYYY-MM-DD");
}

TEST(ScenarioParser, EndBeforeStart) {
  // "end: " is 5 characters: value at column 6.
  const std::string yaml = "name: s\nstart: 2014-01-01\nend: 2012-12-31\n";
  expect_single_diagnostic(yaml, 3, 6, "must be after start");
}

TEST(ScenarioParser, PolicyStartBeforeTheRunIsKept) {
  // History: a policy that began before the run is in force from its first step.
  const auto s = parse(kHeader +
                       "policies:\n"
                       "  - type: treatment\n"
                       "    countries: USA\n"
                       "    start: 2009-06-01\n");
  ASSERT_EQ(s.policies.size(), 1u);
  EXPECT_EQ(s.policies[0].start, *parse_iso_date("2009-06-01"));
  EXPECT_LT(s.policies[0].start, s.start);
}

TEST(ScenarioParser, PolicyEndingBeforeTheRunIsAnError) {
  // Nothing to do: it would never be in force.
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: treatment\n"
                           "    countries: USA\n"
                           "    start: 2005-01-01\n"
                           "    end: 2009-12-31\n";  // 10: "    end: " is 9 chars, column 10
  expect_single_diagnostic(yaml, 10, 10, "never be in force");
}

TEST(ScenarioParser, PolicyStartAfterTheRun) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: treatment\n"
                           "    countries: USA\n"
                           "    start: 2015-01-01\n";
  expect_single_diagnostic(yaml, 9, 12, "outside the run");
}

TEST(ScenarioParser, PolicyEndBeforeItsStart) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: treatment\n"
                           "    countries: USA\n"
                           "    start: 2012-01-01\n"
                           "    end: 2011-01-01\n";  // 10: "    end: " is 9 chars, column 10
  expect_single_diagnostic(yaml, 10, 10, "before its start");
}

TEST(ScenarioParser, MalformedYaml) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: treatment\n"
                           "    countries: [USA, MEX\n"  // 8: the list is never closed
                           "    start: 2011-01-01\n";
  const auto diagnostics = diagnostics_of(yaml);
  ASSERT_EQ(diagnostics.size(), 1u);
  const auto& d = diagnostics.front();
  EXPECT_EQ(d.where.file, "s.yaml");
  // The parser notices the missing ']' at or after the line that opened the list.
  EXPECT_GE(d.where.line, 8) << d.to_string();
  EXPECT_GE(d.where.column, 1) << d.to_string();
  EXPECT_NE(d.message.find("malformed YAML"), std::string::npos) << d.to_string();
}

TEST(ScenarioParser, SeveralProblemsAreAllReported) {
  // Two independent problems on lines 6 and 7: both are reported, in file order.
  const std::string yaml = kHeader + "colour: red\nstep_days: 0\n";
  const auto diagnostics = diagnostics_of(yaml);
  ASSERT_EQ(diagnostics.size(), 2u);
  EXPECT_EQ(diagnostics[0].where.line, 6);
  EXPECT_EQ(diagnostics[1].where.line, 7);
  EXPECT_EQ(diagnostics[1].where.column, 12);  // "step_days: " is 11 characters
}

TEST(ScenarioParser, ValidScenarioParsesWithDefaultsAndResolvedPlaces) {
  const auto& world = shipped_world();
  const std::string yaml =
      "name: test_policy_mix\n"
      "description: two policies\n"
      "start: 2010-01-01\n"
      "end: 2014-12-31\n"
      "parameters:\n"
      "  demand.cocaine.price_elasticity: -0.8\n"
      "policies:\n"
      "  - type: interdiction\n"
      "    countries: [eastern_pacific, PAN, central_america]\n"
      "    substances: [cocaine]\n"
      "    start: 2011-01-01\n"
      "    end: 2013-06-30\n"
      "    multiplier: 3\n"
      "  - type: eradication\n"
      "    countries: COL\n"
      "    start: 2010-01-01\n";
  const Scenario s = io::parse_scenario_text(yaml, "s.yaml", world, shipped_registry());
  EXPECT_EQ(s.name, "test_policy_mix");
  EXPECT_EQ(s.description, "two policies");
  EXPECT_EQ(s.start, *parse_iso_date("2010-01-01"));
  EXPECT_EQ(s.end, *parse_iso_date("2014-12-31"));
  EXPECT_EQ(s.source_file, "s.yaml");
  // Keys left out take the defaults of model/scenario.hpp.
  const Scenario defaults;
  EXPECT_EQ(s.step_days, defaults.step_days);
  EXPECT_EQ(s.seed, defaults.seed);
  EXPECT_EQ(s.scale, defaults.scale);
  ASSERT_EQ(s.parameters.size(), 1u);
  EXPECT_EQ(s.parameters[0].first, "demand.cocaine.price_elasticity");
  EXPECT_EQ(s.parameters[0].second, -0.8);

  ASSERT_EQ(s.policies.size(), 2u);
  const auto& interdiction = s.policies[0];
  EXPECT_EQ(interdiction.type, "interdiction");
  EXPECT_EQ(interdiction.places,
            (std::vector<std::string>{"eastern_pacific", "PAN", "central_america"}));
  // The group resolves to its member countries; PAN, named twice, appears once.
  const auto central_america = world.group("central_america");
  ASSERT_TRUE(central_america.has_value());
  ASSERT_GT(central_america->size(), 1u);
  EXPECT_NE(std::find(central_america->begin(), central_america->end(), test::node("PAN")),
            central_america->end());
  EXPECT_EQ(interdiction.nodes.size(), 1 + central_america->size());
  EXPECT_EQ(interdiction.nodes.front(), test::node("eastern_pacific"));
  for (const auto n : *central_america) {
    EXPECT_EQ(std::count(interdiction.nodes.begin(), interdiction.nodes.end(), n), 1)
        << world.nodes[n].id;
  }
  EXPECT_EQ(interdiction.substances, std::vector<SubstanceIndex>{test::substance("cocaine")});
  EXPECT_EQ(interdiction.start, *parse_iso_date("2011-01-01"));
  ASSERT_TRUE(interdiction.end.has_value());
  EXPECT_EQ(*interdiction.end, *parse_iso_date("2013-06-30"));
  EXPECT_EQ(interdiction.fields.at("multiplier"), 3.0);

  const auto& eradication = s.policies[1];
  EXPECT_EQ(eradication.type, "eradication");
  EXPECT_EQ(eradication.nodes, std::vector<NodeIndex>{test::node("COL")});
  EXPECT_TRUE(eradication.substances.empty());  // every substance
  EXPECT_FALSE(eradication.end.has_value());    // until the end of the run
  // The multiplier was left out: the policy type's declared default fills it in.
  const auto* type = find_policy_type("eradication");
  ASSERT_NE(type, nullptr);
  ASSERT_EQ(type->fields.size(), 1u);
  EXPECT_EQ(eradication.fields.size(), 1u);
  EXPECT_EQ(eradication.fields.at("multiplier"), type->fields[0].default_value);
}

TEST(ScenarioParser, ShippedBaselineParses) {
  const auto s = io::parse_scenario_file(test::source_dir() + "/scenarios/baseline.yaml",
                                         shipped_world(), shipped_registry());
  EXPECT_EQ(s.name, "baseline");
  EXPECT_LT(s.start, s.end);
}

// --- --set overrides -------------------------------------------------------------------------

Scenario base_scenario() {
  return test::scenario_from_yaml(kHeader);
}

TEST(ApplyOverrides, GoodValuesAreApplied) {
  Scenario s = base_scenario();
  io::apply_overrides(s,
                      {"seed=17", "scale=0.004", "end=2012-06-30", "step_days=14",
                       "demand.cocaine.price_elasticity=-1.2", "name=renamed"},
                      shipped_world(), shipped_registry());
  EXPECT_EQ(s.seed, 17u);
  EXPECT_EQ(s.scale, 0.004);
  EXPECT_EQ(s.end, *parse_iso_date("2012-06-30"));
  EXPECT_EQ(s.step_days, 14);
  EXPECT_EQ(s.name, "renamed");
  ASSERT_EQ(s.parameters.size(), 1u);
  EXPECT_EQ(s.parameters[0],
            (std::pair<std::string, double>{"demand.cocaine.price_elasticity", -1.2}));
}

TEST(ApplyOverrides, LaterValueReplacesAnEarlierOneForTheSameParameter) {
  Scenario s =
      test::scenario_from_yaml(kHeader + "parameters:\n  demand.cocaine.price_elasticity: -0.7\n");
  io::apply_overrides(s, {"demand.cocaine.price_elasticity=-1.1"}, shipped_world(),
                      shipped_registry());
  ASSERT_EQ(s.parameters.size(), 1u);
  EXPECT_EQ(s.parameters[0].second, -1.1);
}

std::vector<Diagnostic> override_diagnostics(const std::vector<std::string>& sets) {
  Scenario s = base_scenario();
  try {
    io::apply_overrides(s, sets, shipped_world(), shipped_registry());
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

TEST(ApplyOverrides, ShorterRunDropsPoliciesNeverInForceAndEndsLongOnes) {
  // The resolved scenario of a shortened run must stay valid on its own.
  auto s = test::scenario_from_yaml(kHeader +
                                    "policies:\n"
                                    "  - type: treatment\n    countries: USA\n"
                                    "    start: 2009-01-01\n    end: 2013-12-31\n"
                                    "  - type: amnesty\n    countries: MEX\n"
                                    "    start: 2012-01-01\n");
  io::apply_overrides(s, {"end=2011-06-30"}, shipped_world(), shipped_registry());
  ASSERT_EQ(s.policies.size(), 1u);
  EXPECT_EQ(s.policies[0].type, "treatment");
  ASSERT_TRUE(s.policies[0].end.has_value());
  EXPECT_EQ(*s.policies[0].end, s.end);
}

TEST(ApplyOverrides, UnknownKey) {
  const auto d = override_diagnostics({"seed=2", "demand.cocaine.price_elastcity=-1"});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where.file, "--set");
  EXPECT_EQ(d[0].where.line, 2);    // the second --set flag
  EXPECT_EQ(d[0].where.column, 1);  // the key starts the flag value
  EXPECT_NE(d[0].message.find("unknown parameter"), std::string::npos) << d[0].to_string();
  EXPECT_NE(d[0].message.find("demand.cocaine.price_elasticity"), std::string::npos);
}

TEST(ApplyOverrides, OutOfRange) {
  const std::string flag = "demand.cocaine.price_elasticity=3";
  const auto d = override_diagnostics({flag});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where.file, "--set");
  EXPECT_EQ(d[0].where.line, 1);
  // The value starts right after '=' (1-based column = index of '=' + 2).
  EXPECT_EQ(d[0].where.column, int(flag.find('=')) + 2);
  EXPECT_NE(d[0].message.find("out of range"), std::string::npos) << d[0].to_string();
}

TEST(ApplyOverrides, NonNumeric) {
  const auto d = override_diagnostics({"seed=1", "end=2012-12-31", "scale=abc"});
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].where.file, "--set");
  EXPECT_EQ(d[0].where.line, 3);
  EXPECT_EQ(d[0].where.column, 7);  // "scale=" is 6 characters
  EXPECT_EQ(d[0].to_string().rfind("--set:3:7: ", 0), 0u) << d[0].to_string();
}

TEST(ApplyOverrides, NonNumericParameterAndMissingEqualsAreBothReported) {
  const auto d = override_diagnostics({"demand.frequency_share=half", "seed"});
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].where.line, 1);
  EXPECT_EQ(d[0].where.column, int(std::string("demand.frequency_share=").size()) + 1);
  EXPECT_NE(d[0].message.find("expected a number"), std::string::npos) << d[0].to_string();
  EXPECT_EQ(d[1].where.line, 2);
  EXPECT_EQ(d[1].where.column, 1);
}

// --- extends, remove, parameters_from --------------------------------------------------------

std::vector<Diagnostic> file_diagnostics(const std::filesystem::path& path) {
  try {
    (void)io::parse_scenario_file(path.string(), shipped_world(), shipped_registry());
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  return {};
}

std::string all_messages(const std::vector<Diagnostic>& diagnostics) {
  std::string all;
  for (const auto& d : diagnostics) all += d.to_string() + "\n";
  return all;
}

// A base with every inheritable key and two policies, one with an id.
const std::string kBase =
    "name: base\n"
    "start: 2010-01-01\n"
    "end: 2020-12-31\n"
    "step_days: 14\n"
    "seed: 7\n"
    "scale: 0.002\n"
    "parameters:\n"
    "  justice.pretrial_years: 0.8\n"
    "  justice.conviction_share: 0.6\n"
    "policies:\n"
    "  - id: mex-troops\n"
    "    type: militarization\n"
    "    countries: [MEX]\n"
    "    start: 2006-12-11\n"
    "  - type: treatment\n"
    "    countries: [USA]\n"
    "    start: 2012-01-01\n";

TEST(ScenarioExtends, ChildInheritsAndOverrides) {
  test::TempDir dir;
  test::write_file(dir.path() / "base.yaml", kBase);
  test::write_file(dir.path() / "child.yaml",
                   "name: child\n"
                   "extends: base.yaml\n"
                   "start: 2011-01-01\n"
                   "seed: 9\n"
                   "parameters:\n"
                   "  justice.conviction_share: 0.5\n"
                   "policies:\n"
                   "  - type: interdiction\n"
                   "    countries: [COL]\n"
                   "    start: 2013-01-01\n");
  const auto s = io::parse_scenario_file((dir.path() / "child.yaml").string(), shipped_world(),
                                         shipped_registry());
  EXPECT_EQ(s.name, "child");
  EXPECT_EQ(s.start, *parse_iso_date("2011-01-01"));  // own
  EXPECT_EQ(s.end, *parse_iso_date("2020-12-31"));    // inherited
  EXPECT_EQ(s.step_days, 14);
  EXPECT_EQ(s.seed, 9u);
  EXPECT_EQ(s.scale, 0.002);
  // One entry per parameter: the child's value replaces the base's.
  const std::vector<std::pair<std::string, double>> expected = {{"justice.pretrial_years", 0.8},
                                                                {"justice.conviction_share", 0.5}};
  EXPECT_EQ(s.parameters, expected);
  // The base's policies first, in order, then the child's.
  ASSERT_EQ(s.policies.size(), 3u);
  EXPECT_EQ(s.policies[0].id, "mex-troops");
  EXPECT_EQ(s.policies[0].type, "militarization");
  EXPECT_EQ(s.policies[1].type, "treatment");
  EXPECT_EQ(s.policies[2].type, "interdiction");
}

TEST(ScenarioExtends, BasePoliciesOutsideTheChildsRunAreDroppedAndLongOnesEndWithIt) {
  test::TempDir dir;
  test::write_file(dir.path() / "base.yaml", kBase +
                                                 "  - type: interdiction\n"
                                                 "    countries: [COL]\n"
                                                 "    start: 2018-01-01\n"
                                                 "  - type: eradication\n"
                                                 "    countries: [PER]\n"
                                                 "    start: 2011-01-01\n"
                                                 "    end: 2016-12-31\n");
  test::write_file(dir.path() / "child.yaml", "name: child\nextends: base.yaml\nend: 2014-12-31\n");
  const auto s = io::parse_scenario_file((dir.path() / "child.yaml").string(), shipped_world(),
                                         shipped_registry());
  // The 2018 interdiction never acts in a run ending in 2014: left out, silently (the child
  // chose a shorter period; the resolved scenario must stay valid on its own).
  std::vector<std::string> types;
  for (const auto& p : s.policies) types.push_back(p.type);
  EXPECT_EQ(types, (std::vector<std::string>{"militarization", "treatment", "eradication"}));
  ASSERT_TRUE(s.policies[2].end.has_value());
  EXPECT_EQ(*s.policies[2].end, s.end);
}

TEST(ScenarioExtends, RemoveDropsBasePoliciesById) {
  test::TempDir dir;
  test::write_file(dir.path() / "base.yaml", kBase);
  test::write_file(dir.path() / "child.yaml",
                   "name: child\n"
                   "extends: base.yaml\n"
                   "remove: [mex-troops]\n"
                   "policies:\n"
                   "  - id: mex-troops\n"  // the id is free again once removed
                   "    type: militarization\n"
                   "    countries: [MEX]\n"
                   "    start: 2006-12-11\n"
                   "    end: 2012-12-31\n");
  const auto s = io::parse_scenario_file((dir.path() / "child.yaml").string(), shipped_world(),
                                         shipped_registry());
  ASSERT_EQ(s.policies.size(), 2u);
  EXPECT_EQ(s.policies[0].type, "treatment");
  EXPECT_EQ(s.policies[1].id, "mex-troops");
  ASSERT_TRUE(s.policies[1].end.has_value());
}

TEST(ScenarioExtends, RemoveProblemsPointAtTheirLines) {
  test::TempDir dir;
  test::write_file(dir.path() / "base.yaml", kBase);
  const auto child = dir.path() / "child.yaml";
  test::write_file(child,
                   "name: child\n"
                   "extends: base.yaml\n"
                   "remove: [nope]\n"  // 3: the list starts in column 9
                   "policies:\n"
                   "  - id: mex-troops\n"  // 5: not removed, so taken; value in column 9
                   "    type: militarization\n"
                   "    countries: [MEX]\n"
                   "    start: 2011-01-01\n");
  const auto d = file_diagnostics(child);
  ASSERT_EQ(d.size(), 2u) << all_messages(d);
  EXPECT_EQ(d[0].where.file, child.string());
  EXPECT_EQ(d[0].where.line, 3);
  EXPECT_EQ(d[0].where.column, 9);
  EXPECT_NE(d[0].message.find("no policy with id 'nope'"), std::string::npos);
  EXPECT_NE(d[0].message.find("mex-troops"), std::string::npos) << "lists the known ids";
  EXPECT_EQ(d[1].where.line, 5);
  EXPECT_EQ(d[1].where.column, 9);
  EXPECT_NE(d[1].message.find("already has the id 'mex-troops'"), std::string::npos);
}

TEST(ScenarioExtends, RemoveNeedsExtends) {
  expect_single_diagnostic(kHeader + "remove: [a]\n", 6, 1, "only a scenario with 'extends'");
}

TEST(ScenarioExtends, MissingBaseIsReportedAtTheExtendsKey) {
  test::TempDir dir;
  const auto child = dir.path() / "child.yaml";
  test::write_file(child, "name: child\nextends: nowhere.yaml\n");
  const auto d = file_diagnostics(child);
  ASSERT_EQ(d.size(), 1u) << all_messages(d);
  EXPECT_EQ(d[0].where.file, child.string());
  EXPECT_EQ(d[0].where.line, 2);
  EXPECT_EQ(d[0].where.column, 1);
  EXPECT_NE(d[0].message.find("cannot read base scenario"), std::string::npos);
  EXPECT_NE(d[0].message.find("nowhere.yaml"), std::string::npos);
}

TEST(ScenarioExtends, CycleIsReportedAtTheExtendsKeyThatClosesIt) {
  test::TempDir dir;
  test::write_file(dir.path() / "a.yaml", "name: a\nextends: b.yaml\n");
  test::write_file(dir.path() / "b.yaml", "name: b\n\nextends: ./a.yaml\n");
  const auto d = file_diagnostics(dir.path() / "a.yaml");
  ASSERT_EQ(d.size(), 1u) << all_messages(d);
  // a -> b -> a: b's extends key (line 3) closes the cycle.
  EXPECT_EQ(std::filesystem::path(d[0].where.file).filename(), "b.yaml");
  EXPECT_EQ(d[0].where.line, 3);
  EXPECT_EQ(d[0].where.column, 1);
  EXPECT_NE(d[0].message.find("cycle"), std::string::npos);
  // A file extending itself is the shortest cycle.
  test::write_file(dir.path() / "self.yaml", "name: s\nextends: self.yaml\n");
  const auto self = file_diagnostics(dir.path() / "self.yaml");
  ASSERT_EQ(self.size(), 1u) << all_messages(self);
  EXPECT_NE(self[0].message.find("cycle"), std::string::npos);
}

TEST(ScenarioExtends, ProblemsInTheBaseNameTheBaseFile) {
  test::TempDir dir;
  const auto base = dir.path() / "base.yaml";
  test::write_file(base,
                   "name: base\n"
                   "start: 2010-01-01\n"
                   "end: 2020-12-31\n"
                   "parameters:\n"
                   "  justice.pretrial_yeras: 0.8\n");  // 5: the key in column 3
  test::write_file(dir.path() / "child.yaml",
                   "name: child\nextends: base.yaml\nscale: 7\n");  // 3: out of range, col 8
  const auto d = file_diagnostics(dir.path() / "child.yaml");
  ASSERT_EQ(d.size(), 2u) << all_messages(d);
  EXPECT_EQ(d[0].where.file, base.string());
  EXPECT_EQ(d[0].where.line, 5);
  EXPECT_EQ(d[0].where.column, 3);
  EXPECT_NE(d[0].message.find("unknown parameter"), std::string::npos);
  EXPECT_EQ(d[1].where.file, (dir.path() / "child.yaml").string());
  EXPECT_EQ(d[1].where.line, 3);
  EXPECT_EQ(d[1].where.column, 8);
}

TEST(ScenarioExtends, ChildMustStillNameItselfButNeedsNoDates) {
  test::TempDir dir;
  test::write_file(dir.path() / "base.yaml", kBase);
  const auto child = dir.path() / "child.yaml";
  test::write_file(child, "extends: base.yaml\n");
  const auto d = file_diagnostics(child);
  ASSERT_EQ(d.size(), 1u) << all_messages(d);
  EXPECT_NE(d[0].message.find("missing required key 'name'"), std::string::npos);
}

TEST(ScenarioExtends, ShippedScenariosExtendTheHistoryBaseline) {
  const auto baseline = io::parse_scenario_file(test::source_dir() + "/scenarios/baseline.yaml",
                                                shipped_world(), shipped_registry());
  ASSERT_FALSE(baseline.policies.empty());
  // Some policies of the history began before the run.
  EXPECT_TRUE(std::any_of(baseline.policies.begin(), baseline.policies.end(),
                          [&](const PolicySpec& p) { return p.start < baseline.start; }));
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() + "/scenarios")) {
    if (entry.path().extension() != ".yaml" || entry.path().stem() == "baseline") continue;
    const auto text = test::read_file(entry.path());
    EXPECT_NE(text.find("\nextends: baseline.yaml\n"), std::string::npos) << entry.path();
    const auto s =
        io::parse_scenario_file(entry.path().string(), shipped_world(), shipped_registry());
    // Every historical policy that the scenario did not remove is still there, in order.
    size_t kept = 0;
    for (const auto& p : s.policies) {
      if (kept < baseline.policies.size() && !p.id.empty() && p.id == baseline.policies[kept].id) {
        ++kept;
      }
    }
    EXPECT_GT(kept, 0u) << entry.path();
  }
}

const std::string kFitted =
    "parameters:\n"
    "  justice.pretrial_years: 0.9\n"
    "  justice.conviction_share: 0.65\n"
    "  justice.drug_share: 0.12\n";

TEST(ParametersFrom, PrecedenceIsFileThenBaseThenOwnThenSet) {
  test::TempDir dir;
  test::write_file(dir.path() / "fitted.yaml", kFitted);
  // The base sets conviction_share and pretrial_years itself (kBase); the child takes its
  // parameters from the file and sets pretrial_years.
  test::write_file(dir.path() / "base.yaml", kBase);
  test::write_file(dir.path() / "child.yaml",
                   "name: child\n"
                   "extends: base.yaml\n"
                   "parameters_from: fitted.yaml\n"
                   "parameters:\n"
                   "  justice.pretrial_years: 1.1\n");
  auto s = io::parse_scenario_file((dir.path() / "child.yaml").string(), shipped_world(),
                                   shipped_registry());
  auto value = [&](const std::string& name) {
    const auto it = std::find_if(s.parameters.begin(), s.parameters.end(),
                                 [&](const auto& p) { return p.first == name; });
    return it == s.parameters.end() ? -1.0 : it->second;
  };
  EXPECT_EQ(value("justice.drug_share"), 0.12);       // only in the file
  EXPECT_EQ(value("justice.conviction_share"), 0.6);  // the base's parameters beat the file
  EXPECT_EQ(value("justice.pretrial_years"), 1.1);    // the child's own beat both
  EXPECT_EQ(s.parameters.size(), 3u) << "one entry per parameter";
  io::apply_overrides(s, {"justice.pretrial_years=1.2"}, shipped_world(), shipped_registry());
  EXPECT_EQ(value("justice.pretrial_years"), 1.2);  // --set beats everything
  // Without a child, the file alone over the defaults.
  test::write_file(dir.path() / "plain.yaml", kHeader + "parameters_from: fitted.yaml\n");
  s = io::parse_scenario_file((dir.path() / "plain.yaml").string(), shipped_world(),
                              shipped_registry());
  EXPECT_EQ(value("justice.conviction_share"), 0.65);
}

TEST(ParametersFrom, ProblemsInTheFileNameTheFileLineAndColumn) {
  test::TempDir dir;
  const auto fitted = dir.path() / "fitted.yaml";
  test::write_file(fitted,
                   "parameters:\n"
                   "  justice.pretrial_yeras: 0.9\n"  // 2: unknown name, column 3
                   "  justice.conviction_share: 7\n"  // 3: out of range, value in column 29
                   "  justice.drug_share: many\n"     // 4: not a number, value in column 23
                   "fit_error: 0.3\n");               // 5: not allowed, column 1
  const auto scenario = dir.path() / "s.yaml";
  test::write_file(scenario, kHeader + "parameters_from: fitted.yaml\n");
  const auto d = file_diagnostics(scenario);
  ASSERT_EQ(d.size(), 4u) << all_messages(d);
  for (const auto& x : d) EXPECT_EQ(x.where.file, fitted.string()) << x.to_string();
  std::vector<std::pair<int, int>> places;
  places.reserve(d.size());
  for (const auto& x : d) places.emplace_back(x.where.line, x.where.column);
  std::sort(places.begin(), places.end());
  EXPECT_EQ(places, (std::vector<std::pair<int, int>>{{2, 3}, {3, 29}, {4, 23}, {5, 1}}));
  EXPECT_NE(all_messages(d).find("unknown parameter 'justice.pretrial_yeras'"), std::string::npos);
  EXPECT_NE(all_messages(d).find("out of range"), std::string::npos);
  EXPECT_NE(all_messages(d).find("expected a number"), std::string::npos);
  EXPECT_NE(all_messages(d).find("expected only 'parameters'"), std::string::npos);
}

TEST(ParametersFrom, MissingFileIsReportedAtTheKeyValue) {
  test::TempDir dir;
  const auto scenario = dir.path() / "s.yaml";
  test::write_file(scenario, kHeader + "parameters_from: ../nowhere/fitted.yaml\n");
  const auto d = file_diagnostics(scenario);
  ASSERT_EQ(d.size(), 1u) << all_messages(d);
  EXPECT_EQ(d[0].where.file, scenario.string());
  EXPECT_EQ(d[0].where.line, 6);
  EXPECT_EQ(d[0].where.column, 18);  // "parameters_from: " is 17 characters
  EXPECT_NE(d[0].message.find("cannot read parameters file"), std::string::npos);
}

TEST(Schema, NamesTheInheritanceKeys) {
  const auto schema = io::scenario_schema_json(shipped_world(), shipped_registry());
  for (const char* key : {"\"extends\"", "\"parameters_from\"", "\"remove\"", "\"id\""}) {
    EXPECT_NE(schema.find(key), std::string::npos) << key;
  }
}

}  // namespace
}  // namespace narcosim
