#pragma once
// Runs one scenario: builds the state, initialises the modules, steps them in plan order and
// hands each step's metrics to an observer (the output writer, a test, a comparison).
#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/model/metrics.hpp"
#include "narcosim/model/module.hpp"
#include "narcosim/model/scenario.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

class StepObserver {
 public:
  StepObserver() = default;
  StepObserver(const StepObserver&) = delete;
  StepObserver& operator=(const StepObserver&) = delete;
  virtual ~StepObserver() = default;
  virtual void on_step(const ModelState& state, const MetricTable& metrics) = 0;
  // After the last step of a run that was not cancelled.
  virtual void on_run_end(const ModelState& /*state*/) {}
};

// Forwards each step to several observers.
class ObserverFanout final : public StepObserver {
 public:
  explicit ObserverFanout(std::vector<StepObserver*> observers)
      : observers_(std::move(observers)) {}
  void on_step(const ModelState& state, const MetricTable& metrics) override {
    for (auto* o : observers_) o->on_step(state, metrics);
  }
  void on_run_end(const ModelState& state) override {
    for (auto* o : observers_) o->on_run_end(state);
  }

 private:
  std::vector<StepObserver*> observers_;
};

struct ModuleTiming {
  std::string module;
  double seconds = 0.0;
};

struct RunResult {
  int steps = 0;
  double wall_seconds = 0.0;
  std::vector<ModuleTiming> timings;
  double max_relative_mass_error = 0.0;
};

struct PlanEntry {
  std::string phase = {};  // "initialize" or "step"
  std::string module = {};
  std::string summary = {};
  std::vector<std::string> reads = {}, writes = {};  // parts of the state, while stepping
  std::vector<std::string> metrics = {};             // the metrics it reports
  std::vector<std::string> streams = {};             // its random streams, "name (number)"
};

// Asks a run to stop. Shared between the caller (another thread, a signal handler's flag, a
// server request) and the engine, which looks at it after every step.
class CancelToken {
 public:
  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  [[nodiscard]] bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

 private:
  std::atomic<bool> cancelled_{false};
};

// A run stopped by its CancelToken: nothing it produced is complete.
class RunCancelled : public std::runtime_error {
 public:
  RunCancelled(int steps_done, int steps);
  [[nodiscard]] int steps_done() const { return steps_done_; }

 private:
  int steps_done_;
};

struct RunProgress {
  int steps_done = 0;
  int steps = 0;
  Date date{};  // the first day of the step just done
};

struct EngineOptions {
  int threads = 1;  // worker threads of this run's own task arena
  // Check mass balance, non-negativity and prices every step (always on in checking builds).
  bool check_invariants = false;
  // Called on the calling thread after every step; may be empty.
  std::function<void(const RunProgress&)> on_progress;
  // Looked at after every step; may be null.
  std::shared_ptr<const CancelToken> cancel;
  // Called just before (done false) and after (done true) each module's step, on the calling
  // thread; may be empty. For tests and debugging: module_contract_test watches what each
  // module changes.
  std::function<void(std::string_view module, const ModelState& state, bool done)> on_module;

  static EngineOptions with_threads(int threads) {
    EngineOptions options;
    options.threads = threads;
    return options;
  }
  // With invariant checks every step, as tests want.
  static EngineOptions checked(int threads) {
    EngineOptions options = with_threads(threads);
    options.check_invariants = true;
    return options;
  }
};

// Runs one scenario. The constructor validates the scenario against the world (an InputError
// with every problem, as validate() lists them) and builds the modules; run() may be called
// again and starts from the same initial state each time. Nothing here prints or exits.
class Engine {
 public:
  Engine(std::shared_ptr<const World> world, Scenario scenario, EngineOptions options = {});
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  [[nodiscard]] std::vector<PlanEntry> plan() const;
  // Runs every step in this engine's task arena and hands each to `observer` (may be null).
  // Throws RunCancelled when the token is cancelled (within one step).
  RunResult run(StepObserver* observer);
  [[nodiscard]] const ModelState& state() const { return *state_; }
  [[nodiscard]] const Calendar& calendar() const { return state_->calendar; }
  [[nodiscard]] const ParameterRegistry& registry() const { return registry_; }
  [[nodiscard]] const ParameterValues& parameters() const { return parameters_; }
  [[nodiscard]] const Scenario& scenario() const { return scenario_; }
  [[nodiscard]] const World& world() const { return *world_; }

 private:
  void build();  // a fresh state and fresh modules
  RunResult run_steps(StepObserver* observer);

  std::shared_ptr<const World> world_;
  Scenario scenario_;
  EngineOptions options_;
  ParameterRegistry registry_;
  ParameterValues parameters_;
  struct Arena;  // this run's tbb::task_arena, kept out of the header
  std::unique_ptr<Arena> arena_;
  std::unique_ptr<ModelState> state_;
  std::vector<const ModuleSpec*> step_specs_;  // in step order, from the declarations
  std::vector<std::unique_ptr<Module>> step_order_;
  std::vector<const ModuleSpec*> init_specs_;
  std::vector<Module*> init_order_;
  bool used_ = false;  // run() was called: the next run() rebuilds first
};

// Throws InvariantError if mass balance, non-negativity or price sanity fail.
void check_invariants(const ModelState& state, const MetricTable& metrics);

}  // namespace narcosim
