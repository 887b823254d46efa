// Public treatment for heavy users.
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  l.treatment_multiplier[cell] *= p.field("multiplier");
}
}  // namespace

PolicyType treatment_policy() {
  return {"treatment",
          "Scale public treatment for heavy users",
          "multiplies the treatment budget for the substance, which sets the rate at which "
          "its heavy users enter treatment",
          false,
          true,
          {field("multiplier", "x baseline", 2.0, 0.0, 50.0,
                 "Treatment budget relative to the baseline", "assumption")},
          nullptr,
          on_cell};
}

}  // namespace narcosim::policy_catalog
