// Forced eradication of the illicit crop.
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  l.eradication_multiplier[cell] *= p.field("multiplier");
}
}  // namespace

PolicyType eradication_policy() {
  return {"eradication",
          "Scale forced eradication of illicit crops",
          "multiplies the eradication budget; hectares eradicated = budget / baseline cost per ha",
          false,
          true,
          {field("multiplier", "x baseline", 2.0, 0.0, 20.0,
                 "Eradication budget relative to the baseline", "assumption")},
          nullptr,
          on_cell};
}

}  // namespace narcosim::policy_catalog
