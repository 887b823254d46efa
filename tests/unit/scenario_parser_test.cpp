// Scenario files are strictly validated: every problem is an InputError whose diagnostic names
// the file, the 1-based line and column of the offending YAML node, and what is wrong.
// Positions below are counted by hand from the YAML text of each test: a diagnostic points at
// the start of the node holding the bad key or value.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/scenario_parser.hpp"
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

TEST(ScenarioParser, UnknownPlaceInAListPointsAtTheList) {
  // In a flow list the diagnostic points at the list, whose '[' is in column 16.
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: treatment\n"
                           "    countries: [USA, ATLANTIS]\n"  // 8
                           "    start: 2011-01-01\n";
  expect_single_diagnostic(yaml, 8, 16, "'ATLANTIS'");
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

TEST(ScenarioParser, PolicyStartOutsideTheRun) {
  const std::string yaml = kHeader +
                           "policies:\n"
                           "  - type: treatment\n"
                           "    countries: USA\n"
                           "    start: 2009-06-01\n";  // 9: "    start: " is 11 chars, column 12
  expect_single_diagnostic(yaml, 9, 12, "outside the run");
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

}  // namespace
}  // namespace narcosim
