// Regulated medical production of poppy and cannabis (Guatemala's proposal, seed 001).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  l.medical_licensed_ha[cell] += p.field("licensed_ha");
  l.medical_price_ratio[cell] = p.field("price_ratio");
  l.medical_diversion_share[cell] = p.field("diversion_share");
}
}  // namespace

PolicyType medical_production_policy() {
  return {
      "medical_production",
      "Regulated medical production of poppy and cannabis (Guatemala proposal, seed 001)",
      "licensed hectares sell their crop to a licensed buyer at a set price: households "
      "holding a licence leave the illicit crop; a share of licensed output is diverted",
      false,
      true,
      {field("licensed_ha", "hectares", 1000.0, 0.0, 100000.0, "Hectares licensed", "assumption"),
       field("price_ratio", "x farm-gate", 1.2, 0.1, 10.0,
             "Licensed price relative to the illicit farm-gate price at the start", "assumption"),
       field("diversion_share", "fraction", 0.05, 0.0, 1.0,
             "Share of licensed output diverted to the illicit market", "assumption")},
      nullptr,
      on_cell};
}

}  // namespace narcosim::policy_catalog
