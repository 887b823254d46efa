#include "compare_runs_command.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "ensemble_command.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/paired.hpp"
#include "narcosim/io/files.hpp"
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
  if (a.start != b.start || a.end != b.end || a.step_days != b.step_days) {
    throw InputError(
        SourceLocation{options.scenario_b, 0, 0},
        fmt::format("compare needs the same period and step: {} runs {} to {} every "
                    "{} days, this one {} to {} every {} days",
                    options.run.scenario_path, format_iso_date(a.start), format_iso_date(a.end),
                    a.step_days, format_iso_date(b.start), format_iso_date(b.end), b.step_days));
  }
  // Common random numbers: B runs at A's scale with A's seeds.
  b.scale = a.scale;
  if (a.name == b.name) b.name += "-b";
  const auto request = output_request(
      options.run,
      fmt::format("runs/compare-{}-vs-{}", io::file_name_for(a.name), io::file_name_for(b.name)),
      "paired-comparison");
  ensemble::RunPlan plan;
  plan.base_seed = a.seed;
  plan.design = "paired";
  plan.replicates = uint32_t(options.runs);
  plan.scenarios.push_back(std::move(a));
  plan.scenarios.push_back(std::move(b));
  ensemble::lay_out_runs(plan);

  ensemble::EnsembleSettings settings;
  settings.out_dir = request.path;
  settings.kind = request.kind;
  settings.overwrite = request.overwrite;
  settings.out_dir_chosen = request.user_chosen;
  settings.resume = options.resume;
  settings.runner.jobs = jobs_per_rank(options.run, cluster);
  settings.progress = !options.run.quiet;
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
  std::string headline;
  const auto write_pairs = [&](const std::string& work, const ensemble::ResultsDatabase& db,
                               const ensemble::EnsembleOutcome& /*outcome*/) {
    const auto pairs = ensemble::paired_series(db, plan, world);
    io::write_file_atomically(work + "/paired_differences.csv",
                              ensemble::paired_differences_csv(pairs, world));
    headline = ensemble::paired_headline(pairs, plan, world);
    io::write_file_atomically(work + "/headline.txt", headline);
  };
  ensemble::run_ensemble(world_ptr, plan, cluster, settings, write_pairs);
  if (talk) {
    fmt::print(
        "\n{}\nOutputs: {} (paired_differences.csv, headline.txt, quantiles.csv, "
        "results.sqlite)\n",
        headline, std::filesystem::absolute(request.path).string());
  }
  return 0;
}

}  // namespace narcosim::cli
