// Parallel efficiency of the ensemble runner over MPI ranks when run times are heavy-tailed
// (issue 12): the dynamic queue (rank 0 hands out runs as ranks ask) against the round-robin
// split fixed in advance. Run it under a launcher, e.g.
//   mpirun -n 2 build/release/narcosim_queue_bench [runs] [scale] [seed]
// Runs are the shipped baseline cut to lengths drawn from a Pareto distribution (shape 1.1,
// at least 3 months, at most 8 years), so a few runs take many times longer than most, as
// parameter samples can. Efficiency = model time of all runs / (ranks x jobs x wall time).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "narcosim/ensemble/cluster.hpp"
#include "narcosim/ensemble/runner.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/world_loader.hpp"

namespace {

using namespace narcosim;

ensemble::RunPlan heavy_tailed_plan(const World& world, size_t runs, const std::string& scale,
                                    uint64_t seed) {
  const ParameterRegistry registry(world.substance_ids());
  std::mt19937_64 draws(seed);
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  ensemble::RunPlan plan;
  for (size_t i = 0; i < runs; ++i) {
    // Inverse of the Pareto distribution function: x_min / u^(1 / shape).
    const double months = std::min(96.0, 3.0 / std::pow(1.0 - uniform(draws), 1.0 / 1.1));
    const auto end = std::chrono::sys_days(std::chrono::year(2010) / std::chrono::January /
                                           std::chrono::day(1)) +
                     std::chrono::days(int(months * 30.4));
    Scenario s = io::parse_scenario_file(
        std::string(NARCOSIM_BENCH_SOURCE_DIR) + "/scenarios/baseline.yaml", world, registry);
    io::apply_overrides(s, {"end=" + format_iso_date(end), "scale=" + scale}, world, registry);
    s.name = fmt::format("run{}", i);
    plan.scenarios.push_back(std::move(s));
  }
  plan.design = "replicates";
  plan.replicates = 1;
  plan.base_seed = 1;
  ensemble::lay_out_runs(plan);
  return plan;
}

struct Timing {
  double wall = 0.0;
  double model = 0.0;  // sum of the runs' own times
  std::vector<double> run_seconds;
};

Timing time_schedule(const std::shared_ptr<const World>& world, const ensemble::RunPlan& plan,
                     const ensemble::Cluster& cluster, ensemble::Schedule schedule) {
  ensemble::RunnerSettings settings;
  settings.jobs = 1;
  settings.schedule = schedule;
  // Keep one series: the messages between ranks stay small, as they are not what is measured.
  settings.keep.metrics = {Metric::homicides};
  settings.keep.rows = {world->nodes.size()};
  std::vector<uint32_t> ids(plan.runs.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = uint32_t(i);
  Timing t;
  const auto started = std::chrono::steady_clock::now();
  ensemble::execute(world, plan, ids, cluster, settings, [&](ensemble::RunRecord&& r) {
    t.model += r.wall_seconds;
    t.run_seconds.push_back(r.wall_seconds);
  });
  // Every rank waits for the last: the wall time is the job's.
  std::string sync;
  cluster.broadcast(sync);
  t.wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  const ensemble::Cluster cluster(argc, argv);
  const size_t runs = argc > 1 ? size_t(std::atoi(argv[1])) : 24;
  const std::string scale = argc > 2 ? argv[2] : "0.01";
  const uint64_t seed = argc > 3 ? uint64_t(std::atoll(argv[3])) : 7;
  const auto world = std::make_shared<const World>(io::load_world(NARCOSIM_BENCH_DATA_DIR));
  const auto plan = heavy_tailed_plan(*world, runs, scale, seed);
  const double workers = double(cluster.size());
  for (int repeat = 0; repeat < 2; ++repeat) {
    for (const auto schedule : {ensemble::Schedule::round_robin, ensemble::Schedule::dynamic}) {
      auto t = time_schedule(world, plan, cluster, schedule);
      if (!cluster.is_root()) continue;
      std::sort(t.run_seconds.begin(), t.run_seconds.end());
      fmt::print(
          "{:<11} ranks {} runs {} scale {}: wall {:.2f} s, model {:.2f} s, efficiency "
          "{:.0f}%; run times min {:.2f} median {:.2f} max {:.2f} s\n",
          schedule == ensemble::Schedule::dynamic ? "dynamic" : "round-robin", cluster.size(), runs,
          scale, t.wall, t.model, 100.0 * t.model / (workers * t.wall), t.run_seconds.front(),
          t.run_seconds[t.run_seconds.size() / 2], t.run_seconds.back());
    }
  }
  return 0;
}
