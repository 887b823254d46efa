#include "calibrate_command.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <memory>

#include "narcosim/calibration/fit_report.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/calibration_runner.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/limits.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/world_loader.hpp"

#ifndef NARCOSIM_GIT_COMMIT
#define NARCOSIM_GIT_COMMIT "unknown"
#endif
#ifndef NARCOSIM_VERSION
#define NARCOSIM_VERSION "0.0.0"
#endif

namespace narcosim::cli {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view kBegin = "<!-- calibrate:begin -->";
constexpr std::string_view kEnd = "<!-- calibrate:end -->";

// Replaces what lies between the calibrate markers of a Markdown file.
void splice_into(const std::string& path, const std::string& section) {
  const std::string text = io::read_regular_file(path, io::limits::kSmallFileBytes, "--docs file");
  const auto begin = text.find(kBegin);
  const auto end = text.find(kEnd);
  if (begin == std::string::npos || end == std::string::npos || end < begin) {
    throw InputError(
        SourceLocation{path, 0, 0},
        fmt::format("expected the markers {} and {} around the generated section", kBegin, kEnd));
  }
  const std::string updated =
      text.substr(0, begin + kBegin.size()) + "\n" + section + text.substr(end);
  io::write_file_atomically(path, updated);
}

std::string today() {
  return fmt::format("{:%Y-%m-%d}",
                     std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

}  // namespace

int calibrate_command(CalibrateOptions options, const ensemble::Cluster& cluster) {
  const auto data_dir = options.data_dir.empty() ? io::default_data_dir() : options.data_dir;
  const auto scenario_path =
      options.scenario_path.empty()
          ? (fs::path(data_dir).parent_path() / "scenarios/baseline.yaml").string()
          : options.scenario_path;
  const auto world_ptr = std::make_shared<const World>(io::load_world(data_dir));
  const World& world = *world_ptr;
  const ParameterRegistry registry(world.substance_ids());
  Scenario baseline = io::parse_scenario_file(scenario_path, world, registry);
  auto targets = calibration::load_targets(data_dir, world);
  auto free =
      calibration::load_free_parameters(data_dir + "/calibration/free_parameters.csv", registry);
  auto& settings = options.settings;
  settings.fit_seeds.clear();
  for (int s = 1; s <= options.seeds; ++s) settings.fit_seeds.push_back(uint64_t(s));
  if (settings.first_year > settings.fit_last_year ||
      settings.fit_last_year >= settings.last_year) {
    throw InputError(SourceLocation{"--fit-until", 0, 0},
                     fmt::format("expected {} <= fit years < {} (the out-of-sample years)",
                                 settings.first_year, settings.last_year));
  }
  calibration::Calibrator calibrator(world_ptr, std::move(baseline), std::move(targets),
                                     std::move(free), settings);
  ensemble::RunnerSettings runner;
  runner.jobs = std::max(1, settings.threads);
  const ensemble::CalibrationRunner runs(calibrator, cluster, runner);
  if (!cluster.is_root()) {
    runs.serve();
    return 0;
  }
  calibrator.set_executor(runs.executor());

  // Work in <out>.partial: the checkpoint lives there, and the directory becomes <out> only
  // when every file is written, so an interrupted calibration never looks complete.
  io::OutputClaim claim(io::OutputRequest{options.out_dir, "calibration", "--out",
                                          options.overwrite, options.out_dir_chosen, true,
                                          options.resume});
  if (!options.quiet) {
    for (const auto& note : claim.cleaned()) fmt::print(stderr, "narcosim: {}\n", note);
  }
  const std::string& work = claim.work_dir();
  const std::string checkpoint = work + "/checkpoint.json";
  if (options.resume && !fs::exists(checkpoint)) {
    throw InputError(SourceLocation{checkpoint, 0, 0},
                     "--resume: no checkpoint here (nothing to resume; drop --resume)");
  }

  if (!options.quiet) {
    fmt::print(stderr,
               "narcosim: calibrating {} free parameters on {} targets ({}-{}; {} kept out of "
               "sample to {}), {} evaluations x {} seeds at scale {}, {} rank{} x {} runs at a "
               "time\n",
               calibrator.free_parameters().size(), calibrator.calibration_targets().size(),
               settings.first_year, settings.fit_last_year,
               calibrator.out_of_sample_targets().size(), settings.last_year,
               settings.max_evaluations, settings.fit_seeds.size(), settings.scale, cluster.size(),
               cluster.size() == 1 ? "" : "s", runner.jobs);
  }
  const auto progress = [&options](const calibration::Evaluation& latest,
                                   const calibration::Evaluation& best, int done, int budget,
                                   bool replayed) {
    if (options.quiet) return;
    fmt::print(stderr, "  {:>4}/{} loss {:.4f} ({:.0f}% within 1.5x)  best {:.4f} ({:.0f}%)  {}\n",
               done, budget, latest.fit.loss, 100 * latest.fit.within_1_5, best.fit.loss,
               100 * best.fit.within_1_5,
               replayed ? std::string("from checkpoint") : fmt::format("{:.1f} s", latest.seconds));
  };
  const auto result = calibrator.run(checkpoint, progress);
  runs.finish();

  const calibration::ReportContext context{today(), NARCOSIM_GIT_COMMIT, options.command_line};
  const auto fitted = calibration::fitted_parameters_yaml(calibrator, result, context);
  io::write_file_atomically(work + "/fitted.yaml", fitted);
  io::write_file_atomically(work + "/fit.csv", calibration::fit_csv(calibrator, result));
  io::write_file_atomically(work + "/evaluations.csv",
                            calibration::evaluations_csv(calibrator, result));
  const auto markdown = calibration::fit_markdown(calibrator, result, context);
  io::write_file_atomically(work + "/report.md", markdown);
  io::write_file_atomically(work + "/report.html",
                            calibration::fit_html(calibrator, result, markdown));
  const nlohmann::json manifest = {{"narcosim_version", NARCOSIM_VERSION},
                                   {"git_commit", NARCOSIM_GIT_COMMIT},
                                   {"command_line", options.command_line},
                                   {"scenario", scenario_path},
                                   {"data_dir", data_dir}};
  io::write_file_atomically(
      work + "/manifest.json",
      manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  claim.publish();
  if (options.install) {
    fs::create_directories(data_dir + "/calibration");
    io::write_file_atomically(data_dir + "/calibration/fitted.yaml", fitted);
  }
  if (!options.docs_path.empty()) splice_into(options.docs_path, markdown);
  if (!options.quiet) {
    const auto& best = result.evaluations[result.best];
    fmt::print(
        "Best of {} evaluations ({} from the checkpoint): loss {:.4f}, {:.0f}% of "
        "calibration targets within 1.5x.\nReport: {}/report.html{}\n",
        result.evaluations.size(), result.resumed_evaluations, best.fit.loss,
        100 * best.fit.within_1_5, claim.path(),
        options.install
            ? fmt::format("; fitted values installed in {}/calibration/fitted.yaml", data_dir)
            : std::string());
  }
  return 0;
}

}  // namespace narcosim::cli
