// A legal retail channel beside the illicit one: Uruguay's registry (2013) or Washington's
// commercial market (2014).
#include <cmath>

#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  // A channel opened twice keeps the later policy's terms.
  auto& channel = l.legal_channel[cell];
  const bool commercial = p.field("regime") > 0.5;
  channel.regime = commercial ? LegalRegime::commercial : LegalRegime::registry;
  channel.price_usd_per_g =
      std::max(p.field("price_floor_usd_per_g"),
               p.field("price_usd_per_g") *
                   std::pow(1.0 - p.field("price_decline_per_year"), p.years_in_force()));
  channel.excise_rate = p.field("excise_rate");
  channel.quota_g_per_month = p.field("quota_g_per_month");
  channel.access_share = p.field("access_share") * p.ramp(p.field("rollout_years"));
}
}  // namespace

PolicyType legal_market_policy() {
  return {"legal_market",
          "State registry (Uruguay 2013) or commercial licensed market (Washington 2014)",
          "a legal channel beside the illicit one: buyers with access choose it by price and "
          "possess legally; a registry caps purchases at a monthly quota; a commercial market "
          "pays an excise tax",
          false,
          true,
          {choice("regime", {"registry", "commercial"}, 0.0, "Who may buy, and how",
                  "model brief s2.5"),
           field("price_usd_per_g", "USD/g", 1.3, 0.1, 100.0,
                 "Legal retail price before tax at opening",
                 "Uruguay pharmacy price 2017 (La Nacion; ../shared/data)"),
           field("price_decline_per_year", "1/year", 0.0, 0.0, 0.6,
                 "Yearly fall of the legal price as licensed supply grows (until the floor)",
                 "0 for a registry; Washington fell about 0.3/year 2014-2017 (../shared/data)"),
           field("price_floor_usd_per_g", "USD/g", 0.1, 0.1, 100.0, "Lowest legal price before tax",
                 "assumption"),
           field("excise_rate", "fraction of price", 0.0, 0.0, 2.0,
                 "Excise tax on legal sales (buyers pay price x (1 + rate))",
                 "0 in Uruguay (tax-exempt); 0.37 in Washington (../shared/data)"),
           field("quota_g_per_month", "g/month", 40.0, 0.0, 1000.0,
                 "Monthly purchase limit per buyer (0: none)", "Uruguay Law 19.172: 40 g/month"),
           field("access_share", "fraction", 0.3, 0.0, 1.0,
                 "Share of users who can reach the channel once it is rolled out (registered, "
                 "or near a store)",
                 "assumption (Uruguay: 35,117 registered in 2018, ../shared/data)"),
           field("rollout_years", "years", 2.0, 0.0, 10.0,
                 "Years for access to grow linearly to access_share", "assumption")},
          nullptr,
          on_cell};
}

}  // namespace narcosim::policy_catalog
