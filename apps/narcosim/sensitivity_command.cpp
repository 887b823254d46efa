#include "sensitivity_command.hpp"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>

#include "ensemble_command.hpp"
#include "flag_checks.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/sensitivity_report.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/world_loader.hpp"

namespace narcosim::cli {

namespace {

// Rows of the markdown tables per output (stdout shows options.top).
constexpr size_t kMarkdownTop = 15;

// The screened parameters: --vary, else --vary-file, else every registered parameter whose
// declared range is not a single value. A screening is meant to find which of all parameters
// matter, so by default none is left out; the declared ranges are the plausible bounds
// documented in docs/parameters.md.
std::vector<calibration::FreeParameter> screened_parameters(const SensitivityOptions& options,
                                                            const ParameterRegistry& registry) {
  if (!options.vary.empty() && !options.vary_file.empty()) {
    throw InputError(SourceLocation{"--vary-file", 1, 1}, "give --vary or --vary-file, not both");
  }
  if (!options.vary_file.empty()) {
    return calibration::load_free_parameters(options.vary_file, registry);
  }
  return ensemble::parse_varied(options.vary.empty() ? std::vector<std::string>{"*"} : options.vary,
                                registry);
}

}  // namespace

void add_sensitivity_flags(CLI::App& command, SensitivityOptions& options) {
  auto& run = options.run;
  command.add_option("scenario", run.scenario_path, "Scenario YAML file")->required();
  command
      .add_option("--trajectories", options.trajectories,
                  "Morris trajectories r: (parameters + 2) x r runs")
      ->required()
      ->check(CLI::Range(1, 100000));
  command.add_option("--levels", options.levels, "Grid levels per parameter (even)")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  command
      .add_option("--replicates", options.replicates,
                  "Runs per design point with different seeds, averaged")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command.add_option("--vary", options.vary,
                     "Parameter to screen: NAME, NAME* (a prefix), NAME=LOWER:UPPER[:log] "
                     "(default: every parameter with a declared range)");
  command.add_option("--vary-file", options.vary_file,
                     "CSV of parameters to screen: name,lower,upper,scale,why");
  command
      .add_option("--outputs", options.outputs,
                  "Outputs of the Americas, comma-separated metrics; '+' sums metrics")
      ->capture_default_str();
  command
      .add_option("--countries", options.countries,
                  "Countries or corridors whose series the database keeps besides the Americas "
                  "(ALL), comma-separated")
      ->capture_default_str();
  command.add_option("--year", options.year, "Year whose values are screened (default: last)")
      ->check(CLI::Range(1900, 2200));
  command.add_option("--top", options.top, "Parameters per output printed")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command.add_option("--seed", run.seed, "Seed of the design and first seed of the runs")
      ->check(seed_range());
  command.add_option("--scale", run.scale, "Agents per real person, in (0, 1]")
      ->check(finite_in(1e-6, 1.0));
  command
      .add_option("--jobs", run.threads,
                  "Runs at once in each process (default: the cores shared by the ranks)")
      ->check(CLI::Range(1, 1024));
  command.add_option("--out", run.out_dir, "Output directory (default runs/sensitivity-<name>/)");
  command.add_flag("--resume", options.resume,
                   "Complete the interrupted screening in <out>.partial (same arguments)");
  command.add_flag("--overwrite", run.overwrite,
                   "Replace the finished narcosim output at --out, or discard <out>.partial");
  command.add_option("--set", run.sets,
                     "Override: key=value (a parameter, seed, scale, start, end)");
  command.add_flag("--quiet", run.quiet, "Print nothing on success");
}

int sensitivity_command(const SensitivityOptions& options, const ensemble::Cluster& cluster) {
  const auto data_dir = data_dir_or_default(options.run.data_dir);
  const auto world_ptr = std::make_shared<const World>(io::load_world(data_dir));
  const World& world = *world_ptr;
  const ParameterRegistry registry(world.substance_ids());
  Scenario scenario = load_scenario(options.run.scenario_path, options.run, world, registry);
  const auto outputs = ensemble::parse_screened_outputs(options.outputs, "--outputs");
  auto varied = screened_parameters(options, registry);
  const int year = ensemble::screened_year(scenario, options.year, "--year");
  const auto request = output_request(
      options.run, "runs/sensitivity-" + io::file_name_for(scenario.name), "sensitivity");

  const auto screening =
      ensemble::screening_plan(std::move(scenario), std::move(varied), options.trajectories,
                               options.levels, options.replicates, "--");
  const auto& plan = screening.plan;
  const auto& design = screening.design;

  ensemble::EnsembleSettings settings;
  settings.out_dir = request.path;
  settings.kind = request.kind;
  settings.overwrite = request.overwrite;
  settings.out_dir_chosen = request.user_chosen;
  settings.resume = options.resume;
  settings.runner.jobs = jobs_per_rank(options.run, cluster);
  // Rows stored besides the Americas (run_screening adds ALL).
  settings.runner.keep.rows = parse_country_list(options.countries, world, "--countries");
  const auto bar = progress_reporting(settings, cluster.is_root() && !options.run.quiet);
  settings.command_line = options.command_line;
  const auto& s = plan.scenarios.front();
  const bool talk = cluster.is_root() && !options.run.quiet;
  if (talk) {
    fmt::print(stderr,
               "narcosim: Morris screening of {} ({} to {}, scale {}): {} parameters and the "
               "seed, {} trajectories, {} levels, {} replicate{} = {} runs; {} rank{} x {} runs "
               "at once\n",
               s.name, format_iso_date(s.start), format_iso_date(s.end), s.scale,
               plan.varied.size(), design.trajectories, design.levels, plan.replicates,
               plan.replicates == 1 ? "" : "s", plan.runs.size(), cluster.size(),
               cluster.size() == 1 ? "" : "s", settings.runner.jobs);
  }

  const auto report = ensemble::run_screening(
      world_ptr, plan, ensemble::ScreeningRequest{design, outputs, year, kMarkdownTop}, cluster,
      settings);
  const auto summary = ensemble::sensitivity_summary(report, size_t(options.top));
  if (*bar) (*bar)->finish();
  if (talk) {
    fmt::print("\n{}\nOutputs: {} (sensitivity.csv, sensitivity.md, results.sqlite)\n", summary,
               std::filesystem::absolute(request.path).string());
  }
  return 0;
}

}  // namespace narcosim::cli
