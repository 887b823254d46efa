// Parameters of public money (public_money.cpp). See docs/ODD.md "Public money".
#include "narcosim/core/parameters.hpp"

namespace narcosim {

void declare_public_money_parameters(std::vector<ParameterDeclaration>& t) {
  t.push_back({"money.prison_cost_usd_per_prisoner_year",
               "USD/year",
               31000.0,
               5000.0,
               80000.0,
               "Cost of holding one prisoner for a year at US wages (scaled elsewhere by the "
               "legal wage)",
               "assumption: Vera Institute (2012) 'The Price of Prisons' reports about US$31,000 "
               "per inmate-year in 40 US states in 2010; not in ../shared/data",
               {}});
  t.push_back({"money.troop_cost_usd_per_year",
               "USD/year",
               100000.0,
               10000.0,
               300000.0,
               "Cost of deploying one soldier or guard for a year at US wages (pay, equipment, "
               "operations; scaled elsewhere by the legal wage)",
               "assumption",
               {}});
  t.push_back({"money.compensation_memory_years",
               "years",
               1.0,
               0.1,
               5.0,
               "Smoothing of compensation received before recipients budget it for interdiction",
               "assumption: budgets follow last year's receipts",
               {}});
}

}  // namespace narcosim
