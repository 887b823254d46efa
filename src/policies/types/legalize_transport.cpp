// Legal transport of drugs through a country (Guatemala's 2012 proposal).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  l.legal_transport_share[cell] =
      std::max(l.legal_transport_share[cell], p.field("licensed_share"));
}
}  // namespace

PolicyType legalize_transport_policy() {
  return {"legalize_transport",
          "Legal transport of drugs through a country (Guatemala 2012 proposal)",
          "licensed carriers cross the country without seizure risk, risk premium or plaza fees; "
          "the goods still face full risk in the next country unless it also legalises transport",
          false,
          true,
          {field("licensed_share", "fraction", 1.0, 0.0, 1.0,
                 "Share of the transit carried by licensed carriers", "assumption")},
          nullptr,
          on_cell};
}

}  // namespace narcosim::policy_catalog
