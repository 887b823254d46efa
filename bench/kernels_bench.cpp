// Kernel benchmarks: agent-steps per second of the demand and trafficking modules on the real
// world data. Each benchmark runs a one-year scenario step by step and reports agent-steps per
// second per thread (items_per_second / threads).
#include <benchmark/benchmark.h>

#include <memory>

#include "narcosim/io/world_loader.hpp"
#include "narcosim/run/engine.hpp"

namespace {

using namespace narcosim;

Scenario one_year(double scale) {
  Scenario s;
  s.name = "bench";
  s.start = *parse_iso_date("2010-01-01");
  s.end = *parse_iso_date("2010-12-31");
  s.scale = scale;
  s.seed = 7;
  return s;
}

// Counts agent-steps of the two agent populations over a whole run.
class AgentCounter final : public StepObserver {
 public:
  void on_step(const ModelState& state, const MetricTable&) override {
    for (const auto& g : state.user_groups) users += double(g.size());
    workers += double(state.workers.size());
    batches += double(state.batches.size());
  }
  double users = 0, workers = 0, batches = 0;
};

void BM_WholeYear(benchmark::State& bench) {
  static const auto world = std::make_shared<const World>(io::load_world(NARCOSIM_BENCH_DATA_DIR));
  const double scale = double(bench.range(0)) / 1000.0;
  const int threads = int(bench.range(1));
  const auto scenario = one_year(scale);
  double demand_seconds = 0, trafficking_seconds = 0, user_steps = 0, trafficking_steps = 0;
  for (auto _ : bench) {
    Engine engine(world, scenario, EngineOptions::with_threads(threads));
    AgentCounter counter;
    const auto result = engine.run(&counter);
    for (const auto& t : result.timings) {
      if (t.module == "demand") demand_seconds += t.seconds;
      if (t.module == "trafficking" || t.module == "workforce") trafficking_seconds += t.seconds;
    }
    user_steps += counter.users;
    trafficking_steps += counter.workers + counter.batches;
  }
  bench.counters["demand_agent_steps_per_s_per_core"] = user_steps / demand_seconds / threads;
  bench.counters["trafficking_agent_steps_per_s_per_core"] =
      trafficking_steps / trafficking_seconds / threads;
}
BENCHMARK(BM_WholeYear)
    ->Args({1, 1})  // the ensemble case: scale 0.001, one thread per run
    ->Args({10, 1})
    ->Args({10, 2})
    ->Args({100, 2})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
