// Consumer countries pay transit and producer countries for every kilo seized (Perez Molina,
// seed 003).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
// Recipients are every other country; they reinvest what they receive.
void on_country(const PolicyInForce& p, Levers& l, NodeIndex /*payer*/) {
  const double reinvest = p.field("reinvest_share");
  for (auto& share : l.compensation_reinvest_share) share = std::max(share, reinvest);
}

void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  l.compensation_share[cell] += p.field("share");
}
}  // namespace

PolicyType seizure_compensation_policy() {
  return {"seizure_compensation",
          "Consumer countries pay transit and producer countries for every kilo seized (Perez "
          "Molina, seed 003)",
          "the listed (paying) countries pay every other country a share of the wholesale value "
          "of what it seizes, split by their illicit consumption; recipients add the receipts "
          "to interdiction",
          false,
          true,
          {field("share", "fraction of value", 0.5, 0.0, 2.0,
                 "Compensation per kilo seized as a share of its local wholesale value",
                 "seed 003 (50 percent)"),
           field("reinvest_share", "fraction", 1.0, 0.0, 1.0,
                 "Share of compensation received that recipients add to interdiction spending",
                 "assumption")},
          on_country,
          on_cell};
}

}  // namespace narcosim::policy_catalog
