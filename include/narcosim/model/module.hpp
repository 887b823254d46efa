#pragma once
// A mechanism of the model, and what it declares about itself. A module is a folder of
// src/modules/; its file ends with its ModuleSpec: its name and summary, the parts of the state
// it reads and writes while stepping, which modules must initialise and step before it, its
// factory, and the parameters it declares (its folder's parameters.cpp). The engine builds the
// step plan from these declarations (narcosim plan prints it), and the parameter registry from
// the declared parameters (narcosim parameters prints them). A module reads its parameters once,
// in its factory, into a struct of its own (ParameterReader below), and never by name while it
// runs. src/modules/module_list.inc registers every module with one line;
// tests/integration/module_contract_test.cpp holds each module to the parts it declares it
// writes. docs/architecture.md: how to add a module.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/model/policy.hpp"

namespace narcosim {

struct ModelState;
class Calendar;
class World;

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

// What a module's factory may use: the run's calendar, its policies (activated), the world and
// the run's parameter values (read them with a ParameterReader).
struct ModuleContext {
  const Calendar* calendar = nullptr;
  const std::vector<ActivePolicy>* policies = nullptr;
  const World* world = nullptr;
  const ParameterValues* parameters = nullptr;
};

// Reads a module's parameters in its factory, once per run, into the module's own parameter
// struct. A name no module declares throws std::logic_error naming it (ParameterValues::require):
// a typo fails when the engine is constructed, before any step.
class ParameterReader {
 public:
  explicit ParameterReader(const ModuleContext& context);
  ParameterReader(const ParameterValues& values, const World& world);
  [[nodiscard]] double get(std::string_view name) const;
  // "prefix.{substance}.suffix" for every substance of the world, indexed by SubstanceIndex.
  [[nodiscard]] std::vector<double> per_substance(std::string_view prefix,
                                                  std::string_view suffix) const;

 private:
  const ParameterValues* values_;
  const World* world_;
};

struct ModuleSpec {
  std::string_view name;
  std::string_view summary;
  std::vector<StatePart> reads;   // while stepping (documentation: not checked)
  std::vector<StatePart> writes;  // while stepping (checked by module_contract_test)
  std::vector<std::string_view> initialize_after;  // modules initialised before this one
  std::vector<std::string_view> step_after;        // modules that step before this one
  std::unique_ptr<Module> (*make)(const ModuleContext& context) = nullptr;
  // Appends the parameters the module declares (its folder's parameters.cpp), or nullptr.
  void (*declare_parameters)(std::vector<ParameterDeclaration>& declarations) = nullptr;
};

// Every registered module, in registration order (src/modules/module_list.inc).
const std::vector<const ModuleSpec*>& module_catalog();
const ModuleSpec* find_module(std::string_view name);

// The parameters declared by `specs`, in their order (parameter_declarations() is this over
// module_catalog()). Throws std::logic_error naming the module(s) if a name is declared twice.
std::vector<ParameterDeclaration> module_parameter_declarations(
    const std::vector<const ModuleSpec*>& specs);

enum class Phase : uint8_t { initialize, step };

// The modules of `specs` in the order of `phase`: every declared predecessor comes first, and
// modules free to go in either order keep their order in `specs`. Throws std::logic_error naming
// an unknown predecessor or the modules of a cycle.
std::vector<const ModuleSpec*> module_order(const std::vector<const ModuleSpec*>& specs,
                                            Phase phase);

}  // namespace narcosim
