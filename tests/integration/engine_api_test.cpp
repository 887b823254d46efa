// The engine as a library user (the Python module, a server) sees it: scenarios built in code,
// validated by the core with every problem listed; runs that can be repeated, watched, cancelled
// within a step, and that keep to their own thread count when several share a process.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "narcosim/core/errors.hpp"
#include "narcosim/model/validate.hpp"
#include "run_support.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

Date date(const char* text) {
  return *parse_iso_date(text);
}

// A scenario written in code, with no YAML anywhere: six months, one interdiction policy whose
// second field is left out (it takes the type's default).
Scenario coded_scenario() {
  Scenario s;
  s.name = "built in code";
  s.start = date("2010-01-01");
  s.end = date("2010-06-30");
  s.seed = 5;
  s.scale = 0.002;
  s.parameters = {{"demand.cocaine.price_elasticity", -0.8}};
  PolicySpec p;
  p.type = "interdiction";
  p.places = {"MEX"};
  p.nodes = {test::node("MEX")};
  p.start = date("2010-03-01");
  p.fields = {{"multiplier", 3.0}};
  s.policies.push_back(p);
  return s;
}

// Every metric of every step, as bytes: two runs are the same run when these are equal.
class Fingerprint final : public StepObserver {
 public:
  void on_step(const ModelState& /*state*/, const MetricTable& metrics) override {
    ++steps_;
    for (size_t m = 0; m < kMetricCount; ++m) {
      for (size_t r = 0; r < metrics.node_rows(); ++r) {
        for (size_t c = 0; c < metrics.substance_columns(); ++c) {
          const double v = metrics.get(Metric(m), r, c);
          char bytes[sizeof v];
          std::memcpy(bytes, &v, sizeof v);
          text_.append(bytes, sizeof v);
        }
      }
    }
    concurrency_.push_back(tbb::this_task_arena::max_concurrency());
  }
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] int steps() const { return steps_; }
  [[nodiscard]] const std::vector<int>& concurrency() const { return concurrency_; }

 private:
  std::string text_;
  int steps_ = 0;
  std::vector<int> concurrency_;
};

TEST(EngineApi, AScenarioBuiltInCodeRunsAndMissingPolicyFieldsTakeTheirDefaults) {
  const auto scenario = coded_scenario();
  EXPECT_TRUE(validate(scenario, test::shipped_world(), test::shipped_registry()).empty());
  Engine engine(test::shared_world(), scenario, EngineOptions::checked(1));
  Fingerprint seen;
  const auto result = engine.run(&seen);
  EXPECT_EQ(result.steps, engine.calendar().step_count());
  EXPECT_EQ(seen.steps(), result.steps);
  // The same scenario written through YAML is the same run.
  const auto yaml = test::scenario_from_yaml(R"(name: built in code
start: 2010-01-01
end: 2010-06-30
seed: 5
scale: 0.002
parameters:
  demand.cocaine.price_elasticity: -0.8
policies:
  - type: interdiction
    countries: [MEX]
    start: 2010-03-01
    multiplier: 3
)");
  Engine from_yaml(test::shared_world(), yaml, EngineOptions::checked(1));
  Fingerprint seen_yaml;
  (void)from_yaml.run(&seen_yaml);
  EXPECT_EQ(seen.text(), seen_yaml.text());
}

TEST(EngineApi, ValidationListsEveryProblemWithItsField) {
  auto scenario = coded_scenario();
  scenario.scale = 0.0;                                                       // below the minimum
  scenario.parameters.emplace_back("demand.cocaine.price_elasticity", 40.0);  // out of range
  scenario.parameters.emplace_back("no.such.parameter", 1.0);
  scenario.policies[0].fields["multiplier"] = -1.0;  // below the field's minimum
  scenario.policies[0].fields["no_such_field"] = 1.0;
  PolicySpec corridor = scenario.policies[0];
  corridor.type = "eradication";  // applies to countries only
  corridor.fields = {};
  corridor.nodes.clear();
  for (size_t n = 0; n < test::shipped_world().nodes.size(); ++n) {
    if (test::shipped_world().nodes[n].kind == NodeKind::corridor) {
      corridor.nodes.push_back(NodeIndex(n));
      break;
    }
  }
  ASSERT_FALSE(corridor.nodes.empty());
  scenario.policies.push_back(corridor);
  PolicySpec unknown;
  unknown.type = "abolish_gravity";
  unknown.start = date("2010-01-01");
  scenario.policies.push_back(unknown);

  const auto problems = validate(scenario, test::shipped_world(), test::shipped_registry());
  std::vector<std::string> fields;
  for (const auto& p : problems) fields.push_back(p.field);
  const std::vector<std::string> expected = {"scale",
                                             "parameters.demand.cocaine.price_elasticity",
                                             "parameters.no.such.parameter",
                                             "policies[0].multiplier",
                                             "policies[0].no_such_field",
                                             "policies[1].countries",
                                             "policies[2].type"};
  EXPECT_EQ(fields, expected);
  // The Engine refuses it with the same problems, each naming the field.
  try {
    Engine engine(test::shared_world(), scenario);
    ADD_FAILURE() << "an invalid scenario was accepted";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(e.diagnostics()[i].message.rfind(expected[i] + ": ", 0), 0U)
          << e.diagnostics()[i].message;
    }
  }
}

