// The registry of policy types: every file of src/policies/types/ (listed by the build in
// policy_type_list.inc), sorted by name and checked once.
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "narcosim/model/policy.hpp"

namespace narcosim {

namespace policy_catalog {
#define NARCOSIM_POLICY_TYPE(name) PolicyType name##_policy();
#include "policy_type_list.inc"
#undef NARCOSIM_POLICY_TYPE
}  // namespace policy_catalog

namespace {

// A type is usable when its name is the one its file gives, its defaults lie in their ranges
// and it has an effect (tests/unit/policy_types_test.cpp checks that the effect moves a lever).
void check(const PolicyType& type, const char* file_stem) {
  const auto fail = [&](const std::string& what) {
    throw std::logic_error(
        fmt::format("policy type {} (src/policies/types/{}.cpp): {}", type.name, file_stem, what));
  };
  if (type.name != file_stem) fail("its name must be its file's name");
  if (!type.on_country && !type.on_cell) fail("it moves no lever (no effect declared)");
  if (!type.substance_specific && type.on_cell) {
    fail("a type without substances cannot have effects per substance");
  }
  for (const auto& f : type.fields) {
    if (!(f.min_value <= f.default_value && f.default_value <= f.max_value)) {
      fail(fmt::format("field {}: default {} outside [{}, {}]", f.name, f.default_value,
                       f.min_value, f.max_value));
    }
    if (f.unit.empty() || f.source.empty() || f.description.empty()) {
      fail(fmt::format("field {}: needs a unit, a description and a source", f.name));
    }
    if (std::count_if(type.fields.begin(), type.fields.end(),
                      [&](const PolicyField& g) { return g.name == f.name; }) > 1) {
      fail(fmt::format("field {} declared twice", f.name));
    }
  }
}

std::vector<PolicyType> build() {
  std::vector<PolicyType> types;
#define NARCOSIM_POLICY_TYPE(name)                  \
  types.push_back(policy_catalog::name##_policy()); \
  check(types.back(), #name);
#include "policy_type_list.inc"
#undef NARCOSIM_POLICY_TYPE
  std::sort(types.begin(), types.end(),
            [](const PolicyType& a, const PolicyType& b) { return a.name < b.name; });
  return types;
}

}  // namespace

const std::vector<PolicyType>& policy_types() {
  static const std::vector<PolicyType> types = build();
  return types;
}

const PolicyType* find_policy_type(std::string_view name) {
  const auto& types = policy_types();
  const auto it =
      std::find_if(types.begin(), types.end(), [&](const PolicyType& t) { return t.name == name; });
  return it == types.end() ? nullptr : &*it;
}

const PolicyField* PolicyType::field(std::string_view field_name) const {
  const auto it = std::find_if(fields.begin(), fields.end(),
                               [&](const PolicyField& f) { return f.name == field_name; });
  return it == fields.end() ? nullptr : &*it;
}

double PolicyInForce::field(std::string_view name) const {
  const auto& fields = policy_->type->fields;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return policy_->values.at(i);
  }
  throw std::logic_error(
      fmt::format("policy type {} declares no field {}", policy_->type->name, name));
}

double PolicyInForce::ramp(double years) const {
  return years <= 0.0 ? 1.0 : std::clamp(years_in_force() / years, 0.0, 1.0);
}

Levers levers_before_run(const std::vector<ActivePolicy>& policies, const World& world,
                         double years_per_step) {
  Levers levers;
  levers.reset(world.nodes.size(), world.substances.size());
  for (const auto& policy : policies) {
    if (policy.start_step < 0) apply_policy(policy, world, 0, years_per_step, levers);
  }
  return levers;
}

void apply_policy(const ActivePolicy& policy, const World& world, int step, double years_per_step,
                  Levers& levers) {
  if (step < policy.start_step || step >= policy.end_step) return;
  const PolicyInForce in_force(policy, world, step, years_per_step);
  const auto& type = *policy.type;
  const size_t substances = world.substances.size();
  for (const auto node : policy.nodes) {
    if (type.on_country) type.on_country(in_force, levers, node);
    if (!type.on_cell) continue;
    for (size_t s = 0; s < substances; ++s) {
      const auto substance = SubstanceIndex(s);
      const bool covered =
          policy.substances.empty() || std::find(policy.substances.begin(), policy.substances.end(),
                                                 substance) != policy.substances.end();
      if (covered) type.on_cell(in_force, levers, node, substance, size_t(node) * substances + s);
    }
  }
}

}  // namespace narcosim
