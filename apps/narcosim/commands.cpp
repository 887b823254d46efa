#include "commands.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "narcosim/calibration/fit.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/io/comparison.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/output_writer.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/schema.hpp"
#include "narcosim/io/world_loader.hpp"
#include "summary_table.hpp"

namespace narcosim::cli {

std::string data_dir_or_default(const std::string& data_dir) {
  return data_dir.empty() ? io::default_data_dir() : data_dir;
}

Scenario load_scenario(const std::string& path, const RunOptions& options, const World& world,
                       const ParameterRegistry& registry) {
  Scenario scenario = io::parse_scenario_file(path, world, registry);
  if (options.seed >= 0) scenario.seed = uint64_t(options.seed);
  if (options.scale > 0) scenario.scale = options.scale;
  io::apply_overrides(scenario, options.sets, world, registry);
  return scenario;
}

io::OutputRequest output_request(const RunOptions& options, const std::string& default_dir,
                                 const std::string& kind) {
  io::OutputRequest request;
  request.path = options.out_dir.empty() ? default_dir : options.out_dir;
  request.kind = kind;
  request.overwrite = options.overwrite;
  request.user_chosen = !options.out_dir.empty();
  return request;
}

void report_cleaned(const io::OutputClaim& claim, const RunOptions& options) {
  if (options.quiet) return;
  for (const auto& note : claim.cleaned()) fmt::print(stderr, "narcosim: {}\n", note);
}

int thread_count(const RunOptions& options) {
  return options.threads > 0 ? options.threads
                             : int(std::max(1u, std::thread::hardware_concurrency()));
}

namespace {

// How a single run writes its series (--resolution, --series; flag values already checked).
io::RunInfo run_info(const RunOptions& options, const std::string& scenario_path, int threads) {
  io::RunInfo info;
  info.scenario_yaml_path = scenario_path;
  info.threads = threads;
  info.resolution = parse_resolution(options.resolution).value_or(Resolution::step);
  info.series = options.series == "sqlite" ? io::SeriesFormat::sqlite : io::SeriesFormat::csv;
  return info;
}

}  // namespace

int run_command(const RunOptions& options) {
  const auto data_dir = data_dir_or_default(options.data_dir);
  const auto world_ptr = std::make_shared<const World>(io::load_world(data_dir));
  const World& world = *world_ptr;
  const ParameterRegistry registry(world.substance_ids());
  const Scenario scenario = load_scenario(options.scenario_path, options, world, registry);
  const int threads = thread_count(options);
  // Claimed before the run: a destination that must not be replaced is refused at once.
  io::OutputClaim claim(output_request(options, "runs/" + io::file_name_for(scenario.name), "run"));
  report_cleaned(claim, options);

  Engine engine(world_ptr, scenario, EngineOptions::with_threads(threads));
  io::RunOutput output(claim.work_dir(), world, scenario,
                       run_info(options, options.scenario_path, threads));
  // The observed 2010-2018 values (data/targets.csv) the run covers, as the calibration sees
  // them; a data directory without targets just has no comparison.
  const auto targets = calibration::load_targets_if_present(data_dir, world);
  calibration::TargetRecorder observed(targets);
  ObserverFanout fanout({&output, &observed});
  if (!options.quiet) {
    fmt::print(stderr, "narcosim: running {} {} to {} at scale {} (seed {}, {} threads)\n",
               scenario.name, format_iso_date(scenario.start), format_iso_date(scenario.end),
               scenario.scale, scenario.seed, threads);
  }
  const auto result = engine.run(&fanout);
  output.finish(engine, result);
  claim.publish();
  if (!options.quiet) {
    fmt::print("\n{}\n", summary_table(world, output.summary()));
    const auto table = calibration::fit_table(targets, observed.values());
    if (!table.empty()) {
      fmt::print("Model against observed data in the run's years (data/targets.csv):\n{}\n", table);
    }
    fmt::print(
        "{} steps in {:.2f} s; peak memory {:.0f} MiB; max relative mass-balance error "
        "{:.1e}\nOutputs: {}\n",
        result.steps, result.wall_seconds, io::peak_memory_mib(), result.max_relative_mass_error,
        claim.path());
  }
  return 0;
}

int compare_command(const RunOptions& options, const std::string& scenario_b) {
  const auto data_dir = data_dir_or_default(options.data_dir);
  const auto world_ptr = std::make_shared<const World>(io::load_world(data_dir));
  const World& world = *world_ptr;
  const ParameterRegistry registry(world.substance_ids());
  const Scenario a = load_scenario(options.scenario_path, options, world, registry);
  Scenario b = load_scenario(scenario_b, options, world, registry);
  if (a.start != b.start || a.end != b.end || a.step_days != b.step_days) {
    throw InputError(
        SourceLocation{scenario_b, 0, 0},
        fmt::format("compare needs the same period and step: {} runs {} to {} "
                    "every {} days, this one {} to {} every {} days",
                    options.scenario_path, format_iso_date(a.start), format_iso_date(a.end),
                    a.step_days, format_iso_date(b.start), format_iso_date(b.end), b.step_days));
  }
  // Common random numbers: B shares A's seed and scale, so the difference is the policy's.
  b.seed = a.seed;
  b.scale = a.scale;
  if (a.name == b.name) b.name += "-b";
  const int threads = thread_count(options);
  const auto dir_a = io::file_name_for(a.name);
  auto dir_b = io::file_name_for(b.name);
  if (dir_b == dir_a) dir_b += "-b";
  io::OutputClaim claim(
      output_request(options, fmt::format("runs/compare-{}-vs-{}", dir_a, dir_b), "comparison"));
  report_cleaned(claim, options);
  std::vector<std::unique_ptr<io::RunOutput>> outputs;
  for (const Scenario* s : {&a, static_cast<const Scenario*>(&b)}) {
    if (!options.quiet) {
      fmt::print(stderr, "narcosim: running {} {} to {} at scale {} (seed {}, {} threads)\n",
                 s->name, format_iso_date(s->start), format_iso_date(s->end), s->scale, s->seed,
                 threads);
    }
    Engine engine(world_ptr, *s, EngineOptions::with_threads(threads));
    auto output = std::make_unique<io::RunOutput>(
        claim.work_dir() + "/" + (s == &a ? dir_a : dir_b), world, *s,
        run_info(options, s == &a ? options.scenario_path : scenario_b, threads));
    const auto result = engine.run(output.get());
    output->finish(engine, result);
    outputs.push_back(std::move(output));
  }
  const auto& sa = outputs[0]->summary();
  const auto& sb = outputs[1]->summary();
  io::write_file_atomically(claim.work_dir() + "/differences.csv",
                            io::differences_csv(world, sa, sb));
  const auto table = io::headline_table(world, a.name, sa, b.name, sb);
  io::write_file_atomically(claim.work_dir() + "/headline.txt", table);
  const nlohmann::json manifest = {
      {"narcosim_version", NARCOSIM_VERSION},
      {"git_commit", NARCOSIM_GIT_COMMIT},
      {"a", {{"name", a.name}, {"file", options.scenario_path}, {"directory", dir_a}}},
      {"b", {{"name", b.name}, {"file", scenario_b}, {"directory", dir_b}}},
      {"seed", a.seed},
      {"scale", a.scale}};
  io::write_file_atomically(
      claim.work_dir() + "/manifest.json",
      manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  claim.publish();
  if (!options.quiet) fmt::print("\n{}\nOutputs: {}\n", table, claim.path());
  return 0;
}

int validate_command(const std::vector<std::string>& paths, const std::string& data_dir) {
  const World world = io::load_world(data_dir_or_default(data_dir));
  const ParameterRegistry registry(world.substance_ids());
  int status = 0;
  for (const auto& path : paths) {
    try {
      (void)io::parse_scenario_file(path, world, registry);
      fmt::print("{}: ok\n", path);
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.to_string());
      status = 2;
    }
  }
  return status;
}

int schema_command(const std::string& data_dir) {
  const World world = io::load_world(data_dir_or_default(data_dir));
  const ParameterRegistry registry(world.substance_ids());
  fmt::print("{}\n", io::scenario_schema_json(world, registry));
  return 0;
}

int policies_command(const std::string& data_dir) {
  const World world = io::load_world(data_dir_or_default(data_dir));
  fmt::print("{}", io::policy_listing(world));
  return 0;
}

int parameters_command(const std::string& data_dir) {
  const World world = io::load_world(data_dir_or_default(data_dir));
  const ParameterRegistry registry(world.substance_ids());
  fmt::print("{}", io::parameter_table_markdown(registry));
  return 0;
}

int plan_command(const std::string& scenario_path, const std::string& data_dir) {
  const auto world_ptr =
      std::make_shared<const World>(io::load_world(data_dir_or_default(data_dir)));
  const World& world = *world_ptr;
  const ParameterRegistry registry(world.substance_ids());
  const Scenario scenario = io::parse_scenario_file(scenario_path, world, registry);
  const Engine engine(world_ptr, scenario, EngineOptions::with_threads(1));
  const Calendar calendar(scenario.start, scenario.end, scenario.step_days);
  fmt::print("scenario {}: {} to {}, {} steps of {} days\n", scenario.name,
             format_iso_date(scenario.start), format_iso_date(scenario.end), calendar.step_count(),
             scenario.step_days);
  std::string phase;
  int index = 0;
  for (const auto& entry : engine.plan()) {
    if (entry.phase != phase) {
      phase = entry.phase;
      index = 0;
      fmt::print("\n{}:\n", phase == "step" ? "every step, in order" : "once, at the start");
    }
    fmt::print("  {}. {:<12} {}\n", ++index, entry.module, entry.summary);
    if (!entry.reads.empty() || !entry.writes.empty()) {
      const auto list = [](const std::vector<std::string>& parts) {
        return parts.empty() ? std::string("nothing") : fmt::format("{}", fmt::join(parts, ", "));
      };
      fmt::print("     {:<12} reads {}; writes {}\n", "", list(entry.reads), list(entry.writes));
    }
    if (!entry.metrics.empty()) {
      fmt::print("     {:<12} reports {}\n", "", fmt::join(entry.metrics, ", "));
    }
    if (!entry.streams.empty()) {
      fmt::print("     {:<12} draws from {}\n", "", fmt::join(entry.streams, ", "));
    }
  }
  if (!scenario.policies.empty()) {
    fmt::print("\npolicies:\n");
    for (const auto& p : scenario.policies) {
      fmt::print("  {} in {} from step {} ({}){}\n", p.type, fmt::join(p.places, ", "),
                 calendar.step_at_or_after(p.start), format_iso_date(p.start),
                 p.end ? fmt::format(" to {}", format_iso_date(*p.end)) : std::string());
    }
  }
  return 0;
}

}  // namespace narcosim::cli
