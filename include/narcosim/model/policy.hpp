#pragma once
// Policies as data: a type, the places and substances it covers, a period and its own fields.
// A policy changes only the declared levers (state.hpp, Levers), so its effects are auditable.
#include <map>
#include <string>
#include <string_view>
#include <vector>

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

struct PolicyType {
  std::string name;
  std::string summary;
  std::string mechanism;  // which lever it moves
  bool corridors_allowed = false;
  bool substance_specific = true;  // false: `substances:` is not accepted (country-wide levers)
  std::vector<PolicyField> fields;
};

const std::vector<PolicyType>& policy_types();
const PolicyType* find_policy_type(std::string_view name);

struct ActivePolicy {
  std::string type;
  std::vector<NodeIndex> nodes;
  std::vector<SubstanceIndex> substances;  // empty: every substance
  int start_step = 0;
  int end_step = 0;  // exclusive
  std::map<std::string, double> fields;
  [[nodiscard]] double field(const std::string& name) const;
};

}  // namespace narcosim
