#include "ensemble_command.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <thread>

#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/plans.hpp"
#include "narcosim/ensemble/progress.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/world_loader.hpp"

namespace narcosim::cli {

namespace {

struct ListItem {
  std::string text;
  int column;  // 1-based, where the item starts in the flag's value
};

// The items of a comma-separated flag value (none for an empty value).
std::vector<ListItem> comma_items(const std::string& list) {
  std::vector<ListItem> items;
  for (size_t begin = 0; !list.empty() && begin <= list.size();) {
    const size_t end = std::min(list.find(',', begin), list.size());
    items.push_back({list.substr(begin, end - begin), int(begin + 1)});
    begin = end + 1;
  }
  return items;
}

}  // namespace

std::vector<Metric> parse_metric_list(const std::string& list, const std::string& flag) {
  std::vector<Metric> out;
  std::vector<Diagnostic> problems;
  for (const auto& item : comma_items(list)) {
    if (const auto metric = metric_from_name(item.text)) {
      out.push_back(*metric);
    } else {
      problems.push_back({SourceLocation{flag, 1, item.column},
                          fmt::format("unknown metric '{}' (see ../shared/interface.md or "
                                      "docs/ensembles.md for the names)",
                                      item.text)});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  return out;
}

std::vector<size_t> parse_country_list(const std::string& list, const World& world,
                                       const std::string& flag) {
  std::vector<size_t> rows;
  std::vector<Diagnostic> problems;
  for (const auto& item : comma_items(list)) {
    if (item.text == "ALL") {
      rows.push_back(world.nodes.size());
    } else if (const auto node = world.node_index(item.text)) {
      rows.push_back(size_t(*node));
    } else {
      problems.push_back({SourceLocation{flag, 1, item.column},
                          fmt::format("unknown country or corridor '{}' (ISO3 codes and corridor "
                                      "ids of data/nodes.csv, or ALL)",
                                      item.text)});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  return rows;
}

int jobs_per_rank(const RunOptions& options, const ensemble::Cluster& cluster) {
  if (options.threads > 0) return options.threads;
  const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, cores / std::max(1, cluster.local_size()));
}

std::shared_ptr<std::optional<ensemble::Progress>> progress_reporting(
    ensemble::EnsembleSettings& settings, bool show) {
  auto bar = std::make_shared<std::optional<ensemble::Progress>>();
  settings.on_note = [](const std::string& note) { fmt::print(stderr, "narcosim: {}\n", note); };
  if (!show) return bar;
  settings.on_progress = [bar](const ensemble::EnsembleProgress& p) {
    if (!*bar) {
      bar->emplace(p.total, p.before, stderr, true);
    } else {
      (*bar)->advance();
    }
  };
  return bar;
}

namespace {

// The varied parameters: --vary specs, else --vary-file, else (for a design with several
// samples) the calibration's free parameters with their prior ranges.
std::vector<calibration::FreeParameter> varied_parameters(const EnsembleOptions& options,
                                                          const std::string& data_dir,
                                                          const ParameterRegistry& registry) {
  if (!options.vary.empty()) return ensemble::parse_varied(options.vary, registry);
  if (!options.vary_file.empty()) {
    return calibration::load_free_parameters(options.vary_file, registry);
  }
  return calibration::load_free_parameters(data_dir + "/calibration/free_parameters.csv", registry);
}

ensemble::RunPlan make_plan(const EnsembleOptions& options, Scenario scenario,
                            const std::string& data_dir, const ParameterRegistry& registry) {
  ensemble::EnsembleDesign design;
  design.design = options.design;
  design.runs = options.runs;
  design.samples = options.samples;
  design.levels = options.levels;
  const bool sampled = options.samples > 1 || options.design == "grid" || !options.vary.empty() ||
                       !options.vary_file.empty();
  if (sampled) design.varied = varied_parameters(options, data_dir, registry);
  return ensemble::ensemble_plan(std::move(scenario), design);
}

}  // namespace

int ensemble_command(const EnsembleOptions& options, const ensemble::Cluster& cluster) {
  const auto data_dir = data_dir_or_default(options.run.data_dir);
  const auto world_ptr = std::make_shared<const World>(io::load_world(data_dir));
  const World& world = *world_ptr;
  const ParameterRegistry registry(world.substance_ids());
  Scenario scenario = load_scenario(options.run.scenario_path, options.run, world, registry);
  const auto request =
      output_request(options.run, "runs/ensemble-" + io::file_name_for(scenario.name), "ensemble");
  const auto plan = make_plan(options, std::move(scenario), data_dir, registry);

  ensemble::EnsembleSettings settings;
  settings.out_dir = request.path;
  settings.kind = request.kind;
  settings.overwrite = request.overwrite;
  settings.out_dir_chosen = request.user_chosen;
  settings.resume = options.resume;
  settings.runner.jobs = jobs_per_rank(options.run, cluster);
  settings.runner.keep.metrics = parse_metric_list(options.metrics, "--metrics");
  settings.runner.keep.rows = parse_country_list(options.countries, world, "--countries");
  const auto bar = progress_reporting(settings, cluster.is_root() && !options.run.quiet);
  settings.command_line = options.command_line;
  const bool talk = cluster.is_root() && !options.run.quiet;
  if (talk) {
    const auto& s = plan.scenarios.front();
    fmt::print(stderr,
               "narcosim: ensemble of {} runs of {} ({} to {}, scale {}): {} parameter "
               "sample{} ({}{}) x {} replicates, seeds {}-{}; {} rank{} x {} runs at once\n",
               plan.runs.size(), s.name, format_iso_date(s.start), format_iso_date(s.end), s.scale,
               plan.samples.size(), plan.samples.size() == 1 ? "" : "s", plan.design,
               plan.varied.empty() ? std::string()
                                   : fmt::format(" over {} parameters", plan.varied.size()),
               plan.replicates, plan.base_seed, plan.base_seed + plan.replicates - 1,
               cluster.size(), cluster.size() == 1 ? "" : "s", settings.runner.jobs);
  }
  const auto outcome = ensemble::run_ensemble(world_ptr, plan, cluster, settings);
  if (*bar) (*bar)->finish();
  if (talk) {
    fmt::print("\n{}\nOutputs: {} (quantiles.csv, results.sqlite, summary.txt, manifest.json)\n",
               outcome.summary, std::filesystem::absolute(request.path).string());
  }
  return 0;
}

}  // namespace narcosim::cli
