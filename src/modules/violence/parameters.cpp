// Parameters of the violence module (violence.cpp) and of the labour market of the drug trade
// (violence.cpp and src/modules/trafficking/workforce.cpp). See docs/ODD.md s7.9.
#include "narcosim/core/parameters.hpp"

namespace narcosim {

namespace {

void append_homicide_parameters(std::vector<ParameterDeclaration>& t) {
  t.push_back({"violence.mexico_drug_related_share",
               "fraction",
               0.59,
               0.4,
               0.75,
               "Share of Mexico's homicides in the baseline year that are drug-related",
               "derived: 15,273 homicides 'presumably linked to criminal rivalry' (federal "
               "government series, 2010) / 25,757 INEGI homicides (2010), baseline-data.csv; "
               "the range spans 2011-2013 (0.44-0.65) and press counts (Milenio 12,658)",
               {}});
  t.push_back({"violence.usa_drug_related_share",
               "fraction",
               0.05,
               0.02,
               0.15,
               "Share of US homicides in the baseline year that are drug-related",
               "assumption: the FBI Supplementary Homicide Reports attribute roughly 4-5% of "
               "US murders with a known circumstance to narcotics c.2010 (recalled, not in "
               "../shared/data); the generic share below would make a third of US homicides "
               "drug-related",
               {}});
  t.push_back({"violence.drug_related_share",
               "fraction",
               0.3,
               0.05,
               0.7,
               "Share of homicides in the baseline year that are drug-related, countries other "
               "than Mexico with a drug-trade plaza (zero where no organisation holds one)",
               "assumption: no comparable series in the data; below Mexico's share because "
               "gang, political and interpersonal violence weigh more in Central America and "
               "Brazil and drug markets less in the USA and Canada",
               {}});
  t.push_back({"violence.supply_shock_share",
               "fraction",
               0.1,
               0.0,
               0.5,
               "Share of the baseline drug-related homicides (net of policy mechanisms) due to "
               "supply-shock fights, the rest being contest of plaza rents",
               "assumption: Castillo, Mejia & Restrepo (2020, REStat) show scarcity raises "
               "violence; its baseline share is not identified there",
               {}});
  t.push_back({"violence.rent_elasticity",
               "exponent",
               1.0,
               0.3,
               2.0,
               "Elasticity of contest homicides to the contested rents at stake",
               "assumption: model brief s2.2 (violence in proportion to the rents at stake)",
               {}});
  t.push_back({"violence.rent_memory_months",
               "months",
               12.0,
               1.0,
               36.0,
               "Time constant over which the contested rents that drive plaza fights are "
               "smoothed",
               "assumption: organisations fight over what a plaza is worth over months, not "
               "over one week's sales",
               {}});
  t.push_back({"violence.scarcity_elasticity",
               "exponent",
               1.0,
               0.0,
               3.0,
               "Elasticity of supply-shock homicides to scarcity (wholesale / structural "
               "price, value-weighted over the country's markets)",
               "assumption: direction from Castillo, Mejia & Restrepo (2020, REStat)",
               {}});
  t.push_back({"violence.succession_effect",
               "fraction",
               0.25,
               0.0,
               1.5,
               "Drug-related homicides from succession fights under the reference kingpin "
               "campaign, as a fraction of the country's other drug-related homicides",
               "assumption: Calderon, Robles, Diaz-Cayeros & Magaloni (2015, JCR) and Lindo & "
               "Padilla-Romo (2018, JPubE) find leader removals raise homicides locally for "
               "months; the national magnitude is not identified",
               {}});
  t.push_back({"violence.reference_removals_per_year",
               "1/year per organisation",
               0.5,
               0.1,
               2.0,
               "Removal rate of the reference kingpin campaign that succession_effect refers to",
               "assumption: default of the kingpin_strategy policy",
               {}});
  t.push_back({"violence.succession_half_life_months",
               "months",
               6.0,
               2.0,
               24.0,
               "Half-life of the succession conflict after a leader removal",
               "assumption: Calderon et al. (2015) find effects for about six months; Lindo & "
               "Padilla-Romo (2018) for at least a year",
               {}});
  t.push_back({"violence.succession_spillover",
               "fraction",
               0.5,
               0.0,
               1.0,
               "Succession conflict in an organisation's other territories, relative to its "
               "home plazas",
               "assumption: Lindo & Padilla-Romo (2018) find spillovers to municipalities where "
               "the same DTO operates",
               {}});
  t.push_back({"violence.confrontation_effect",
               "fraction",
               0.3,
               0.0,
               1.5,
               "Drug-related homicides from armed confrontations at the reference deployment "
               "density and baseline workforce, as a fraction of the country's other "
               "drug-related homicides",
               "assumption: Escalante (2011) and Merino (2011) associate Mexico's joint military "
               "operations with higher homicide rates; Espinosa & Rubin (2015) with more "
               "violence in several states",
               {}});
  t.push_back({"violence.reference_troops_per_100k",
               "persons per 100,000 population",
               40.0,
               5.0,
               200.0,
               "Deployment density that confrontation_effect refers to",
               "assumption: about 45,000 soldiers in Mexico (113 million people) c.2008",
               {}});
  t.push_back({"violence.guard_lethality_ratio",
               "fraction",
               0.1,
               0.0,
               1.0,
               "Confrontation lethality of a national guard member relative to a deployed "
               "soldier",
               "assumption: a guard spreads over policing tasks and only a small part is in "
               "armed operations against organisations",
               {}});
  t.push_back({"violence.firearm_elasticity",
               "exponent",
               0.6,
               0.0,
               1.5,
               "Elasticity of drug-related homicides to firearm availability (lethality)",
               "assumption: direction from Dube, Dube & Garcia-Ponce (2013, APSR), the expiry "
               "of the US assault-weapons ban raised homicides in Mexican border municipalities",
               {}});
  t.push_back({"violence.firearm_elasticity_other",
               "exponent",
               0.3,
               0.0,
               1.0,
               "Elasticity of non-drug homicides to firearm availability",
               "assumption: guns also raise the lethality of other violence, less than of "
               "armed organisations",
               {}});
}

void append_labour_parameters(std::vector<ParameterDeclaration>& t) {
  t.push_back({"labour.at_risk_youth_share",
               "fraction of population",
               0.065,
               0.02,
               0.15,
               "Young people neither in school nor in work, the pool social programs target",
               "assumption: about 7 million such young people ('ninis') in Mexico c.2010 for "
               "113 million inhabitants, widely reported, not checked",
               {}});
  t.push_back({"labour.demand_elasticity",
               "exponent",
               0.5,
               0.0,
               2.0,
               "Elasticity of an organisation's desired workforce to the outside option "
               "relative to the legal wage",
               "assumption: recruits must be paid more when programs raise the outside option, "
               "so organisations economise on labour (seed 004)",
               {}});
  t.push_back({"labour.rent_elasticity",
               "exponent",
               0.5,
               0.0,
               2.0,
               "Elasticity of an organisation's desired workforce to its revenue per kg moved "
               "relative to the start (only falls count)",
               "assumption: when rents fall, part of the workforce is let go (model brief s2.2, "
               "seed 000)",
               {}});
  t.push_back({"labour.layoff_tolerance",
               "fraction",
               0.1,
               0.0,
               1.0,
               "Surplus over the desired workforce tolerated before organisations lay workers "
               "off",
               "assumption: keeps noise in throughput from triggering layoffs",
               {}});
  t.push_back({"labour.rehire_share",
               "fraction",
               0.5,
               0.0,
               1.0,
               "Share of hires taken from the displaced pool of the home country",
               "assumption: organisations prefer experienced former workers",
               {}});
  t.push_back({"labour.exit_rate_per_year",
               "1/year",
               1.0,
               0.2,
               4.0,
               "Rate at which displaced former workers find legal work at the legal wage",
               "assumption: about a year out of work on average",
               {}});
  t.push_back({"labour.exit_wage_elasticity",
               "exponent",
               1.0,
               0.0,
               3.0,
               "Elasticity of the exit rate to the outside option relative to the legal wage",
               "assumption",
               {}});
  t.push_back({"labour.kidnappings_per_100k",
               "per 100,000 population per year",
               1.0,
               0.1,
               20.0,
               "Kidnappings in the baseline year",
               "assumption: about 1,200 kidnappings reported in Mexico in 2010 (SESNSP, "
               "recalled, not checked); victimisation surveys find many more",
               {}});
  t.push_back({"labour.extortions_per_100k",
               "per 100,000 population per year",
               5.0,
               0.5,
               100.0,
               "Extortions in the baseline year",
               "assumption: about 6,000 extortions reported in Mexico in 2010 (SESNSP, recalled, "
               "not checked); victimisation surveys find many more",
               {}});
  t.push_back({"labour.predatory_share",
               "fraction",
               0.3,
               0.0,
               1.0,
               "Share of baseline kidnappings and extortions committed by displaced drug "
               "workers",
               "assumption: seed 000 and model brief s2.2 (displaced workers turn to extortion "
               "and kidnapping)",
               {}});
  t.push_back({"labour.outside_option_elasticity",
               "exponent",
               1.0,
               0.0,
               3.0,
               "Elasticity of predation by the displaced to the outside option relative to the "
               "legal wage",
               "assumption: more so where outside options are poor (seed 000)",
               {}});
  t.push_back({"labour.guard_deterrence",
               "per reference deployment",
               0.5,
               0.0,
               3.0,
               "Reduction of predation by a guard at the reference density: predation / (1 + "
               "deterrence x guard / reference troops)",
               "assumption: proximity policing deters extortion and kidnapping",
               {}});
  t.push_back({"labour.default_legal_wage_usd_per_month",
               "USD/month",
               250.0,
               20.0,
               2000.0,
               "Legal wage of a node whose world data give none, both as its wage and for its "
               "wage ratio to the United States (which scales costs quoted at US prices); also "
               "the reference of the ratios if the United States has no wage",
               "assumption: the median of the 20 legal_wage_usd_per_month rows of "
               "data/figures.csv (c.2010: 20 to 1,700). The world loader requires the figure of "
               "every market node, so only corridors (no labour market, no spending) and worlds "
               "built in code use this",
               {}});
}

}  // namespace

void declare_violence_parameters(std::vector<ParameterDeclaration>& t) {
  append_homicide_parameters(t);
  append_labour_parameters(t);
}

}  // namespace narcosim
