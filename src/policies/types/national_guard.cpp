// Phased replacement of the military by a national guard (Mexico 2018, seed 004).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
// The guard takes over from every deployment in force: the military part shrinks to zero over
// the phase (policies are applied in file order, so list militarization first).
void on_country(const PolicyInForce& p, Levers& l, NodeIndex node) {
  const double phase = p.ramp(p.field("phase_years"));
  l.military_troops[node] *= 1.0 - phase;
  l.guard_troops[node] += p.field("guard_size") * phase;
}
}  // namespace

PolicyType national_guard_policy() {
  return {"national_guard",
          "Phased replacement of the military by a national guard (Mexico 2018, seed 004)",
          "troops deployed by militarization withdraw linearly over the phase while a guard of "
          "the given size is built; a guard is less lethal in confrontations and deters "
          "predatory crime",
          false,
          false,
          {field("guard_size", "persons", 300000.0, 0.0, 1000000.0, "Guard at full strength",
                 "seed 004 (300,000-person National Guard)"),
           field("phase_years", "years", 3.0, 0.1, 10.0,
                 "Years over which the military withdraws and the guard is built",
                 "seed 004 (over three years)")},
          on_country,
          nullptr};
}

}  // namespace narcosim::policy_catalog
