// The parameter table: the one place every model parameter is declared. Schema, docs and
// validation are generated from it. A source is a citation (figures from ../shared/data keep
// theirs) or "assumption: why".
#include "narcosim/core/parameters.hpp"
#include "parameter_groups.hpp"

namespace narcosim {

const std::vector<ParameterDeclaration>& parameter_declarations() {
  static const std::vector<ParameterDeclaration> table = [] {
    std::vector<ParameterDeclaration> t;
    // ---------------------------------------------------------------- production
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
    t.push_back(
        {"production.{substance}.maturation_weeks",
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
    // ---------------------------------------------------------------- trafficking
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
                 8,
                 2,
                 12,
                 "Longest route considered, counting source and destination",
                 "assumption",
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
    // ---------------------------------------------------------------- markets
    t.push_back({"markets.target_cover_weeks",
                 "weeks",
                 8.0,
                 1.0,
                 52.0,
                 "Inventory a consumer market holds, in weeks of demand",
                 "assumption",
                 {}});
    t.push_back({"markets.source_target_cover_weeks",
                 "weeks",
                 8.0,
                 1.0,
                 52.0,
                 "Stock held at the source, in weeks of purchases",
                 "assumption",
                 {}});
    t.push_back({"markets.scarcity_elasticity",
                 "1",
                 0.5,
                 0.05,
                 3.0,
                 "Price response to stock cover: price = ladder price x (target/cover)^this",
                 "assumption",
                 {}});
    t.push_back({"markets.max_scarcity_factor",
                 "1",
                 4.0,
                 1.5,
                 20.0,
                 "Bound on the scarcity factor (and 1/bound below)",
                 "assumption",
                 {}});
    t.push_back(
        {"markets.markup_additivity",
         "fraction",
         0.5,
         0.0,
         1.0,
         "Share of each stage's markup (risk premium, retail markup) that is a fixed dollar "
         "amount per kg, the baseline's; the rest is a percentage of the price paid at the "
         "previous stage. 1: a change in upstream cost passes to later stages dollar for "
         "dollar; 0: in proportion",
         "assumption: between the additive 'risks and prices' model (Reuter & Kleiman "
         "1986) and the multiplicative markup model (Caulkins 1990); Caulkins & Reuter "
         "(1998) review the evidence for both",
         {}});
    t.push_back({"markets.price_adjust_weeks",
                 "weeks",
                 4.0,
                 1.0,
                 52.0,
                 "Time constant of price adjustment",
                 "assumption",
                 {}});
    t.push_back({"markets.seizure_memory_weeks",
                 "weeks",
                 26.0,
                 1.0,
                 208.0,
                 "Smoothing of realised seizure shares that enter the price ladder",
                 "assumption",
                 {}});
    t.push_back({"markets.demand_memory_weeks",
                 "weeks",
                 8.0,
                 1.0,
                 52.0,
                 "Smoothing of demand expectations behind orders",
                 "assumption",
                 {}});
    // ---------------------------------------------------------------- demand
    t.push_back({"demand.{substance}.price_elasticity",
                 "1",
                 -0.5,
                 -2.5,
                 0.0,
                 "Total price elasticity of consumption (participation and frequency)",
                 "OAS (2013) The Drug Problem in the Americas ch.4: about -0.5 for cocaine and "
                 "cannabis",
                 {{"cocaine", -0.5, -2.5, 0.0,
                   "OAS (2013) ch.4 consensus about -0.5; range NRC (2001) -0.6 to -2.5"},
                  {"heroin", -0.3, -1.5, 0.0, "OAS (2013) ch.4: about -0.3 for heroin"}}});
    t.push_back({"demand.frequency_share",
                 "fraction",
                 0.5,
                 0.0,
                 1.0,
                 "Share of the price elasticity acting on quantity per user (the rest acts on "
                 "participation)",
                 "assumption: NRC (2001) reports participation and frequency elasticities of "
                 "similar size",
                 {}});
    t.push_back({"demand.{substance}.light_quit_per_year",
                 "1/year",
                 0.15,
                 0.01,
                 1.0,
                 "Rate at which light users stop using",
                 "assumption",
                 {{"cocaine", 0.163, 0.05, 0.5,
                   "recalled (unverified): Behrens, Caulkins et al. (2000) LH model a=0.163 "
                   "(../shared/literature.md [M])"}}});
    t.push_back({"demand.{substance}.heavy_quit_per_year",
                 "1/year",
                 0.1,
                 0.005,
                 0.5,
                 "Rate at which heavy users stop without treatment",
                 "assumption",
                 {{"cocaine", 0.062, 0.01, 0.3,
                   "recalled (unverified): Behrens et al. (2000) g=0.062 (../shared/literature.md "
                   "[M])"},
                  {"heroin", 0.05, 0.005, 0.3, "assumption"}}});
    t.push_back({"demand.{substance}.heavy_to_light_consumption",
                 "ratio",
                 8.0,
                 1.0,
                 30.0,
                 "Consumption of a heavy user relative to a light user",
                 "Everingham & Rydell (1994) RAND MR-332: heavy users consume about 8x",
                 {}});
    t.push_back({"demand.{substance}.light_grams_per_year",
                 "g/year (pure)",
                 10.0,
                 0.5,
                 500.0,
                 "Annual consumption of a light user at the reference price",
                 "assumption",
                 {{"cocaine", 8.0, 2.0, 40.0,
                   "derived: RAND 150 t pure consumed in the US in 2010 (Kilmer & Midgette, "
                   "Brookings 2017) over about 4.6M users with 45% heavy at 8x"},
                  {"cannabis", 40.0, 5.0, 300.0,
                   "assumption: a few joints a month; heavy (near-daily) users 8x"}}});
    t.push_back({"demand.contagion_share",
                 "fraction",
                 0.3,
                 0.0,
                 1.0,
                 "Share of initiation that is contagious (scales with light users, damped by "
                 "reputation); the rest is a constant inflow at the baseline level",
                 "assumption: Behrens et al. (2000) combine a constant and a contagious term; a "
                 "fully contagious term makes the 2010 baseline explode",
                 {}});
    t.push_back({"demand.reputation_boost_cap",
                 "ratio",
                 2.0,
                 1.0,
                 10.0,
                 "Largest factor by which a better reputation (fewer heavy users) can raise "
                 "contagious initiation over its baseline",
                 "assumption: keeps the contagious process stable (with contagion_share below "
                 "1/cap, light use cannot grow without bound)",
                 {}});
    t.push_back({"demand.{substance}.reputation_q",
                 "1",
                 3.0,
                 0.0,
                 20.0,
                 "Damping of initiation by the heavy share of users h: exp(-q*(h-h0))",
                 "form: Behrens, Caulkins et al. (2000); value assumption",
                 {}});
    t.push_back({"demand.{substance}.overdose_per_heavy_per_year",
                 "1/year",
                 0.0,
                 0.0,
                 0.05,
                 "Overdose mortality of heavy users",
                 "assumption: no recorded cannabis overdose deaths",
                 {{"cocaine", 0.0018, 0.0005, 0.01,
                   "derived: 4,400 US cocaine overdose deaths in 2012 (SAMHSA Short Report 2736) "
                   "over 2.4M chronic users (RAND RR-3140)"},
                  {"heroin", 0.01, 0.002, 0.05,
                   "assumption: order of US heroin deaths (about 10,000 a year in the mid 2010s) "
                   "over about 1.5M chronic users (RAND RR-534)"}}});
    t.push_back({"demand.relapse_per_year",
                 "1/year",
                 0.2,
                 0.0,
                 2.0,
                 "Rate at which recovered users relapse to heavy use",
                 "assumption",
                 {}});
    t.push_back({"demand.recovered_exit_per_year",
                 "1/year",
                 0.2,
                 0.0,
                 2.0,
                 "Rate at which recovered users leave the at-risk pool (lasting abstinence)",
                 "assumption",
                 {}});
    t.push_back({"demand.treatment_weeks",
                 "weeks",
                 13.0,
                 2.0,
                 52.0,
                 "Mean length of a treatment episode",
                 "assumption",
                 {}});
    t.push_back({"demand.treatment_success",
                 "fraction",
                 0.4,
                 0.05,
                 0.95,
                 "Share of episodes ending in recovery (the rest return to heavy use)",
                 "assumption",
                 {}});
    t.push_back({"demand.treatment_cost_usd_per_episode",
                 "USD",
                 4000.0,
                 200.0,
                 50000.0,
                 "Public cost of one treatment episode (US prices; scaled by wages elsewhere)",
                 "assumption",
                 {}});
    t.push_back({"demand.max_treatment_entry_per_year",
                 "1/year",
                 0.5,
                 0.01,
                 4.0,
                 "Cap on the rate at which heavy users enter treatment",
                 "assumption",
                 {}});
    // The mechanisms around the drug trade declare theirs in their own files.
    append_legal_supply_parameters(t);
    append_justice_parameters(t);
    append_violence_parameters(t);
    append_public_money_parameters(t);
    return t;
  }();
  return table;
}

}  // namespace narcosim
