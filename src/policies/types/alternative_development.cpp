// Alternative development: payments for licit crops instead of the illicit one.
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  l.alt_dev_support_usd_per_ha[cell] += p.field("support_usd_per_ha");
  l.alt_dev_community[cell] = std::max(l.alt_dev_community[cell], p.field("coverage"));
}
}  // namespace

PolicyType alternative_development_policy() {
  return {"alternative_development",
          "Pay households that grow licit crops (coffee, cacao) instead of the illicit one",
          "adds a per-hectare payment to the licit income of households in the crop choice, "
          "kept while they stay out of the illicit crop: households that left it "
          "(converted), or every licit household of the growing regions (community)",
          false,
          true,
          {field("support_usd_per_ha", "USD/ha/year", 1000.0, 0.0, 10000.0,
                 "Payment per licit hectare and year", "assumption"),
           choice("coverage", {"converted", "community"}, 0.0,
                  "Who is paid: households that left the illicit crop, or every licit "
                  "household of the region on a zero-coca agreement",
                  "assumption on the form; community agreements as in Peru's San Martin "
                  "model")},
          nullptr,
          on_cell};
}

}  // namespace narcosim::policy_catalog
