#include "narcosim/ensemble/runner.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "ensemble/wire.hpp"

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

// Run ids waiting in this process. On rank 0 (dynamic schedule) it holds every pending run and
// rank 0 also hands runs from it to the other ranks; elsewhere it holds what was assigned.
class RunQueue {
 public:
  void push(const std::vector<uint32_t>& ids) {
    {
      const std::lock_guard lock(mutex_);
      ids_.insert(ids_.end(), ids.begin(), ids.end());
    }
    ready_.notify_all();
  }
  // No more runs will be pushed: workers end once the queue is empty.
  void close() {
    {
      const std::lock_guard lock(mutex_);
      closed_ = true;
    }
    ready_.notify_all();
  }
  // Drops what is left and closes (after a failure).
  void abandon() {
    {
      const std::lock_guard lock(mutex_);
      ids_.clear();
      closed_ = true;
    }
    ready_.notify_all();
  }
  // The next run for a worker, waiting for one; nullopt once closed and empty.
  std::optional<uint32_t> next() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !ids_.empty() || closed_; });
    if (ids_.empty()) return std::nullopt;
    const uint32_t id = ids_.front();
    ids_.pop_front();
    return id;
  }
  // Up to `n` runs, without waiting, for another rank; and whether the queue is now empty.
  std::pair<std::vector<uint32_t>, bool> take(size_t n) {
    const std::lock_guard lock(mutex_);
    std::vector<uint32_t> out;
    while (out.size() < n && !ids_.empty()) {
      out.push_back(ids_.front());
      ids_.pop_front();
    }
    return {std::move(out), ids_.empty()};
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<uint32_t> ids_;
  bool closed_ = false;
};

std::string encode_count(uint32_t n) {
  std::string bytes;
  wire::put(bytes, n);
  return bytes;
}

uint32_t decode_count(const std::string& bytes) {
  size_t at = 0;
  const auto n = wire::take<uint32_t>(bytes, at, "work request between ranks");
  if (at != bytes.size()) throw std::runtime_error("malformed work request between ranks");
  return n;
}

// An assignment: a byte saying whether rank 0 has nothing more to give, then run ids.
std::string encode_assignment(const std::vector<uint32_t>& ids, bool last) {
  std::string bytes;
  wire::put(bytes, uint8_t(last ? 1 : 0));
  wire::put_ids(bytes, ids);
  return bytes;
}

std::pair<std::vector<uint32_t>, bool> decode_assignment(const std::string& bytes) {
  size_t at = 0;
  const bool last = wire::take<uint8_t>(bytes, at, "work assignment between ranks") != 0;
  return {wire::take_ids(bytes, at, "work assignment between ranks"), last};
}

}  // namespace

// The dynamic schedule. Rank 0 holds the queue of pending runs; its own workers take from it,
// and every other rank asks it for work: `jobs` runs at the start, then one more for each run it
// finishes, until rank 0 answers that nothing is left. A rank that drew a slow run simply asks
// less often, so no rank idles while another has a backlog (the round-robin schedule fixes each
// rank's share in advance). Every request is answered, and a rank finishes only when its
// requests are answered and its results sent, so no message is left in flight.
void execute_runs(const std::vector<uint32_t>& pending, const Cluster& cluster,
                  const RunnerSettings& settings, const RunFunction& run,
                  const std::function<void(RunRecord&&)>& store) {
  const bool dynamic = settings.schedule == Schedule::dynamic && cluster.size() > 1;
  RunQueue queue;
  // Other ranks: the runs given to this rank (its round-robin share, or what rank 0 assigned).
  size_t assigned = 0;
  if (!dynamic) {
    std::vector<uint32_t> mine;
    for (size_t i = 0; i < pending.size(); ++i) {
      if (int(i % size_t(cluster.size())) == cluster.rank()) mine.push_back(pending[i]);
    }
    queue.push(mine);
    queue.close();
    assigned = mine.size();
  } else if (cluster.is_root()) {
    queue.push(pending);
    queue.close();
  }
  const int workers = std::max(1, settings.jobs);

  Mailbox mailbox;
  std::atomic<bool> stop{false};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto fail = [&](std::exception_ptr e) {
    const std::lock_guard lock(failure_mutex);
    if (!failure) failure = std::move(e);
    stop = true;
    queue.abandon();
  };
  auto work = [&] {
    while (!stop) {
      const auto id = queue.next();
      if (!id) break;
      try {
        mailbox.post(run(*id));
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
  size_t stored = 0;  // rank 0: runs stored, from every rank
  size_t sent = 0;    // other ranks: results sent to rank 0
  // Dynamic schedule. Other ranks: requests not yet answered, and whether rank 0 said it has
  // nothing more. Rank 0: the ranks told so.
  size_t unanswered = 0;
  bool exhausted = !dynamic;
  std::vector<bool> told_last(size_t(cluster.size()), !dynamic);
  if (cluster.is_root()) told_last[0] = true;
  if (dynamic && !cluster.is_root()) {
    cluster.send(0, Channel::request, encode_count(uint32_t(workers)));
    ++unanswered;
  }
  try {
    while (!stop) {
      auto [records, all_ended] = mailbox.collect(timeout, workers);
      for (auto& record : records) {
        if (cluster.is_root()) {
          store(std::move(record));
          ++stored;
        } else {
          cluster.send(0, Channel::result, encode(record));
          ++sent;
          if (!exhausted) {
            cluster.send(0, Channel::request, encode_count(1));
            ++unanswered;
          }
        }
      }
      if (cluster.is_root()) {
        while (auto message = cluster.try_receive(Channel::result)) {
          store(decode(message->bytes));
          ++stored;
        }
        while (auto message = cluster.try_receive(Channel::request)) {
          auto [ids, last] = queue.take(decode_count(message->bytes));
          cluster.send(message->from, Channel::assignment, encode_assignment(ids, last));
          if (last) told_last.at(size_t(message->from)) = true;
        }
      } else if (dynamic) {
        while (auto message = cluster.try_receive(Channel::assignment)) {
          auto [ids, last] = decode_assignment(message->bytes);
          --unanswered;
          assigned += ids.size();
          queue.push(ids);
          if (last && !exhausted) {
            exhausted = true;
            queue.close();
          }
        }
      }
      const bool all_told =
          std::all_of(told_last.begin(), told_last.end(), [](bool b) { return b; });
      const bool done = cluster.is_root()
                            ? stored == pending.size() && all_told
                            : exhausted && unanswered == 0 && all_ended && sent == assigned;
      if (done && cluster.sends_in_flight() == 0) break;
      // Local work is over and messages are still on their way: do not spin.
      if (all_ended && records.empty()) std::this_thread::sleep_for(timeout);
    }
  } catch (...) {
    fail(std::current_exception());
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
  // No rank starts another call (a calibration's next evaluation) while rank 0 still collects
  // this one: its messages would be taken for this call's.
  cluster.barrier();
}

void execute(const std::shared_ptr<const World>& world, const RunPlan& plan,
             const std::vector<uint32_t>& pending, const Cluster& cluster,
             const RunnerSettings& settings, const std::function<void(RunRecord&&)>& store) {
  execute_runs(
      pending, cluster, settings,
      [&](uint32_t id) {
        return run_one(world, plan, plan.runs.at(id), settings.keep, settings.cancel);
      },
      store);
}

}  // namespace narcosim::ensemble
