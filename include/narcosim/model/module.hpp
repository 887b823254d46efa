#pragma once
// A mechanism of the model, and what it declares about itself. A module is a folder of
// src/modules/; its file ends with its ModuleSpec: its name and summary, the parts of the state
// it reads and writes while stepping, which modules must initialise and step before it, its
// factory, the parameters it declares (its folder's parameters.cpp), the random streams it draws
// from and the metrics it reports. The engine builds the step plan from these declarations
// (narcosim plan prints it), the parameter registry from the declared parameters (narcosim
// parameters prints them) and each step's metrics from the modules' reports. A module reads its
// parameters once, in its factory, into a struct of its own (ParameterReader below), and never
// by name while it runs. src/modules/module_list.inc registers every module with one line;
// tests/integration/module_contract_test.cpp holds each module to the parts it declares it
// writes and the metrics it declares it reports. docs/architecture.md: how to add a module.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/core/rng.hpp"
#include "narcosim/model/metrics.hpp"
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
  corruption,     // bribes per country and the enforcement they buy off
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

// A random stream a module draws from (core/rng.hpp). Its number keys every draw, so changing it
// changes every result; the catalog refuses two modules claiming one number.
struct StreamDeclaration {
  Stream stream;
  std::string_view name;
  std::string_view draws;  // what is drawn from it
};

struct ModuleSpec {
  std::string_view name = {};
  std::string_view summary = {};
  std::vector<StatePart> reads = {};   // while stepping (documentation: not checked)
  std::vector<StatePart> writes = {};  // while stepping (checked by module_contract_test)
  std::vector<std::string_view> initialize_after = {};  // modules initialised before this one
  std::vector<std::string_view> step_after = {};        // modules that step before this one
  std::unique_ptr<Module> (*make)(const ModuleContext& context) = nullptr;
  // Appends the parameters the module declares (its folder's parameters.cpp), or nullptr.
  void (*declare_parameters)(std::vector<ParameterDeclaration>& declarations) = nullptr;
  std::vector<StreamDeclaration> streams = {};  // every random stream it draws from
  std::vector<Metric> metrics = {};             // the metrics it reports (model/metrics.hpp)
  // Puts this module's metrics for the step just ended into the table (collect_metrics calls
  // every module's in catalog order); writes no other metric (module_contract_test).
  void (*report)(const ModelState& state, MetricTable& table) = nullptr;
};

// Every registered module, in registration order (src/modules/module_list.inc). Checked when
// first built (std::logic_error): both phases have an order, no stream or metric is declared by
// two modules (nor a metric by a module and the core, model/metrics.hpp core_metrics()), stream
// numbers fit the counter (core/rng.hpp kMaxStream) and are not the core's.
const std::vector<const ModuleSpec*>& module_catalog();
// Throws std::logic_error when `specs` break a rule of module_catalog() above, naming it.
void check_declarations(const std::vector<const ModuleSpec*>& specs);
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
