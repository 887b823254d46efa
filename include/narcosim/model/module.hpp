#pragma once
// A mechanism of the model, and what it declares about itself. Each module's file ends with its
// ModuleSpec: its name and summary, the parts of the state it reads and writes while stepping,
// and which modules must initialise and step before it. The engine builds the step plan from
// these declarations (narcosim plan prints it); src/modules/module_list.inc registers every
// module with one line; tests/integration/module_contract_test.cpp holds each module to the
// parts it declares it writes. docs/architecture.md: how to add a module.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "narcosim/model/policy.hpp"

namespace narcosim {

struct ModelState;
class Calendar;

class Module {
 public:
  Module() = default;
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;
  virtual ~Module() = default;
  virtual void initialize(ModelState& state) = 0;
  virtual void step(ModelState& state) = 0;
};

// The parts of ModelState (model/state.hpp), as modules declare what they touch.
enum class StatePart : uint8_t {
  farmers,        // farming households and their crops
  sources,        // source markets: stocks at the farm gate
  user_groups,    // user agents
  markets,        // inventories and prices per node and substance
  routes,         // routes and the routes serving each market
  batches,        // product in transit
  organizations,  // trafficking organisations: capital, plazas, learned risk
  workers,        // worker agents
  levers,         // the policy levers
  flows,          // this step's flows (production, seizures, consumption, sales, kg per edge)
  ledger,         // the mass balance ledger
  justice,        // prisons, arrests, sentences per country
  violence,       // homicides, kidnappings, extortions, firearms per country
  labour,         // displaced workers, programmes, outside wages per country
  money,          // the public money ledger
  reinvestment,   // seizure compensation added to interdiction budgets
  count_
};
inline constexpr size_t kStatePartCount = size_t(StatePart::count_);
std::string_view to_string(StatePart part);

// What a module's factory may use: the run's calendar and its policies, activated.
struct ModuleContext {
  const Calendar* calendar = nullptr;
  const std::vector<ActivePolicy>* policies = nullptr;
};

struct ModuleSpec {
  std::string_view name;
  std::string_view summary;
  std::vector<StatePart> reads;   // while stepping (documentation: not checked)
  std::vector<StatePart> writes;  // while stepping (checked by module_contract_test)
  std::vector<std::string_view> initialize_after;  // modules initialised before this one
  std::vector<std::string_view> step_after;        // modules that step before this one
  std::unique_ptr<Module> (*make)(const ModuleContext& context) = nullptr;
};

// Every registered module, in registration order (src/modules/module_list.inc).
const std::vector<const ModuleSpec*>& module_catalog();
const ModuleSpec* find_module(std::string_view name);

enum class Phase : uint8_t { initialize, step };

// The modules of `specs` in the order of `phase`: every declared predecessor comes first, and
// modules free to go in either order keep their order in `specs`. Throws std::logic_error naming
// an unknown predecessor or the modules of a cycle.
std::vector<const ModuleSpec*> module_order(const std::vector<const ModuleSpec*>& specs,
                                            Phase phase);

}  // namespace narcosim
