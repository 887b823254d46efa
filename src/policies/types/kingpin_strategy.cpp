// Removal of organisation leaders (seed 000).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_country(const PolicyInForce& p, Levers& l, NodeIndex node) {
  l.leader_removals_per_year[node] += p.field("removals_per_year");
}
}  // namespace

PolicyType kingpin_strategy_policy() {
  return {"kingpin_strategy",
          "Removal of organisation leaders (seed 000)",
          "leaders of organisations based in the country are removed at the given rate; "
          "each removal sets off a succession fight that raises homicides and then decays",
          false,
          false,
          {field("removals_per_year", "1/year per organisation", 0.5, 0.0, 5.0,
                 "Leader removals per organisation and year", "assumption")},
          on_country,
          nullptr};
}

}  // namespace narcosim::policy_catalog
