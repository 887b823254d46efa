// YAML round trip: a scenario parsed, written back and parsed again is the same scenario, for
// every policy type with every field set away from its default (so a field the writer forgot
// would come back as the default and fail).
#include <gtest/gtest.h>

#include <string>

#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/scenario_writer.hpp"
#include "narcosim/model/policy.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

using test::shipped_registry;
using test::shipped_world;

Scenario parse(const std::string& yaml) {
  return io::parse_scenario_text(yaml, "s.yaml", shipped_world(), shipped_registry());
}

// A value inside the field's range but different from its default.
std::string non_default(const PolicyField& field) {
  if (field.is_choice()) {
    return field.choices[field.default_value > 0 ? 0 : field.choices.size() - 1];
  }
  const double mid = 0.5 * (field.min_value + field.max_value);
  const double value = mid != field.default_value ? mid : field.max_value;
  return std::to_string(value);
}

void expect_same(const Scenario& a, const Scenario& b) {
  EXPECT_EQ(a.name, b.name);
  EXPECT_EQ(a.description, b.description);
  EXPECT_EQ(a.start, b.start);
  EXPECT_EQ(a.end, b.end);
  EXPECT_EQ(a.step_days, b.step_days);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(a.scale, b.scale);
  EXPECT_EQ(a.parameters, b.parameters);
  ASSERT_EQ(a.policies.size(), b.policies.size());
  for (size_t i = 0; i < a.policies.size(); ++i) {
    const auto& p = a.policies[i];
    const auto& q = b.policies[i];
    EXPECT_EQ(p.id, q.id);
    EXPECT_EQ(p.type, q.type);
    EXPECT_EQ(p.places, q.places);
    EXPECT_EQ(p.nodes, q.nodes);
    EXPECT_EQ(p.substances, q.substances);
    EXPECT_EQ(p.start, q.start);
    EXPECT_EQ(p.end, q.end);
    EXPECT_EQ(p.fields, q.fields) << p.type;
  }
}

TEST(ScenarioWriter, EveryPolicyTypeRoundTrips) {
  for (const auto& type : policy_types()) {
    std::string yaml =
        "name: \"round trip: " + type.name +
        "\"\ndescription: \"quotes \\\" and colons: kept\"\nstart: 2010-01-01\nend: 2016-12-31\n"
        "step_days: 14\nseed: 42\nscale: 0.0025\n"
        "parameters:\n  demand.cocaine.price_elasticity: -0.7\n"
        "policies:\n  - type: " +
        type.name + "\n    countries: [central_america, MEX]\n";
    if (type.substance_specific) yaml += "    substances: [cocaine, heroin]\n";
    yaml += "    start: 2011-03-01\n    end: 2014-06-30\n";
    for (const auto& field : type.fields) {
      yaml += "    " + field.name + ": " + non_default(field) + "\n";
    }
    const Scenario first = parse(yaml);
    for (const auto& field : type.fields) {
      EXPECT_NE(first.policies[0].fields.at(field.name), field.default_value)
          << type.name << "." << field.name;
    }
    const std::string written = io::scenario_to_yaml(first, shipped_world());
    SCOPED_TRACE(written);
    const Scenario second = parse(written);
    expect_same(first, second);
    // Writing is stable: the written form of the re-read scenario is the same text.
    EXPECT_EQ(io::scenario_to_yaml(second, shipped_world()), written);
  }
}

TEST(ScenarioWriter, OpenEndedPolicyAndNoParametersRoundTrip) {
  const Scenario first = parse(
      "name: plain\nstart: 2010-01-01\nend: 2012-12-31\n"
      "policies:\n  - type: amnesty\n    countries: MEX\n    start: 2011-01-01\n");
  const Scenario second = parse(io::scenario_to_yaml(first, shipped_world()));
  expect_same(first, second);
  EXPECT_FALSE(second.policies[0].end.has_value());
}

TEST(ScenarioWriter, ResolvedInheritedScenarioIsSelfContained) {
  // A child of a base with a parameters file, history before the run and ids: the written
  // scenario names neither file, lists every policy, and reads back (from another directory,
  // where the base and the parameters file do not exist) as the same scenario.
  test::TempDir dir;
  test::write_file(dir.path() / "fitted.yaml", "parameters:\n  justice.drug_share: 0.12\n");
  test::write_file(dir.path() / "base.yaml",
                   "name: base\nstart: 2010-01-01\nend: 2020-12-31\n"
                   "parameters_from: fitted.yaml\n"
                   "policies:\n"
                   "  - id: history\n    type: militarization\n    countries: MEX\n"
                   "    start: 2006-12-11\n"
                   "  - id: gone\n    type: treatment\n    countries: USA\n"
                   "    start: 2012-01-01\n");
  test::write_file(dir.path() / "child.yaml",
                   "name: child\nextends: base.yaml\nremove: [gone]\n"
                   "parameters:\n  justice.pretrial_years: 1.1\n"
                   "policies:\n  - type: amnesty\n    countries: MEX\n    start: 2013-01-01\n");
  const Scenario first = io::parse_scenario_file((dir.path() / "child.yaml").string(),
                                                 shipped_world(), shipped_registry());
  const auto text = io::scenario_to_yaml(first, shipped_world());
  for (const char* gone : {"extends", "parameters_from", "remove", "fitted.yaml", "base.yaml"}) {
    EXPECT_EQ(text.find(gone), std::string::npos) << gone << " in:\n" << text;
  }
  test::TempDir elsewhere;
  test::write_file(elsewhere.path() / "scenario.yaml", text);
  const Scenario second = io::parse_scenario_file((elsewhere.path() / "scenario.yaml").string(),
                                                  shipped_world(), shipped_registry());
  expect_same(first, second);
  ASSERT_EQ(second.policies.size(), 2u);
  EXPECT_EQ(second.policies[0].id, "history");
  EXPECT_LT(second.policies[0].start, second.start);
  EXPECT_EQ(second.parameters.size(), 2u);
}

}  // namespace
}  // namespace narcosim
