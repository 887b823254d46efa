// Administrative sanctions instead of arrest for possession below a threshold (Portugal 2001).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_cell(const PolicyInForce& p, Levers& l, NodeIndex /*node*/, SubstanceIndex /*s*/,
             size_t cell) {
  l.possession_threshold_days[cell] =
      std::max(l.possession_threshold_days[cell], p.field("threshold_days_supply"));
  l.treatment_referral_per_year[cell] += p.field("referral_per_year");
}
}  // namespace

PolicyType decriminalize_possession_policy() {
  return {
      "decriminalize_possession",
      "Administrative sanctions instead of arrest for possession below a threshold",
      "possession arrests fall by the share of cases below the threshold; dissuasion panels "
      "refer heavy users to treatment",
      false,
      true,
      {field("threshold_days_supply", "days of use", 10.0, 0.0, 60.0,
             "Possession below this many days of an average user's consumption is an "
             "administrative matter",
             "Portugal, Law 30/2000 (10-day supply; model brief s2.5)"),
       field("referral_per_year", "1/year", 0.05, 0.0, 0.5,
             "Share of heavy users referred to treatment by the panels each year", "assumption")},
      nullptr,
      on_cell};
}

}  // namespace narcosim::policy_catalog
