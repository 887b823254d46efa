// Jobs, scholarships and food programs for young people (Mexico 2018, seed 004).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
// Several programs: budgets add; the cost per participant is the budget-weighted mean.
void on_country(const PolicyInForce& p, Levers& l, NodeIndex node) {
  const double budget = p.field("budget_usd_per_year");
  const double old_budget = l.program_budget_usd_per_year[node];
  const double old_participants =
      old_budget > 0 ? old_budget / l.program_cost_per_participant_usd[node] : 0.0;
  const double participants =
      old_participants + budget / p.field("cost_per_participant_usd_per_year");
  l.program_budget_usd_per_year[node] = old_budget + budget;
  if (participants > 0) {
    l.program_cost_per_participant_usd[node] = (old_budget + budget) / participants;
  }
}
}  // namespace

PolicyType social_programs_policy() {
  return {"social_programs",
          "Jobs, scholarships and food programs for young people (Mexico 2018, seed 004)",
          "participants earn a stipend: the outside option of would-be recruits and of displaced "
          "workers rises, so recruitment into trafficking and predatory crime fall",
          false,
          false,
          {field("budget_usd_per_year", "USD/year", 5.0e9, 0.0, 1.0e11, "Program budget",
                 "seed 004 (US$5 billion package)"),
           field("cost_per_participant_usd_per_year", "USD/year", 2300.0, 100.0, 50000.0,
                 "Stipend and training per participant",
                 "assumption (a MXN 3,600 monthly stipend is about US$2,300 a year)")},
          on_country,
          nullptr};
}

}  // namespace narcosim::policy_catalog
