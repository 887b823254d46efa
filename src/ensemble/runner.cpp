#include "narcosim/ensemble/runner.hpp"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace narcosim::ensemble {

RunRecord run_one(const std::shared_ptr<const World>& world, const RunPlan& plan,
                  const PlannedRun& run, const SeriesFilter& keep,
                  const std::shared_ptr<const CancelToken>& cancel) {
  const Scenario scenario = plan.scenario_for(run);
  auto options = EngineOptions::with_threads(1);
  options.cancel = cancel;
  Engine engine(world, scenario, options);
  YearlyCollector collector(*world, engine.calendar(), keep);
  const auto result = engine.run(&collector);
  RunRecord record;
  record.run_id = run.run_id;
  record.wall_seconds = result.wall_seconds;
  record.steps = result.steps;
  record.max_relative_mass_error = result.max_relative_mass_error;
  record.values = collector.values();
  return record;
}

namespace {

// Finished runs handed from the workers to the main thread.
class Mailbox {
 public:
  void post(RunRecord&& record) {
    {
      const std::lock_guard lock(mutex_);
      records_.push_back(std::move(record));
    }
    ready_.notify_one();
  }
  void worker_done() {
    {
      const std::lock_guard lock(mutex_);
      ++workers_done_;
    }
    ready_.notify_one();
  }
  // Waits up to `timeout` for records; returns those there are and whether all workers ended.
  std::pair<std::deque<RunRecord>, bool> collect(std::chrono::milliseconds timeout, int workers) {
    std::unique_lock lock(mutex_);
    ready_.wait_for(lock, timeout, [&] { return !records_.empty() || workers_done_ == workers; });
    std::deque<RunRecord> out;
    out.swap(records_);
    return {std::move(out), workers_done_ == workers};
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<RunRecord> records_;
  int workers_done_ = 0;
};

}  // namespace

void execute(const std::shared_ptr<const World>& world, const RunPlan& plan,
             const std::vector<uint32_t>& pending, const Cluster& cluster,
             const RunnerSettings& settings, const std::function<void(RunRecord&&)>& store) {
  std::vector<uint32_t> mine;
  for (size_t i = 0; i < pending.size(); ++i) {
    if (int(i % size_t(cluster.size())) == cluster.rank()) mine.push_back(pending[i]);
  }
  const size_t remote = cluster.is_root() ? pending.size() - mine.size() : 0;
  const int workers = std::max(1, std::min(settings.jobs, int(std::max<size_t>(1, mine.size()))));

  Mailbox mailbox;
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto fail = [&](std::exception_ptr e) {
    const std::lock_guard lock(failure_mutex);
    if (!failure) failure = std::move(e);
    stop = true;
  };
  auto work = [&] {
    for (size_t i = next++; i < mine.size() && !stop; i = next++) {
      try {
        mailbox.post(run_one(world, plan, plan.runs.at(mine[i]), settings.keep, settings.cancel));
      } catch (...) {
        fail(std::current_exception());
      }
    }
    mailbox.worker_done();
  };
  std::vector<std::thread> pool;
  pool.reserve(size_t(workers));
  for (int w = 0; w < workers; ++w) pool.emplace_back(work);

  // Polling matters only when other ranks send: then look often; otherwise wait for workers.
  const auto timeout = std::chrono::milliseconds(cluster.size() > 1 ? 2 : 500);
  size_t handled = 0;
  size_t received = 0;
  try {
    while (!stop) {
      auto [records, all_ended] = mailbox.collect(timeout, workers);
      for (auto& record : records) {
        if (cluster.is_root()) {
          store(std::move(record));
        } else {
          cluster.send_to_root(encode(record));
        }
        ++handled;
      }
      if (cluster.is_root()) {
        while (auto bytes = cluster.try_receive()) {
          store(decode(*bytes));
          ++received;
        }
      }
      const size_t in_flight = cluster.sends_in_flight();
      if (handled == mine.size() && received == remote && in_flight == 0) break;
      if (all_ended && handled < mine.size()) break;  // a worker failed
      // Local work is over and messages are still on their way: do not spin.
      if (all_ended && records.empty()) std::this_thread::sleep_for(timeout);
    }
  } catch (...) {
    fail(std::current_exception());
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace narcosim::ensemble
