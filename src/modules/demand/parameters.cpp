// Parameters of demand (demand.cpp) and of the legal channel it sells through, which licensed
// medical production (src/modules/production/production.cpp) also supplies. See docs/ODD.md
// "Demand" and "Legal supply". A source is a citation or "assumption: why".
#include "narcosim/core/parameters.hpp"

namespace narcosim {

void declare_demand_parameters(std::vector<ParameterDeclaration>& t) {
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
  t.push_back({"demand.default_heavy_user_share",
               "fraction",
               0.3,
               0.05,
               0.9,
               "Share of past-year users who are heavy users or in treatment, in a market whose "
               "world data give users but no heavy_user_share",
               "assumption: the median of the 58 heavy_user_share rows of data/figures.csv "
               "(c.2010: 0.25 to 0.6). The world loader requires the figure wherever there are "
               "users, so only worlds built in code use this",
               {}});
  // The legal channel (docs/ODD.md "Legal supply").
  t.push_back({"legal.preference_for_legal",
               "log price ratio",
               0.5,
               0.0,
               2.0,
               "Preference of a buyer with access for the legal channel at equal prices (quality, "
               "safety, no arrest risk), as a log price ratio",
               "assumption",
               {}});
  t.push_back({"legal.channel_choice_scale",
               "log price ratio",
               0.3,
               0.05,
               2.0,
               "Spread of buyers' tastes in the legal-or-illicit choice: a price gap of this "
               "much (in logs) moves the odds by a factor e",
               "assumption",
               {}});
}

}  // namespace narcosim
