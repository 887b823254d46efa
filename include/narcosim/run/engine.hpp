#pragma once
// Runs one scenario: builds the state, initialises the modules, steps them in plan order and
// hands each step's metrics to an observer (the output writer, a test, a comparison).
#include <memory>
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
};

// Forwards each step to several observers.
class ObserverFanout final : public StepObserver {
 public:
  explicit ObserverFanout(std::vector<StepObserver*> observers)
      : observers_(std::move(observers)) {}
  void on_step(const ModelState& state, const MetricTable& metrics) override {
    for (auto* o : observers_) o->on_step(state, metrics);
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
  std::string phase;  // "initialize" or "step"
  std::string module;
  std::string summary;
};

class Engine {
 public:
  Engine(const World& world, const Scenario& scenario, int threads);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  [[nodiscard]] std::vector<PlanEntry> plan() const;
  // Checks invariants every step when `check_invariants` (always on in Debug/CI builds).
  RunResult run(StepObserver* observer, bool check_invariants = false);
  [[nodiscard]] const ModelState& state() const { return *state_; }
  [[nodiscard]] const ParameterRegistry& registry() const { return registry_; }
  [[nodiscard]] const ParameterValues& parameters() const { return parameters_; }

 private:
  const World& world_;
  const Scenario& scenario_;
  int threads_;
  ParameterRegistry registry_;
  ParameterValues parameters_;
  std::unique_ptr<ModelState> state_;
  std::vector<std::unique_ptr<Module>> step_order_;
  std::vector<Module*> init_order_;
};

// Throws InvariantError if mass balance, non-negativity or price sanity fail.
void check_invariants(const ModelState& state, const MetricTable& metrics);

}  // namespace narcosim
