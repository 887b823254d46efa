#pragma once
// Policies as data: a type, the places and substances it covers, a period and its own fields.
// A policy changes only the declared levers (levers.hpp), so its effects are auditable.
//
// Each policy type is one file in src/policies/types/ that declares its fields and what it does
// to the levers (docs/architecture.md, "How to add a policy type"); the build collects them.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "narcosim/model/levers.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim {

struct PolicyField {
  std::string name;
  std::string unit;
  double default_value = 0.0;
  double min_value = 0.0;
  double max_value = 0.0;
  std::string description;
  std::string source;                // citation for the default, or "assumption"
  std::vector<std::string> choices;  // non-empty: a named option; the value is its index
  [[nodiscard]] bool is_choice() const { return !choices.empty(); }
};

class PolicyInForce;

// What one policy does to the levers in one step: country-wide levers once per country it
// covers, then the levers of each substance it covers there. `cell` is state.cell(node,
// substance). Either may be empty.
using CountryEffect = void (*)(const PolicyInForce& policy, Levers& levers, NodeIndex node);
using CellEffect = void (*)(const PolicyInForce& policy, Levers& levers, NodeIndex node,
                            SubstanceIndex substance, size_t cell);

struct PolicyType {
  std::string name;
  std::string summary;
  std::string mechanism;  // which lever it moves, in words (`narcosim policies`)
  bool corridors_allowed = false;
  bool substance_specific = true;  // false: `substances:` is not accepted (country-wide levers)
  std::vector<PolicyField> fields;
  CountryEffect on_country = nullptr;
  CellEffect on_cell = nullptr;
  [[nodiscard]] const PolicyField* field(std::string_view field_name) const;
};

// Every registered type, sorted by name.
const std::vector<PolicyType>& policy_types();
const PolicyType* find_policy_type(std::string_view name);

// A policy of a scenario resolved for one run: steps instead of dates, every field present.
struct ActivePolicy {
  const PolicyType* type = nullptr;
  std::vector<NodeIndex> nodes;
  std::vector<SubstanceIndex> substances;  // empty: every substance
  int start_step = 0;
  int end_step = 0;            // exclusive
  std::vector<double> values;  // one per type->fields, in that order
};

// One policy at one step, as its effects see it.
class PolicyInForce {
 public:
  PolicyInForce(const ActivePolicy& policy, const World& world, int step, double years_per_step)
      : policy_(&policy), world_(&world), step_(step), years_per_step_(years_per_step) {}
  // The value of one of the type's fields; a name the type does not declare is a programming
  // error (std::logic_error).
  [[nodiscard]] double field(std::string_view name) const;
  [[nodiscard]] bool is_first_step() const { return step_ == policy_->start_step; }
  [[nodiscard]] double years_in_force() const {
    return double(step_ - policy_->start_step) * years_per_step_;
  }
  // Linear ramp from 0 at the policy's start to 1 after `years` (1 at once when years is 0).
  [[nodiscard]] double ramp(double years) const;
  [[nodiscard]] const World& world() const { return *world_; }
  [[nodiscard]] size_t node_count() const { return world_->nodes.size(); }

 private:
  const ActivePolicy* policy_;
  const World* world_;
  int step_;
  double years_per_step_;
};

// Moves `levers` as the policy does at `step`, if it is in force then: its type's country effect
// for each place it covers, then its cell effect for each substance it covers there. The policy
// module applies every policy of the run this way, in scenario order, on levers reset to the
// baseline.
void apply_policy(const ActivePolicy& policy, const World& world, int step, double years_per_step,
                  Levers& levers);

// The levers of the run's first step with only the policies that began before the run in force
// (start_step < 0): the conditions under which 2010 was observed, to which modules calibrate.
// A policy starting with the run acts on the run, as it would from any later step.
Levers levers_before_run(const std::vector<ActivePolicy>& policies, const World& world,
                         double years_per_step);

}  // namespace narcosim