TEST(EngineApi, ThePeriodMustBeRunnable) {
  auto backwards = coded_scenario();
  backwards.end = backwards.start;
  EXPECT_THROW(Engine(test::shared_world(), backwards), InputError);
  auto too_long = coded_scenario();
  too_long.step_days = 1;
  too_long.start = date("1990-01-01");
  too_long.end = date("2100-12-31");  // 40,542 daily steps, above the limit
  EXPECT_THROW(Engine(test::shared_world(), too_long), InputError);
  auto bad_step = coded_scenario();
  bad_step.step_days = 0;
  EXPECT_THROW(Engine(test::shared_world(), bad_step), InputError);
}

TEST(EngineApi, ASecondRunRepeatsTheFirst) {
  Engine engine(test::shared_world(), coded_scenario(), EngineOptions::checked(2));
  Fingerprint first;
  Fingerprint second;
  (void)engine.run(&first);
  (void)engine.run(&second);
  ASSERT_FALSE(first.text().empty());
  EXPECT_EQ(first.text(), second.text());
}

TEST(EngineApi, ProgressReportsEveryStepInOrder) {
  std::vector<int> done;
  int total = 0;
  auto options = EngineOptions::with_threads(1);
  options.on_progress = [&](const RunProgress& p) {
    done.push_back(p.steps_done);
    total = p.steps;
  };
  Engine engine(test::shared_world(), coded_scenario(), options);
  const auto result = engine.run(nullptr);
  ASSERT_EQ(int(done.size()), result.steps);
  for (size_t i = 0; i < done.size(); ++i) EXPECT_EQ(done[i], int(i) + 1);
  EXPECT_EQ(total, result.steps);
}

TEST(EngineApi, ACancelledRunStopsWithinOneStepAndSaysSo) {
  auto token = std::make_shared<CancelToken>();
  auto options = EngineOptions::with_threads(1);
  // Cancelled while the fifth step is reported: no sixth step starts.
  options.on_progress = [token](const RunProgress& p) {
    if (p.steps_done == 5) token->cancel();
  };
  options.cancel = token;
  Engine engine(test::shared_world(), coded_scenario(), options);
  Fingerprint seen;
  try {
    (void)engine.run(&seen);
    ADD_FAILURE() << "the run ended normally";
  } catch (const RunCancelled& e) {
    EXPECT_EQ(e.steps_done(), 5);
    EXPECT_NE(std::string(e.what()).find("cancelled after 5 of"), std::string::npos) << e.what();
  }
  EXPECT_EQ(seen.steps(), 5);
}

TEST(EngineApi, RunsInOneProcessKeepToTheirOwnThreadCounts) {
  // Two runs at once on two threads, one with 1 worker and one with 2: each sees its own arena,
  // and each produces what it produces alone (results never depend on threads).
  Fingerprint alone;
  {
    Engine engine(test::shared_world(), coded_scenario(), EngineOptions::with_threads(1));
    (void)engine.run(&alone);
  }
  Fingerprint one;
  Fingerprint two;
  std::thread a([&] {
    Engine engine(test::shared_world(), coded_scenario(), EngineOptions::with_threads(1));
    (void)engine.run(&one);
  });
  std::thread b([&] {
    Engine engine(test::shared_world(), coded_scenario(), EngineOptions::with_threads(2));
    (void)engine.run(&two);
  });
  a.join();
  b.join();
  EXPECT_EQ(one.text(), alone.text());
  EXPECT_EQ(two.text(), alone.text());
  for (const int c : one.concurrency()) EXPECT_EQ(c, 1);
  for (const int c : two.concurrency()) EXPECT_EQ(c, 2);
}

TEST(EngineApi, TheEngineKeepsTheWorldAlive) {
  // The caller's pointer goes away; the engine's share keeps the world for its runs.
  auto world = std::make_shared<const World>(test::shipped_world());
  Engine engine(world, coded_scenario());
  world.reset();
  Fingerprint seen;
  EXPECT_NO_THROW((void)engine.run(&seen));
  EXPECT_GT(seen.steps(), 0);
}

}  // namespace
}  // namespace narcosim
