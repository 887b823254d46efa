// Every declared parameter range is safe to use: with any one parameter at its minimum or its
// maximum (the rest at the baseline's values), a run of the baseline, history policies
// included, writes no output that is infinite, NaN where it applies, or negative for a
// count, stock, price or sum of money. (arrests_trafficking was -2.7e-16 at the first step with
// justice.drug_share at its minimum, 0.03; see MetricTable::clamp_rounding_below_zero.)
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "run_support.hpp"

namespace narcosim {
namespace {

using test::shipped_registry;
using test::shipped_world;

// The first output value of a run that breaks the rule, or "" if none does.
class OutputChecker final : public StepObserver {
 public:
  void on_step(const ModelState& state, const MetricTable& metrics) override {
    if (!problem.empty()) return;
    for (size_t m = 0; m < kMetricCount; ++m) {
      for (size_t r = 0; r < metrics.node_rows(); ++r) {
        for (size_t c = 0; c < metrics.substance_columns(); ++c) {
          const double v = metrics.get(Metric(m), r, c);
          if (std::isnan(v)) continue;  // the cell does not apply (e.g. coca in the USA)
          if (!std::isfinite(v) ||
              (std::signbit(v) && v != 0 && !info(Metric(m)).may_be_negative)) {
            problem = fmt::format("{} = {} at step {} (row {}, column {})", info(Metric(m)).name, v,
                                  state.step, r, c);
            return;
          }
        }
      }
    }
  }
  std::string problem;
};

std::string run_problem(const Scenario& scenario) {
  OutputChecker checker;
  try {
    Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(1));
    (void)engine.run(&checker);
  } catch (const std::exception& e) {
    return std::string("the run failed: ") + e.what();
  }
  return checker.problem;
}

TEST(ParameterExtremes, NoOutputIsNegativeOrInfiniteWithAnyParameterAtEitherEndOfItsRange) {
  Scenario base = io::parse_scenario_file(test::source_dir() + "/scenarios/baseline.yaml",
                                          shipped_world(), shipped_registry());
  // Six months: every module acts (harvests, seizures, initiation, arrests, releases, farmers'
  // reviews); problems at a range end show within weeks (the rounding below zero did at the
  // first step). The runs are short because most of their time is the model's set-up.
  io::apply_overrides(base, {"end=2010-06-30", "scale=0.0005", "seed=11"}, shipped_world(),
                      shipped_registry());
  ASSERT_EQ(run_problem(base), "");
  // The runs, each with one parameter at one end of its range, over two threads.
  std::vector<std::pair<std::string, double>> cases;
  for (const auto& spec : shipped_registry().specs()) {
    if (!(spec.min_value < spec.max_value)) continue;
    cases.emplace_back(spec.name, spec.min_value);
    cases.emplace_back(spec.name, spec.max_value);
  }
  std::vector<std::string> problems(cases.size());
  std::atomic<size_t> next{0};
  const auto work = [&] {
    for (size_t i = next++; i < cases.size(); i = next++) {
      Scenario s = base;
      std::erase_if(s.parameters, [&](const auto& p) { return p.first == cases[i].first; });
      s.parameters.push_back(cases[i]);
      problems[i] = run_problem(s);
    }
  };
  std::thread helper(work);
  work();
  helper.join();
  const size_t runs = cases.size();
  std::vector<std::string> failures;
  for (size_t i = 0; i < cases.size(); ++i) {
    if (!problems[i].empty()) {
      failures.push_back(fmt::format("{} = {}: {}", cases[i].first, cases[i].second, problems[i]));
    }
  }
  EXPECT_GT(runs, 200u);  // every parameter with a range, both ends
  std::string all;
  for (const auto& f : failures) all += f + "\n";
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << runs << " runs:\n" << all;
}

}  // namespace
}  // namespace narcosim
