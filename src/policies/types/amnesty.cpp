// Amnesty for peasant growers and low-level non-violent workers (Mexico 2018, seed 004).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_country(const PolicyInForce& p, Levers& l, NodeIndex node) {
  if (p.is_first_step()) l.amnesty_release_share[node] = p.field("release_share");
  l.grower_prosecution[node] *= p.field("grower_prosecution");
}
}  // namespace

PolicyType amnesty_policy() {
  return {"amnesty",
          "Amnesty for peasant growers and low-level non-violent workers (Mexico 2018, seed 004)",
          "at the start releases a share of prisoners held for possession, growing and low-level "
          "trafficking (never violent or high-level offenders); growers are no longer "
          "prosecuted while it lasts",
          false,
          false,
          {field("release_share", "fraction", 0.5, 0.0, 1.0,
                 "Share of eligible prisoners released at the start", "assumption"),
           field("grower_prosecution", "x baseline", 0.0, 0.0, 1.0,
                 "Arrests of growers relative to the baseline while in force", "assumption")},
          on_country,
          nullptr};
}

}  // namespace narcosim::policy_catalog
