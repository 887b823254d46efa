// Full legalisation of production, transport, sale and possession (a stress test; seeds 003
// and 004).
#include <limits>

#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex node, SubstanceIndex substance,
             size_t cell) {
  l.legal_transport_share[cell] = 1.0;
  l.possession_threshold_days[cell] = std::numeric_limits<double>::infinity();
  l.interdiction_multiplier[cell] = 0.0;
  l.eradication_multiplier[cell] = 0.0;
  l.grower_prosecution[node] = 0.0;
  const auto reference = p.world().figure(node, substance, "price_retail_usd_per_g");
  if (!reference) return;  // no consumer market for it here: transport and growing only
  auto& channel = l.legal_channel[cell];
  channel.regime = LegalRegime::commercial;
  channel.price_usd_per_g = *reference * p.field("price_ratio");
  channel.excise_rate = p.field("excise_rate");
  channel.quota_g_per_month = 0.0;
  channel.access_share = p.field("access_share") * p.ramp(p.field("rollout_years"));
}
}  // namespace

PolicyType legalize_all_policy() {
  return {"legalize_all",
          "Full legalisation of production, transport, sale and possession (stress test, seeds "
          "003 and 004)",
          "a commercial legal market at a price relative to the baseline illicit retail price, "
          "legal transport, no possession arrests, no eradication and no interdiction of the "
          "substances",
          false,
          true,
          {field("price_ratio", "x baseline retail", 0.3, 0.01, 2.0,
                 "Legal retail price before tax relative to the baseline illicit retail price",
                 "assumption"),
           field("excise_rate", "fraction of price", 0.3, 0.0, 2.0, "Excise tax on legal sales",
                 "assumption"),
           field("access_share", "fraction", 0.9, 0.0, 1.0,
                 "Share of users who can reach legal sellers once rolled out", "assumption"),
           field("rollout_years", "years", 2.0, 0.0, 10.0,
                 "Years for access to grow linearly to access_share", "assumption")},
          nullptr,
          on_cell};
}

}  // namespace narcosim::policy_catalog
