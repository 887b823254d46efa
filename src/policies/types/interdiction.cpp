// Interdiction: more (or less) spending on seizing the substance where it enters a node.
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  l.interdiction_multiplier[cell] *= p.field("multiplier");
}
}  // namespace

PolicyType interdiction_policy() {
  return {"interdiction",
          "Scale interdiction spending in countries or corridors",
          "multiplies the interdiction budget aimed at the substance, which sets the seizure "
          "probability of every batch of it entering the node (diminishing returns)",
          true,
          true,
          {field("multiplier", "x baseline", 2.0, 0.0, 20.0,
                 "Interdiction budget relative to the baseline", "assumption")},
          nullptr,
          on_cell};
}

}  // namespace narcosim::policy_catalog
