#pragma once
// Executes the runs of a plan, or any list of runs (a calibration's replicates): handed out by
// rank 0 to the ranks of the cluster as they ask for work, and run by `jobs` threads in each
// rank, each run single-threaded (runs are independent, so this scales better than threads
// inside a run). Results reach rank 0's calling thread, which stores them.
// Outputs depend only on each run's scenario, sample and seed, never on which rank or thread
// ran it or in which order runs finished.
#include <functional>
#include <memory>
#include <vector>

#include "narcosim/ensemble/cluster.hpp"
#include "narcosim/ensemble/run_plan.hpp"
#include "narcosim/ensemble/run_record.hpp"
#include "narcosim/run/engine.hpp"

namespace narcosim::ensemble {

// How runs are shared between MPI ranks: on demand (rank 0 hands out runs as ranks ask), or
// fixed in advance (run i to rank i mod ranks; kept to measure the difference, bench/).
enum class Schedule : uint8_t { dynamic, round_robin };

struct RunnerSettings {
  int jobs = 1;  // runs at once in each process
  Schedule schedule = Schedule::dynamic;
  SeriesFilter keep;  // the series kept in the records
  // Stops the runs in flight within a step (they throw RunCancelled) and starts no more.
  std::shared_ptr<const CancelToken> cancel;
};

// One run of the plan, single-threaded; throws RunCancelled if `cancel` is set during it.
RunRecord run_one(const std::shared_ptr<const World>& world, const RunPlan& plan,
                  const PlannedRun& run, const SeriesFilter& keep,
                  const std::shared_ptr<const CancelToken>& cancel = nullptr);

// One run by its id, on any rank: what the runner executes (an ensemble's run_one, a
// calibration's replicate).
using RunFunction = std::function<RunRecord(uint32_t run_id)>;

// Runs the ids `pending` with `run`, spread over the ranks and over `settings.jobs` threads in
// each. On rank 0, `store` is called on the calling thread once per run, from every rank, as
// runs finish; returns when all are stored. On other ranks, returns when this rank's runs are
// sent. Every rank must call it with the same `pending`. The first error in a worker stops this
// process's workers and is rethrown here.
void execute_runs(const std::vector<uint32_t>& pending, const Cluster& cluster,
                  const RunnerSettings& settings, const RunFunction& run,
                  const std::function<void(RunRecord&&)>& store);

// Runs `pending` (run ids of `plan`). On rank 0, `store` is called on the calling thread once
// per run, from every rank, as runs finish; returns when all are stored. On other ranks, returns
// when this rank's share is sent. The first error in a worker stops this process's workers and
// is rethrown here.
void execute(const std::shared_ptr<const World>& world, const RunPlan& plan,
             const std::vector<uint32_t>& pending, const Cluster& cluster,
             const RunnerSettings& settings, const std::function<void(RunRecord&&)>& store);

}  // namespace narcosim::ensemble
