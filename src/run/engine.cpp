#include "narcosim/run/engine.hpp"

#include <fmt/format.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "narcosim/core/fp_traps.hpp"
#include "narcosim/model/validate.hpp"

namespace narcosim {

namespace {

std::vector<ActivePolicy> activate(const Scenario& scenario, const Calendar& calendar) {
  std::vector<ActivePolicy> active;
  for (const auto& spec : scenario.policies) {
    ActivePolicy policy;
    policy.type = find_policy_type(spec.type);
    if (!policy.type) throw std::logic_error("unknown policy type " + spec.type);
    policy.nodes = spec.nodes;
    policy.substances = spec.substances;
    // A policy that started before the run is in force from step 0. Its start step is negative
    // (the first step on or after its start, counting steps back from the run start, and at
    // most -1), so ramps and years open count from its real start and its one-off effects,
    // which fire on the start step, stay in the past.
    const auto days_before = int((calendar.start() - spec.start).count());
    policy.start_step = days_before > 0 ? -std::max(1, days_before / calendar.step_days())
                                        : calendar.step_at_or_after(spec.start);
    policy.end_step = spec.end ? calendar.step_at_or_after(*spec.end + std::chrono::days{1})
                               : calendar.step_count();
    // Fields the scenario leaves out take the type's defaults.
    for (const auto& field : policy.type->fields) {
      const auto it = spec.fields.find(field.name);
      policy.values.push_back(it == spec.fields.end() ? field.default_value : it->second);
    }
    active.push_back(std::move(policy));
  }
  return active;
}

}  // namespace

RunCancelled::RunCancelled(int steps_done, int steps)
    : std::runtime_error(fmt::format("run cancelled after {} of {} steps", steps_done, steps)),
      steps_done_(steps_done) {}

struct Engine::Arena {
  explicit Arena(int threads) : arena(threads) {}
  tbb::task_arena arena;
};

Engine::Engine(std::shared_ptr<const World> world, Scenario scenario, EngineOptions options)
    : world_(std::move(world)),
      scenario_(std::move(scenario)),
      options_(std::move(options)),
      registry_(world_ ? world_->substance_ids() : std::vector<std::string>{}),
      parameters_(registry_) {
  if (!world_) throw std::invalid_argument("Engine: no world");
  options_.threads = std::max(1, options_.threads);
  require_valid(scenario_, *world_, registry_);
  for (const auto& [name, value] : scenario_.parameters) parameters_.set(name, value);
  arena_ = std::make_unique<Arena>(options_.threads);
  // The plan comes from what the modules declare (model/module.hpp): the step order puts every
  // module after those it declares it steps after; initialisation has its own order (markets
  // size inventories from demand, trafficking sizes labour from market demand).
  step_specs_ = module_order(module_catalog(), Phase::step);
  init_specs_ = module_order(module_catalog(), Phase::initialize);
  build();
}

void Engine::build() {
  const auto& world = *world_;
  Calendar calendar(scenario_.start, scenario_.end, scenario_.step_days);
  state_ = std::make_unique<ModelState>(world, parameters_, calendar, scenario_.seed,
                                        scenario_.scale, options_.threads);
  step_order_.clear();
  init_order_.clear();
  // Fresh modules for every run, in the orders the constructor derived.
  const auto policies = activate(scenario_, calendar);
  // Every module resolves its parameters here, once per run: a name no module declares fails
  // now, when the engine is constructed, not in the middle of a run.
  const ModuleContext context{&calendar, &policies, &world, &parameters_};
  for (const auto* spec : step_specs_) step_order_.push_back(spec->make(context));
  for (const auto* spec : init_specs_) {
    for (size_t i = 0; i < step_specs_.size(); ++i) {
      if (step_specs_[i] == spec) init_order_.push_back(step_order_[i].get());
    }
  }
}

Engine::~Engine() = default;

std::vector<PlanEntry> Engine::plan() const {
  std::vector<PlanEntry> entries;
  const auto parts = [](const std::vector<StatePart>& list) {
    std::vector<std::string> names;
    names.reserve(list.size());
    for (const auto p : list) names.emplace_back(to_string(p));
    return names;
  };
  for (const auto* m : init_specs_) {
    entries.push_back({.phase = "initialize",
                       .module = std::string(m->name),
                       .summary = std::string(m->summary)});
  }
  for (const auto* m : step_specs_) {
    PlanEntry entry{.phase = "step",
                    .module = std::string(m->name),
                    .summary = std::string(m->summary),
                    .reads = parts(m->reads),
                    .writes = parts(m->writes)};
    for (const auto metric : m->metrics) entry.metrics.emplace_back(info(metric).name);
    for (const auto& s : m->streams) {
      entry.streams.push_back(fmt::format("{} ({})", s.name, uint32_t(s.stream)));
    }
    entries.push_back(std::move(entry));
  }
  PlanEntry accounting{.phase = "step",
                       .module = "accounting",
                       .summary = "metrics, mass balance and invariant checks, output of the step",
                       .reads = {"everything"}};
  for (const auto metric : core_metrics()) accounting.metrics.emplace_back(info(metric).name);
  entries.push_back(std::move(accounting));
  return entries;
}

RunResult Engine::run(StepObserver* observer) {
  if (used_) build();
  used_ = true;
  RunResult result;
  // The run's parallel loops use this engine's arena only: runs with different thread counts
  // in one process (a server, a notebook) do not share or change each other's parallelism.
  arena_->arena.execute([&] { result = run_steps(observer); });
  return result;
}

RunResult Engine::run_steps(StepObserver* observer) {
  bool check = options_.check_invariants;
#ifdef NARCOSIM_CHECK_INVARIANTS
  check = true;
#endif
  // Checking builds stop at the first invalid operation, division by zero or overflow of the
  // model (core/fp_traps.hpp); the parallel agent loop turns them on in its own tasks.
  const FloatingPointTraps traps;
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  RunResult result;
  for (const auto* m : step_specs_) result.timings.push_back({std::string(m->name), 0.0});
  auto& state = *state_;
  const auto& world = *world_;
  for (auto* m : init_order_) m->initialize(state);
  for (size_t s = 0; s < world.substances.size(); ++s) {
    state.ledger.initial_stock_kg[s] = state.stock_kg(SubstanceIndex(s));
  }
  MetricTable metrics(world.nodes.size(), world.substances.size());
  const int steps = state.calendar.step_count();
  for (int step = 0; step < steps; ++step) {
    if (options_.cancel && options_.cancel->cancelled()) throw RunCancelled(step, steps);
    state.step = step;
    state.flows.reset(world.nodes.size(), world.substances.size(), world.edges.size());
    state.money.start_step();
    for (size_t i = 0; i < step_order_.size(); ++i) {
      if (options_.on_module) options_.on_module(step_specs_[i]->name, state, false);
      const auto t0 = Clock::now();
      step_order_[i]->step(state);
      result.timings[i].seconds += std::chrono::duration<double>(Clock::now() - t0).count();
      if (options_.on_module) options_.on_module(step_specs_[i]->name, state, true);
    }
    collect_metrics(state, metrics);
    for (size_t s = 0; s < world.substances.size(); ++s) {
      const double produced = state.ledger.initial_stock_kg[s] + state.ledger.produced_kg[s];
      const double error = metrics.get(Metric::mass_balance_error_kg, metrics.all_row(), s);
      if (produced > 0) {
        result.max_relative_mass_error =
            std::max(result.max_relative_mass_error, std::abs(error) / produced);
      }
    }
    if (check) check_invariants(state, metrics);
    if (observer) observer->on_step(state, metrics);
    if (options_.on_progress) {
      options_.on_progress(RunProgress{step + 1, steps, state.calendar.date_of_step(step)});
    }
  }
  if (observer) observer->on_run_end(state);
  result.steps = state.calendar.step_count();
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

}  // namespace narcosim
