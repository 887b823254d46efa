// Parameters of trafficking and its workforce (trafficking.cpp, routes.cpp, workforce.cpp). See
// docs/ODD.md "Trafficking" and "Workforce". A source is a citation or "assumption: why".
#include "narcosim/core/parameters.hpp"

namespace narcosim {

void declare_trafficking_parameters(std::vector<ParameterDeclaration>& t) {
  t.push_back({"trafficking.batch_kg",
               "kg",
               500,
               10,
               5000,
               "Size of one shipment (the unit that is seized or gets through)",
               "assumption: go-fast and semi-submersible loads of 0.5-2 t are typical",
               {}});
  t.push_back({"trafficking.routes_per_pair",
               "routes",
               3,
               1,
               8,
               "Candidate routes (k cheapest paths) per source-market pair",
               "assumption",
               {}});
  t.push_back({"trafficking.max_route_nodes",
               "nodes",
               11,
               2,
               14,
               "Longest route considered, counting source and destination",
               "assumption: long enough for the coast-hugging routes from Colombia's coasts "
               "along the isthmus to Mexico and the United States (10 nodes)",
               {}});
  t.push_back({"trafficking.seizure_max_probability",
               "probability",
               0.5,
               0.05,
               0.95,
               "Seizure probability per batch entering a node as interdiction effort grows "
               "without bound",
               "assumption: diminishing returns to interdiction (model brief s2.6)",
               {}});
  t.push_back({"trafficking.interdiction_half_saturation_usd",
               "USD/year",
               1.5e9,
               1e7,
               1e11,
               "Interdiction spending at a node that reaches 63% of the maximum seizure "
               "probability",
               "assumption",
               {}});
  t.push_back({"trafficking.interdiction_adaptive",
               "switch",
               0,
               0,
               1,
               "Adaptive interdiction: above 0, each country (with its coasts) and the corridors "
               "as one pool move effort toward the nodes where they seized recently",
               "form: Magliocca et al. (2019) PNAS, NarcoLogic's interdiction agent follows its "
               "seizures; off in the baseline (assumption: 2010-2018 budgets are not known to "
               "have been reallocated by such a rule)",
               {}});
  t.push_back({"trafficking.interdiction_adapt_years",
               "years",
               1.0,
               0.1,
               5.0,
               "Time constant of adaptive interdiction: of the memory of seizures and of the move "
               "of effort toward them",
               "assumption: agencies re-plan patrols within the year; NarcoLogic re-targets "
               "monthly",
               {}});
  t.push_back({"trafficking.interdiction_min_effort",
               "x even effort",
               0.2,
               0.0,
               1.0,
               "Least effort adaptive interdiction leaves at a node, relative to an even spread "
               "of the pool's budget",
               "assumption: agencies keep some presence at every port and coast",
               {}});
  t.push_back({"trafficking.risk_prior_events",
               "events",
               1.0,
               0.1,
               20.0,
               "Beta prior (alpha) of a trafficker's estimate of seizure risk at a node",
               "form: Magliocca et al. (2019) PNAS, NarcoLogic calc_intrisk.m; value "
               "assumption",
               {}});
  t.push_back({"trafficking.risk_prior_trials",
               "passages",
               10.0,
               1.0,
               200.0,
               "Beta prior (alpha + beta) of the seizure risk estimate",
               "form: Magliocca et al. (2019); value assumption",
               {}});
  t.push_back({"trafficking.risk_memory_years",
               "years",
               0.5,
               0.02,
               5.0,
               "Time constant over which traffickers forget seizure events",
               "assumption: NarcoLogic weights recent events more (Magliocca et al. 2019)",
               {}});
  t.push_back({"trafficking.route_choice_sensitivity",
               "1/margin",
               8.0,
               0.0,
               100.0,
               "Logit sensitivity of route and source choice to expected profit per unit "
               "of value",
               "assumption",
               {}});
  t.push_back({"trafficking.plaza_fee_share",
               "fraction of value",
               0.05,
               0.0,
               0.5,
               "Fee paid to the organisation controlling a plaza that a shipment crosses",
               "assumption: 'derecho de piso' is widely reported; its size is not",
               {}});
  t.push_back({"trafficking.capital_payout_per_year",
               "1/year",
               0.5,
               0.0,
               5.0,
               "Share of capital paid out (consumption, bribes, laundering) per year",
               "assumption",
               {}});
  t.push_back({"trafficking.order_adjust_weeks",
               "weeks",
               4.0,
               1.0,
               26.0,
               "Time over which markets close the gap between target and actual stocks",
               "assumption",
               {}});
  t.push_back({"trafficking.worker_attrition_per_year",
               "1/year",
               0.107,
               0.02,
               0.5,
               "Exit rate of trafficking workers (arrest, death, quitting)",
               "derived: Prieto-Curiel, Campedelli & Hope (2023) Science: 350-370 recruits "
               "a week keep 175,000 members (2022), i.e. about 10.7% a year",
               {}});
  t.push_back({"trafficking.recruitment_adjust_weeks",
               "weeks",
               8.0,
               1.0,
               52.0,
               "Time over which an organisation closes its workforce gap",
               "assumption",
               {}});
  t.push_back({"trafficking.labour_share",
               "fraction",
               0.15,
               0.01,
               0.6,
               "Share of an organisation's revenue paid as wages",
               "assumption",
               {}});
  t.push_back({"trafficking.wage_sensitivity",
               "exponent",
               2.0,
               0.0,
               10.0,
               "How strongly recruits weigh the drug wage against the legal wage",
               "assumption",
               {}});
  t.push_back({"trafficking.throughput_memory_weeks",
               "weeks",
               13.0,
               1.0,
               104.0,
               "Smoothing of an organisation's throughput when it plans its workforce",
               "assumption",
               {}});
}

}  // namespace narcosim
