// Fewer firearms flowing south (seed 004).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_country(const PolicyInForce& p, Levers& l, NodeIndex node) {
  l.firearm_target[node] *= 1.0 - p.field("reduction");
  l.firearm_adjust_years[node] = p.field("adjustment_years");
}
}  // namespace

PolicyType gun_flow_reduction_policy() {
  return {"gun_flow_reduction",
          "Reduce southbound firearm flows (seed 004)",
          "the firearm stock of the country converges to a lower level; homicide lethality "
          "scales with it",
          false,
          false,
          {field("reduction", "fraction", 0.5, 0.0, 1.0, "Cut in the long-run firearm availability",
                 "assumption"),
           field("adjustment_years", "years", 5.0, 0.1, 30.0,
                 "Time constant over which the stock follows the lower inflow", "assumption")},
          on_country,
          nullptr};
}

}  // namespace narcosim::policy_catalog
