// Scenarios as JSON (io/scenario_json.hpp): read by the YAML parser, problems located by field
// path, and the resolved scenario written back as JSON that reads as the same scenario.
#include "narcosim/io/scenario_json.hpp"

#include <gtest/gtest.h>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/scenario_writer.hpp"
#include "narcosim/io/world_loader.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

const World& shipped_world() {
  static const World world = io::load_world(NARCOSIM_TEST_DATA_DIR);
  return world;
}

const ParameterRegistry& shipped_registry() {
  static const ParameterRegistry registry(shipped_world().substance_ids());
  return registry;
}

std::vector<std::string> problems_of(const std::string& json) {
  try {
    (void)io::parse_scenario_json(json, "request", shipped_world(), shipped_registry());
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {};
}

TEST(ScenarioJson, ReadsAsTheSameYamlReads) {
  const std::string yaml =
      "name: transport\nstart: 2012-01-01\nend: 2014-12-31\nseed: 3\nscale: 0.004\n"
      "parameters:\n  demand.cocaine.price_elasticity: -0.65\n"
      "policies:\n  - id: t\n    type: legalize_transport\n    countries: [GTM, HND]\n"
      "    substances: [cocaine]\n    start: 2013-01-01\n    licensed_share: 0.5\n";
  const std::string json = R"({"name": "transport", "start": "2012-01-01", "end": "2014-12-31",
    "seed": 3, "scale": 0.004, "parameters": {"demand.cocaine.price_elasticity": -0.65},
    "policies": [{"id": "t", "type": "legalize_transport", "countries": ["GTM", "HND"],
    "substances": ["cocaine"], "start": "2013-01-01", "licensed_share": 0.5}]})";
  const auto from_yaml =
      io::parse_scenario_text(yaml, "t.yaml", shipped_world(), shipped_registry());
  const auto from_json =
      io::parse_scenario_json(json, "request", shipped_world(), shipped_registry());
  EXPECT_EQ(io::scenario_to_yaml(from_json, shipped_world()),
            io::scenario_to_yaml(from_yaml, shipped_world()));
}

TEST(ScenarioJson, WrittenJsonReadsBackAsTheSameScenario) {
  const auto baseline = io::parse_scenario_file(
      std::string(NARCOSIM_TEST_SOURCE_DIR) + "/scenarios/guatemala-legal-transport.yaml",
      shipped_world(), shipped_registry());
  const auto json = io::scenario_to_json(baseline, shipped_world());
  const auto again = io::parse_scenario_json(json, "again", shipped_world(), shipped_registry());
  EXPECT_EQ(io::scenario_to_yaml(again, shipped_world()),
            io::scenario_to_yaml(baseline, shipped_world()));
  EXPECT_EQ(io::scenario_to_json(again, shipped_world()), json);
}

TEST(ScenarioJson, ProblemsAreLocatedByFieldPath) {
  const auto problems = problems_of(R"({"name": "x", "start": "2012-01-01", "end": "2013-12-31",
    "colour": "red", "parameters": {"demand.cocaine.price_elasticity": 4},
    "policies": [{"type": "treatment", "countries": ["MEX"], "start": "2012-01-01"},
                 {"type": "interdiction", "countries": ["MEX", "ATLANTIS"],
                  "start": "2012-01-01", "multiplier": 50}]})");
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].rfind("request: colour: unknown key 'colour'", 0), 0u) << problems[0];
  EXPECT_EQ(problems[1].rfind("request: parameters.demand.cocaine.price_elasticity: 4 is out of "
                              "range",
                              0),
            0u)
      << problems[1];
  // The key named by the path is not repeated at the start of the message.
  EXPECT_EQ(problems[2].rfind("request: policies[1].multiplier: 50 is out of range", 0), 0u)
      << problems[2];
  EXPECT_EQ(problems[3].rfind("request: policies[1].countries[1]: unknown country", 0), 0u)
      << problems[3];
}

TEST(ScenarioJson, TextThatIsNotAnObjectIsRefused) {
  EXPECT_EQ(problems_of("[1, 2]").at(0),
            "request: expected an object of scenario keys (name, start, end, policies, ...)");
  EXPECT_EQ(problems_of("{\"name\": ").at(0).rfind("request: not valid JSON at byte", 0), 0u);
  // A number no double holds (scenario_json_fuzz found that it escaped as another exception).
  EXPECT_NE(problems_of("{\"scale\": 1e999}").at(0).find("not valid JSON: "), std::string::npos);
  // Quotes and colons in strings stay inside their scalar.
  const auto scenario = io::parse_scenario_json(
      R"({"name": "a \"quoted\" name: b", "start": "2012-01-01", "end": "2012-12-31"})", "request",
      shipped_world(), shipped_registry());
  EXPECT_EQ(scenario.name, "a \"quoted\" name: b");
}

}  // namespace
}  // namespace narcosim
