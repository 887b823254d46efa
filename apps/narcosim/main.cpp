// narcosim: the command line. Thin: parses flags and calls the library.
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <exception>

#include "calibrate_command.hpp"
#include "commands.hpp"
#include "narcosim/core/errors.hpp"

namespace {

// Flags shared by every command that runs scenarios (run, compare).
void add_run_flags(CLI::App& command, narcosim::cli::RunOptions& options) {
  command.add_option("--seed", options.seed, "Random seed (overrides the scenario)")
      ->check(CLI::NonNegativeNumber);
  command.add_option("--scale", options.scale, "Agents per real person, in (0, 1]")
      ->check(CLI::Range(1e-6, 1.0));
  command.add_option("--threads", options.threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
  command.add_option("--set", options.sets,
                     "Override: key=value (a parameter, seed, scale, start, end)");
  command.add_flag("--quiet", options.quiet, "Print nothing on success");
}

void add_calibrate_flags(CLI::App& command, narcosim::cli::CalibrateOptions& options) {
  auto& s = options.settings;
  command.add_option("--out", options.out_dir, "Output directory")->capture_default_str();
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
      ->check(CLI::Range(1e-6, 1.0))
      ->capture_default_str();
  command.add_option("--threads", s.threads, "Model runs at once")
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

int run_cli(int argc, char** argv) {
  using namespace narcosim;
  CLI::App app{"narcosim: a simulator of the drug trade and drug policy across the Americas"};
  app.require_subcommand(1);
  std::string data_dir;
  app.add_option("--data-dir", data_dir, "World data directory (default: the project's data/)");

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

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  run.data_dir = data_dir;
  compare.data_dir = data_dir;
  calibrate.data_dir = data_dir;
  for (int i = 0; i < argc; ++i) calibrate.command_line += (i ? " " : "") + std::string(argv[i]);
  try {
    if (*run_cmd) return cli::run_command(run);
    if (*compare_cmd) return cli::compare_command(compare, compare_b);
    if (*validate_cmd) return cli::validate_command(validate_paths, data_dir);
    if (*schema_cmd) return cli::schema_command(data_dir);
    if (*policies_cmd) return cli::policies_command(data_dir);
    if (*parameters_cmd) return cli::parameters_command(data_dir);
    if (*plan_cmd) return cli::plan_command(plan_path, data_dir);
    if (*calibrate_cmd) return cli::calibrate_command(calibrate);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.to_string());
    return 2;
  } catch (const std::exception& e) {
    fmt::print(stderr, "narcosim: internal error: {}\n", e.what());
    return 1;
  }
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_cli(argc, argv);
  } catch (const std::exception& e) {
    fmt::print(stderr, "narcosim: internal error: {}\n", e.what());
  } catch (...) {
    fmt::print(stderr, "narcosim: internal error\n");
  }
  return 1;
}
