#include "narcosim/ensemble/ensemble.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <optional>

#include "ensemble/wire.hpp"
#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/results_db.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/output_writer.hpp"

#ifndef NARCOSIM_GIT_COMMIT
#define NARCOSIM_GIT_COMMIT "unknown"
#endif
#ifndef NARCOSIM_VERSION
#define NARCOSIM_VERSION "0"
#endif

namespace narcosim::ensemble {

namespace {

namespace fs = std::filesystem;

nlohmann::json manifest(const RunPlan& plan, const Cluster& cluster,
                        const EnsembleSettings& settings, const EnsembleOutcome& outcome,
                        const std::string& fingerprint) {
  nlohmann::json varied = nlohmann::json::array();
  for (const auto& p : plan.varied) {
    varied.push_back({{"name", p.name},
                      {"lower", p.lower},
                      {"upper", p.upper},
                      {"scale", p.log_scale ? "log" : "linear"}});
  }
  nlohmann::json scenarios = nlohmann::json::array();
  for (const auto& s : plan.scenarios) {
    scenarios.push_back({{"name", s.name},
                         {"file", s.source_file},
                         {"start", format_iso_date(s.start)},
                         {"end", format_iso_date(s.end)},
                         {"scale", s.scale}});
  }
  return {{"narcosim_version", NARCOSIM_VERSION},
          {"git_commit", NARCOSIM_GIT_COMMIT},
          {"command_line", settings.command_line},
          {"fingerprint", fingerprint},
          {"scenarios", scenarios},
          {"design", plan.design},
          {"varied_parameters", varied},
          {"samples", plan.samples.size()},
          {"replicates", plan.replicates},
          {"seeds", {{"first", plan.base_seed}, {"last", plan.base_seed + plan.replicates - 1}}},
          {"runs", outcome.runs},
          {"runs_from_earlier_sessions", outcome.runs_before},
          {"ranks", cluster.size()},
          {"jobs_per_rank", settings.runner.jobs},
          {"wall_seconds_this_session", outcome.wall_seconds},
          {"mean_run_seconds_this_session",
           outcome.runs > outcome.runs_before
               ? outcome.run_seconds / double(outcome.runs - outcome.runs_before)
               : 0.0},
          {"store_seconds_this_session", outcome.store_seconds},
          {"statistics_seconds", outcome.statistics_seconds},
          {"peak_memory_mib_rank0", io::peak_memory_mib()},
          {"quantile_method", "linear interpolation between order statistics (type 7)"}};
}

}  // namespace

std::string model_version() {
  return fmt::format("{} ({})", NARCOSIM_VERSION, NARCOSIM_GIT_COMMIT);
}

std::string ensemble_fingerprint(const RunPlan& plan, const World& world,
                                 const EnsembleSettings& settings) {
  return plan.fingerprint(world, model_version() + " " + settings.runner.keep.describe());
}

EnsembleOutcome run_ensemble(const std::shared_ptr<const World>& world, const RunPlan& plan,
                             const Cluster& cluster, const EnsembleSettings& settings,
                             const ExtraOutputs& extra) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  const bool in_memory = settings.out_dir.empty();
  if (in_memory && settings.resume) {
    throw InputError(SourceLocation{"--resume", 1, 1},
                     "resuming needs the output directory of the interrupted ensemble");
  }
  const std::string fingerprint = ensemble_fingerprint(plan, *world, settings);
  EnsembleOutcome outcome;
  outcome.runs = plan.runs.size();
  // Rank 0 alone touches the disk: it claims <out> (lock, checks, <out>.partial) before any run.
  std::optional<io::OutputClaim> claim;
  std::optional<ResultsDatabase> db;
  std::shared_ptr<RunsInMemory> memory;
  std::string pending_bytes;
  if (cluster.is_root() && in_memory) {
    memory = std::make_shared<RunsInMemory>();
    std::vector<uint32_t> all(plan.runs.size());
    for (size_t i = 0; i < all.size(); ++i) all[i] = plan.runs[i].run_id;
    wire::put_ids(pending_bytes, all);
  } else if (cluster.is_root()) {
    claim.emplace(io::OutputRequest{settings.out_dir, settings.kind, "--out", settings.overwrite,
                                    settings.out_dir_chosen, true, settings.resume});
    if (settings.on_note) {
      for (const auto& note : claim->cleaned()) settings.on_note(note);
    }
    const std::string db_path = claim->work_dir() + "/results.sqlite";
    if (settings.resume && ResultsDatabase::holds_plan(db_path)) {
      db.emplace(ResultsDatabase::resume(db_path, fingerprint));
    } else {
      // A fresh start, or a resume of one killed before its plan was stored: nothing done yet.
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db_path + suffix);
      db.emplace(ResultsDatabase::create(
          db_path, plan, *world,
          {{"fingerprint", fingerprint}, {"narcosim_version", model_version()}}));
    }
    wire::put_ids(pending_bytes, db->pending_runs());
  }
  // Every rank learns which runs remain from rank 0, which alone reads the database.
  cluster.broadcast(pending_bytes);
  const auto pending = wire::take_ids(pending_bytes, 0, "list of pending runs");
  outcome.runs_before = plan.runs.size() - pending.size();

  if (!cluster.is_root()) {
    execute(world, plan, pending, cluster, settings.runner, [](RunRecord&&) {});
    return outcome;
  }
  const int session = db ? db->start_session({settings.command_line, cluster.size(),
                                              settings.runner.jobs, NARCOSIM_GIT_COMMIT})
                         : 0;
  EnsembleProgress progress{plan.runs.size(), outcome.runs_before, outcome.runs_before};
  if (settings.on_progress) settings.on_progress(progress);
  execute(world, plan, pending, cluster, settings.runner, [&](RunRecord&& record) {
    outcome.run_seconds += record.wall_seconds;
    const auto store_started = Clock::now();
    if (db) {
      db->store(record, session);
    } else {
      memory->add(std::move(record));
    }
    outcome.store_seconds += std::chrono::duration<double>(Clock::now() - store_started).count();
    ++progress.done;
    if (settings.on_progress) settings.on_progress(progress);
  });

  const auto statistics_started = Clock::now();
  const RunValues& values = db ? static_cast<const RunValues&>(*db) : *memory;
  outcome.distributions = distributions(values, plan, *world);
  outcome.summary = ensemble_summary(outcome.distributions, plan, *world);
  if (in_memory) {
    if (extra) extra(std::string(), *memory, outcome);
    outcome.results = std::move(memory);
    outcome.statistics_seconds =
        std::chrono::duration<double>(Clock::now() - statistics_started).count();
    outcome.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
    return outcome;
  }
  const std::string& work = claim->work_dir();
  io::write_file_atomically(work + "/quantiles.csv",
                            quantiles_csv(outcome.distributions, plan, *world));
  io::write_file_atomically(work + "/summary.txt", outcome.summary);
  if (extra) extra(work, *db, outcome);
  outcome.statistics_seconds =
      std::chrono::duration<double>(Clock::now() - statistics_started).count();
  outcome.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  io::write_file_atomically(work + "/manifest.json",
                            manifest(plan, cluster, settings, outcome, fingerprint)
                                    .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                                "\n");
  db->finish();
  db.reset();
  claim->publish();
  return outcome;
}

}  // namespace narcosim::ensemble
