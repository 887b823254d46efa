#include "compare_runs_command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "ensemble_command.hpp"
#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/paired.hpp"
#include "narcosim/ensemble/plans.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/world_loader.hpp"

namespace narcosim::cli {

int compare_runs_command(const CompareRunsOptions& options, const ensemble::Cluster& cluster) {
  const auto data_dir = data_dir_or_default(options.run.data_dir);
  const auto world_ptr = std::make_shared<const World>(io::load_world(data_dir));
  const World& world = *world_ptr;
  const ParameterRegistry registry(world.substance_ids());
  Scenario a = load_scenario(options.run.scenario_path, options.run, world, registry);
  Scenario b = load_scenario(options.scenario_b, options.run, world, registry);
  const auto plan = ensemble::paired_plan(std::move(a), std::move(b), options.runs);
  const auto request =
      output_request(options.run,
                     fmt::format("runs/compare-{}-vs-{}", io::file_name_for(plan.scenarios[0].name),
                                 io::file_name_for(plan.scenarios[1].name)),
                     "paired-comparison");

  ensemble::EnsembleSettings settings;
  settings.out_dir = request.path;
  settings.kind = request.kind;
  settings.overwrite = request.overwrite;
  settings.out_dir_chosen = request.user_chosen;
  settings.resume = options.resume;
  settings.runner.jobs = jobs_per_rank(options.run, cluster);
  const auto bar = progress_reporting(settings, cluster.is_root() && !options.run.quiet);
  settings.command_line = options.command_line;
  const bool talk = cluster.is_root() && !options.run.quiet;
  if (talk) {
    fmt::print(stderr,
               "narcosim: comparing {} and {} over {} pairs of runs (seeds {}-{}, scale {}); {} "
               "rank{} x {} runs at once\n",
               plan.scenarios[0].name, plan.scenarios[1].name, options.runs, plan.base_seed,
               plan.base_seed + plan.replicates - 1, plan.scenarios[0].scale, cluster.size(),
               cluster.size() == 1 ? "" : "s", settings.runner.jobs);
  }
  const auto comparison = ensemble::run_paired_comparison(world_ptr, plan, cluster, settings);
  if (*bar) (*bar)->finish();
  if (talk) {
    fmt::print(
        "\n{}\nOutputs: {} (paired_differences.csv, headline.txt, quantiles.csv, "
        "results.sqlite)\n",
        comparison.headline, std::filesystem::absolute(request.path).string());
  }
  return 0;
}

}  // namespace narcosim::cli
