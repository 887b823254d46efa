#include "narcosim/run/engine.hpp"

#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "narcosim/core/fp_traps.hpp"

namespace narcosim {

namespace {

std::vector<ActivePolicy> activate(const Scenario& scenario, const Calendar& calendar) {
  std::vector<ActivePolicy> active;
  for (const auto& spec : scenario.policies) {
    ActivePolicy policy;
    policy.type = spec.type;
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
    policy.fields = spec.fields;
    active.push_back(std::move(policy));
  }
  return active;
}

}  // namespace

Engine::Engine(const World& world, const Scenario& scenario, int threads)
    : world_(world),
      scenario_(scenario),
      threads_(std::max(1, threads)),
      registry_(world.substance_ids()),
      parameters_(registry_) {
  for (const auto& [name, value] : scenario.parameters) parameters_.set(name, value);
  Calendar calendar(scenario.start, scenario.end, scenario.step_days);
  state_ = std::make_unique<ModelState>(world, parameters_, calendar, scenario.seed, scenario.scale,
                                        threads_);
  // Step order: policies set the levers; supply moves from fields through routes to markets;
  // prices form; users buy and consume.
  step_order_.push_back(make_policy_module(activate(scenario, calendar)));
  step_order_.push_back(make_production_module());
  step_order_.push_back(make_trafficking_module());
  step_order_.push_back(make_workforce_module());
  step_order_.push_back(make_markets_module());
  step_order_.push_back(make_demand_module());
  // Then the consequences: arrests and prisons, violence and crime, and the public accounts
  // that pay for programs and prisons and settle transfers between countries.
  step_order_.push_back(make_justice_module());
  step_order_.push_back(make_violence_module());
  step_order_.push_back(make_public_money_module());
  // Initialisation order differs: markets size inventories from demand, trafficking sizes
  // labour from market demand.
  auto by_name = [&](std::string_view name) {
    for (auto& m : step_order_) {
      if (m->name() == name) return m.get();
    }
    return static_cast<Module*>(nullptr);
  };
  for (const char* name : {"policies", "production", "demand", "markets", "trafficking",
                           "workforce", "justice", "violence", "public_money"}) {
    init_order_.push_back(by_name(name));
  }
}

Engine::~Engine() = default;

std::vector<PlanEntry> Engine::plan() const {
  std::vector<PlanEntry> entries;
  for (const auto* m : init_order_) {
    entries.push_back({"initialize", std::string(m->name()), std::string(m->summary())});
  }
  for (const auto& m : step_order_) {
    entries.push_back({"step", std::string(m->name()), std::string(m->summary())});
  }
  entries.push_back(
      {"step", "accounting", "metrics, mass balance and invariant checks, output of the step"});
  return entries;
}

RunResult Engine::run(StepObserver* observer, bool check) {
#ifdef NARCOSIM_CHECK_INVARIANTS
  check = true;
#endif
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism, size_t(threads_));
  // Checking builds stop at the first invalid operation, division by zero or overflow of the
  // model (core/fp_traps.hpp); the parallel agent loop turns them on in its own tasks.
  const FloatingPointTraps traps;
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  RunResult result;
  for (const auto& m : step_order_) result.timings.push_back({std::string(m->name()), 0.0});
  auto& state = *state_;
  for (auto* m : init_order_) m->initialize(state);
  for (size_t s = 0; s < world_.substances.size(); ++s) {
    state.ledger.initial_stock_kg[s] = state.stock_kg(SubstanceIndex(s));
  }
  MetricTable metrics(world_.nodes.size(), world_.substances.size());
  for (int step = 0; step < state.calendar.step_count(); ++step) {
    state.step = step;
    state.flows.reset(world_.nodes.size(), world_.substances.size(), world_.edges.size());
    state.money.start_step();
    for (size_t i = 0; i < step_order_.size(); ++i) {
      const auto t0 = Clock::now();
      step_order_[i]->step(state);
      result.timings[i].seconds += std::chrono::duration<double>(Clock::now() - t0).count();
    }
    collect_metrics(state, metrics);
    for (size_t s = 0; s < world_.substances.size(); ++s) {
      const double produced = state.ledger.initial_stock_kg[s] + state.ledger.produced_kg[s];
      const double error = metrics.get(Metric::mass_balance_error_kg, metrics.all_row(), s);
      if (produced > 0) {
        result.max_relative_mass_error =
            std::max(result.max_relative_mass_error, std::abs(error) / produced);
      }
    }
    if (check) check_invariants(state, metrics);
    if (observer) observer->on_step(state, metrics);
  }
  result.steps = state.calendar.step_count();
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return result;
}

}  // namespace narcosim
