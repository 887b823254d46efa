// Parameters of the production module (production.cpp). See docs/ODD.md "Production". A source
// is a citation (figures from ../shared/data keep theirs) or "assumption: why".
#include "narcosim/core/parameters.hpp"

namespace narcosim {

void declare_production_parameters(std::vector<ParameterDeclaration>& t) {
  t.push_back({"production.{substance}.plot_ha",
               "ha/household",
               0.5,
               0.05,
               5.0,
               "Illicit plot per farming household",
               "assumption: smallholder plots",
               {{"cocaine", 1.1, 0.3, 5.0,
                 "derived: UNODC Colombia 2014 survey, 64,000 coca-dependent families for "
                 "69,000 ha (via Colombia Reports)"}}});
  t.push_back({"production.{substance}.maturation_weeks",
               "weeks",
               16,
               4,
               156,
               "Lag from planting to the first harvest of the illicit crop",
               "assumption: annual crop cycles of poppy and cannabis are 3-5 months",
               {{"cocaine", 52, 26, 104, "model brief s2.1: coca gives leaf after about a year"}}});
  t.push_back({"production.{substance}.replant_weeks",
               "weeks",
               12,
               2,
               104,
               "Lag from eradication to the next harvest of a replanted plot",
               "assumption: replanting is faster than a first planting",
               {{"cocaine", 26, 8, 78,
                 "assumption: Mejia & Restrepo (2016) describe rapid replanting; the lag is "
                 "not given there"}}});
  t.push_back({"production.{substance}.cost_share",
               "fraction",
               0.35,
               0.0,
               0.8,
               "Share of gross illicit crop revenue spent on inputs and hired labour",
               "assumption",
               {}});
  t.push_back({"production.alt_crop_maturation_weeks",
               "weeks",
               156,
               26,
               260,
               "Lag before an alternative crop (cacao, coffee) yields income",
               "model brief s2.1: cacao takes about 3 years",
               {}});
  t.push_back({"production.review_interval_years",
               "years",
               1.0,
               0.1,
               3.0,
               "Mean time between a household's crop decisions",
               "assumption: a yearly review; coca and cacao are perennial crops",
               {}});
  t.push_back({"production.licit_pool_ratio",
               "households/household",
               1.5,
               0.1,
               10.0,
               "Licit-crop households in growing regions per illicit household at start; "
               "they can switch to the illicit crop",
               "assumption",
               {}});
  t.push_back({"production.choice_noise",
               "fraction of income",
               1.0,
               0.05,
               5.0,
               "Scale of the logit crop choice, as a share of the larger baseline income "
               "(illicit or licit): the income gap that moves the odds by a factor e",
               "assumption",
               {}});
  t.push_back({"production.switching_inertia",
               "logit units",
               2.5,
               0.0,
               10.0,
               "Inertia against switching crops at a review (sunk planting and processing "
               "investment); 2.5 keeps yearly churn at a few per cent",
               "assumption",
               {}});
  t.push_back({"production.price_expectation_years",
               "years",
               1.0,
               0.05,
               5.0,
               "Time constant of the farm-gate price households plan with (adaptive "
               "expectations)",
               "assumption",
               {}});
  t.push_back({"production.switch_horizon_years",
               "years",
               5.0,
               1.0,
               20.0,
               "Horizon over which a household weighs the income lost while a new crop "
               "matures",
               "assumption",
               {}});
  t.push_back({"production.risk_memory_years",
               "years",
               1.0,
               0.1,
               5.0,
               "Time constant of the farmers' estimate of eradication risk",
               "assumption",
               {}});
  t.push_back({"production.alt_dev_support_usd_per_ha",
               "USD/ha/year",
               0.0,
               0.0,
               10000.0,
               "Alternative-development payment per licit hectare of a converted household "
               "(policies add to it by country)",
               "assumption: none in the baseline beyond the licit income",
               {}});
  t.push_back({"production.eradication_effectiveness",
               "fraction",
               0.15,
               0.02,
               1.0,
               "Share of reported eradicated hectares whose crop is actually destroyed "
               "(spraying misses, replanting within the season)",
               "assumption: Colombia reported more hectares sprayed and eradicated (about "
               "146,000 ha in 2010, data/figures.csv) than it had under coca (62,000 ha)",
               {}});
  t.push_back({"production.max_eradication_share_per_year",
               "fraction/year",
               0.9,
               0.1,
               1.0,
               "Cap on the share of a country's illicit hectares eradicated in a year",
               "assumption",
               {}});
}

}  // namespace narcosim
