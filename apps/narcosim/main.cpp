// narcosim: the command line. Thin: parses flags and calls the library.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <exception>

#include "calibrate_command.hpp"
#include "commands.hpp"
#include "compare_runs_command.hpp"
#include "ensemble_command.hpp"
#include "flag_checks.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/cluster.hpp"
#include "narcosim/io/world_loader.hpp"
#include "sensitivity_command.hpp"

namespace {

// Flags shared by every command that runs scenarios (run, compare).
void add_run_flags(CLI::App& command, narcosim::cli::RunOptions& options) {
  command.add_option("--seed", options.seed, "Random seed (overrides the scenario)")
      ->check(narcosim::cli::seed_range());
  command.add_option("--scale", options.scale, "Agents per real person, in (0, 1]")
      ->check(narcosim::cli::finite_in(1e-6, 1.0));
  command.add_option("--threads", options.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
  command.add_option("--set", options.sets,
                     "Override: key=value (a parameter, seed, scale, start, end)");
  command.add_flag("--quiet", options.quiet, "Print nothing on success");
  command.add_flag("--overwrite", options.overwrite,
                   "Replace the finished narcosim output at --out (never anything else)");
  command
      .add_option("--resolution", options.resolution,
                  "Timeseries and flows per step (week), month or year (sums of flows, means "
                  "of levels)")
      ->check(CLI::IsMember({"week", "month", "year"}));
  command
      .add_option("--series", options.series,
                  "Write timeseries and flows as csv (timeseries.csv, flows.csv) or as one "
                  "sqlite file (timeseries.sqlite)")
      ->check(CLI::IsMember({"csv", "sqlite"}));
}

void add_calibrate_flags(CLI::App& command, narcosim::cli::CalibrateOptions& options) {
  auto& s = options.settings;
  command.add_option_function<std::string>(
      "--out",
      [&options](const std::string& dir) {
        options.out_dir = dir;
        options.out_dir_chosen = true;
      },
      "Output directory (default runs/calibration)");
  command.add_flag("--overwrite", options.overwrite,
                   "Replace the finished calibration at --out, or discard <out>.partial");
  command.add_option("--scenario", options.scenario_path,
                     "Baseline scenario (default: scenarios/baseline.yaml of the project)");
  command.add_flag("--resume", options.resume,
                   "Continue from the checkpoint in <out>.partial (same settings)");
  command.add_option("--evaluations", s.max_evaluations, "Optimiser budget (model evaluations)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  command.add_option("--seeds", options.seeds, "Seeds averaged in each evaluation (1..K)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command.add_option("--report-seeds", s.report_seeds, "Replicates behind the report's bands")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  command.add_option("--scale", s.scale, "Agents per real person")
      ->check(narcosim::cli::finite_in(1e-6, 1.0))
      ->capture_default_str();
  command.add_option("--threads", s.threads, "Model runs at once (per rank under mpirun)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  command.add_option("--algorithm", s.algorithm, "NLopt algorithm: bobyqa, sbplx, neldermead")
      ->capture_default_str();
  command.add_option("--fit-until", s.fit_last_year, "Last year of the calibration targets")
      ->check(CLI::Range(2010, 2100))
      ->capture_default_str();
  command.add_option("--until", s.last_year, "Last year of the out-of-sample targets")
      ->check(CLI::Range(2010, 2100))
      ->capture_default_str();
  command.add_flag(
      "--no-install", [&options](int64_t) { options.install = false; },
      "Do not write data/calibration/fitted.yaml");
  command.add_option("--docs", options.docs_path,
                     "Also replace the generated section of this Markdown file "
                     "(docs/validation.md)");
  command.add_flag("--quiet", options.quiet, "Print nothing on success");
}

void add_ensemble_flags(CLI::App& command, narcosim::cli::EnsembleOptions& options) {
  auto& run = options.run;
  command.add_option("scenario", run.scenario_path, "Scenario YAML file")->required();
  command.add_option("--runs", options.runs, "Runs in all: parameter samples x replicates")
      ->required()
      ->check(narcosim::cli::run_count());
  command
      .add_option("--jobs", run.threads,
                  "Runs at once in each process (default: the cores shared by the ranks)")
      ->check(CLI::Range(1, 1024));
  command.add_option("--seed", run.seed, "First seed; replicate r uses seed + r")
      ->check(narcosim::cli::seed_range());
  command.add_option("--scale", run.scale, "Agents per real person, in (0, 1]")
      ->check(narcosim::cli::finite_in(1e-6, 1.0));
  command.add_option("--out", run.out_dir, "Output directory (default runs/ensemble-<name>/)");
  command.add_flag("--resume", options.resume,
                   "Complete the interrupted ensemble in <out>.partial (same arguments)");
  command.add_flag("--overwrite", run.overwrite,
                   "Replace the finished narcosim output at --out, or discard <out>.partial");
  command
      .add_option("--samples", options.samples,
                  "Parameter samples (Latin hypercube); --runs / --samples replicates each")
      ->check(narcosim::cli::run_count());
  command.add_option("--design", options.design, "Parameter design: lhs or grid")
      ->capture_default_str();
  command.add_option("--levels", options.levels, "Grid: values per parameter (with --design grid)")
      ->check(CLI::Range(1, 1000));
  command.add_option("--vary", options.vary,
                     "Parameter to vary: NAME, NAME* (a prefix), NAME=LOWER:UPPER[:log] "
                     "(default: the calibration's free parameters)");
  command.add_option("--vary-file", options.vary_file,
                     "CSV of parameters to vary: name,lower,upper,scale,why");
  command
      .add_option("--metrics", options.metrics, "Metrics to keep, comma-separated (default: all)")
      ->check(narcosim::cli::not_empty());
  command
      .add_option("--countries", options.countries,
                  "Countries or corridors to keep, comma-separated, ALL for the Americas "
                  "(default: all)")
      ->check(narcosim::cli::not_empty());
  command.add_option("--set", run.sets,
                     "Override: key=value (a parameter, seed, scale, start, end)");
  command.add_flag("--quiet", run.quiet, "Print nothing on success");
}

int run_cli(int argc, char** argv, const narcosim::ensemble::Cluster& cluster) {
  using namespace narcosim;
  CLI::App app{"narcosim: a simulator of the drug trade and drug policy across the Americas"};
  app.require_subcommand(1);
  std::string data_dir;
  app.add_option("--data-dir", data_dir,
                 "World data directory (default: $NARCOSIM_DATA_DIR, else the installed data, "
                 "else the source tree's data/; --version shows which)");
  // Which build and which data a run would use: what a bug report needs.
  app.set_version_flag("--version", fmt::format("narcosim {} ({})\ndata: {}", NARCOSIM_VERSION,
                                                NARCOSIM_GIT_COMMIT, io::default_data_dir()));

  cli::RunOptions run;
  auto* run_cmd = app.add_subcommand("run", "Run one scenario and write its output directory");
  run_cmd->add_option("scenario", run.scenario_path, "Scenario YAML file")->required();
  run_cmd->add_option("--out", run.out_dir, "Output directory (default runs/<scenario-name>/)");
  add_run_flags(*run_cmd, run);

  cli::RunOptions compare;
  std::string compare_b;
  auto* compare_cmd = app.add_subcommand(
      "compare", "Run two scenarios with the same seed and write paired differences");
  compare_cmd->add_option("a", compare.scenario_path, "Scenario A (the reference)")->required();
  compare_cmd->add_option("b", compare_b, "Scenario B (the policy)")->required();
  compare_cmd->add_option("--out", compare.out_dir,
                          "Output directory (default runs/compare-<a>-vs-<b>/)");
  add_run_flags(*compare_cmd, compare);
  cli::CompareRunsOptions compare_runs;
  compare_cmd
      ->add_option("--runs", compare_runs.runs,
                   "Pairs of runs (seeds seed..seed+N-1): quantiles of the paired differences "
                   "and the probability that B lowers each metric")
      ->check(narcosim::cli::run_count());
  compare_cmd->add_option("--jobs", compare_runs.run.threads, "With --runs: runs at once")
      ->check(CLI::Range(1, 1024));
  compare_cmd->add_flag("--resume", compare_runs.resume,
                        "With --runs: complete an interrupted comparison in <out>.partial");

  std::vector<std::string> validate_paths;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenario files; exit 2 on problems");
  validate_cmd->add_option("scenarios", validate_paths, "Scenario YAML files")->required();

  auto* schema_cmd = app.add_subcommand("schema", "Print the JSON Schema of scenario files");
  auto* policies_cmd = app.add_subcommand("policies", "List policy types with their fields");
  auto* parameters_cmd = app.add_subcommand("parameters", "List every parameter (Markdown table)");
  std::string plan_path;
  auto* plan_cmd = app.add_subcommand("plan", "Print the module order and step plan of a run");
  plan_cmd->add_option("scenario", plan_path, "Scenario YAML file")->required();

  cli::CalibrateOptions calibrate;
  auto* calibrate_cmd = app.add_subcommand(
      "calibrate", "Fit the baseline to the observed 2010-2015 data; test it on 2016-2018");
  add_calibrate_flags(*calibrate_cmd, calibrate);

  cli::EnsembleOptions ensemble;
  auto* ensemble_cmd = app.add_subcommand(
      "ensemble",
      "Run replicates x parameter samples of a scenario; quantiles and a SQLite database "
      "(spreads over ranks under mpirun)");
  add_ensemble_flags(*ensemble_cmd, ensemble);

  cli::SensitivityOptions sensitivity;
  auto* sensitivity_cmd = app.add_subcommand(
      "sensitivity",
      "Morris screening: which parameters move the headline outputs (an ensemble; spreads over "
      "ranks under mpirun)");
  cli::add_sensitivity_flags(*sensitivity_cmd, sensitivity);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Under mpirun every rank parses the same flags: one message is enough.
    const int code = cluster.is_root() ? app.exit(e) : (e.get_exit_code() == 0 ? 0 : 2);
    return code == 0 ? 0 : 2;
  }
  run.data_dir = data_dir;
  compare.data_dir = data_dir;
  calibrate.data_dir = data_dir;
  ensemble.run.data_dir = data_dir;
  for (int i = 0; i < argc; ++i) calibrate.command_line += (i ? " " : "") + std::string(argv[i]);
  ensemble.command_line = calibrate.command_line;
  sensitivity.run.data_dir = data_dir;
  sensitivity.command_line = calibrate.command_line;
  // compare --runs N is an ensemble of two scenarios; without --runs, one pair of full runs.
  const bool paired_ensemble = *compare_cmd && compare_runs.runs > 0;
  if (paired_ensemble) {
    const int jobs = compare_runs.run.threads;
    compare_runs.run = compare;
    compare_runs.run.threads = jobs;
    compare_runs.scenario_b = compare_b;
    compare_runs.command_line = calibrate.command_line;
  } else if (*compare_cmd && (compare_runs.resume || compare_runs.run.threads > 0)) {
    fmt::print(stderr, "--jobs and --resume need --runs N\n");
    return 2;
  }
  try {
    // An ensemble, so it may run under mpirun like `ensemble`.
    if (*sensitivity_cmd) return cli::sensitivity_command(sensitivity, cluster);
    if (*calibrate_cmd) return cli::calibrate_command(calibrate, cluster);
    if (cluster.size() > 1 && !*ensemble_cmd && !paired_ensemble) {
      throw InputError(SourceLocation{"mpirun", 0, 0},
                       "only `narcosim ensemble`, `compare --runs N`, `sensitivity` and "
                       "`calibrate` spread over MPI ranks; run this command without mpirun");
    }
    if (*ensemble_cmd) return cli::ensemble_command(ensemble, cluster);
    if (paired_ensemble) return cli::compare_runs_command(compare_runs, cluster);
    if (*run_cmd) return cli::run_command(run);
    if (*compare_cmd) return cli::compare_command(compare, compare_b);
    if (*validate_cmd) return cli::validate_command(validate_paths, data_dir);
    if (*schema_cmd) return cli::schema_command(data_dir);
    if (*policies_cmd) return cli::policies_command(data_dir);
    if (*parameters_cmd) return cli::parameters_command(data_dir);
    if (*plan_cmd) return cli::plan_command(plan_path, data_dir);
  } catch (const InputError& e) {
    if (cluster.is_root()) {
      for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.to_string());
    }
    // Bad input seen by one rank only (a --resume directory) would leave the others waiting.
    cluster.abort(2);
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "narcosim: internal error{}: {}\n",
               cluster.size() > 1 ? fmt::format(" on rank {}", cluster.rank()) : std::string(),
               e.what());
    // The other ranks would wait for this one forever.
    cluster.abort(1);
    return 1;
  }
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    // Joins the MPI job when started by mpirun or srun; a single process otherwise.
    const narcosim::ensemble::Cluster cluster(argc, argv);
    return run_cli(argc, argv, cluster);
  } catch (const narcosim::InputError& e) {
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.to_string());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "narcosim: internal error: {}\n", e.what());
  } catch (...) {
    fmt::print(stderr, "narcosim: internal error\n");
  }
  return 1;
}
