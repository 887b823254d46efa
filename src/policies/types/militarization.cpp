// Military deployment against trafficking organisations (Mexico 2006).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_country(const PolicyInForce& p, Levers& l, NodeIndex node) {
  l.military_troops[node] += p.field("troops") * p.ramp(p.field("rampup_years"));
}
}  // namespace

PolicyType militarization_policy() {
  return {"militarization",
          "Military deployment against trafficking organisations (Mexico 2006)",
          "deployed troops raise arrests of traffickers and add armed "
          "confrontations whose lethality scales with firearm availability",
          false,
          false,
          {field("troops", "persons", 45000.0, 0.0, 500000.0, "Soldiers deployed at full strength",
                 "assumption (about 45,000 soldiers deployed in Mexico by 2007-2008, widely "
                 "reported)"),
           field("rampup_years", "years", 1.0, 0.0, 10.0, "Years to reach full strength (linear)",
                 "assumption")},
          on_country,
          nullptr};
}

}  // namespace narcosim::policy_catalog
