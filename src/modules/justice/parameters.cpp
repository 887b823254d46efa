// Parameters of the justice module (justice.cpp). See docs/ODD.md "Justice and prisons".
// Shares of the prison stock are medians over the countries of ../shared/data/baseline-data.csv
// (UNODC CTS, prison_persons_held_*), each country's share averaged over 2008-2014.
#include "narcosim/core/parameters.hpp"

namespace narcosim {

namespace {

void append_stock_shares(std::vector<ParameterDeclaration>& t) {
  t.push_back({"justice.pretrial_share",
               "fraction",
               0.43,
               0.15,
               0.85,
               "Share of prisoners held without a sentence at the start (every offence)",
               "median of 18 countries (0.18 NIC to 0.82 BOL) of prison_persons_held_unsentenced "
               "/ prison_persons_held, UNODC CTS via baseline-data.csv",
               {}});
  t.push_back({"justice.drug_share",
               "fraction",
               0.11,
               0.03,
               0.4,
               "Share of prisoners held for drug offences (ICCS 06) at the start",
               "median of 11 countries (0.03 GTM to 0.39 BOL) of "
               "prison_persons_held_drug_offences_iccs06 / prison_persons_held, UNODC CTS via "
               "baseline-data.csv",
               {}});
  t.push_back({"justice.possession_share_of_drug",
               "fraction",
               0.46,
               0.03,
               0.86,
               "Share of drug prisoners held for possession",
               "median of 6 countries (0.03 COL, 0.23 USA to 0.86 ECU) of "
               "prison_persons_held_drug_possession / drug offences, UNODC CTS via "
               "baseline-data.csv",
               {}});
  t.push_back({"justice.growing_share_of_drug",
               "fraction",
               0.2,
               0.0,
               0.6,
               "Share of the other drug prisoners held for growing, in countries with illicit "
               "crops (none elsewhere)",
               "assumption: CTS does not separate cultivation; growers are a minority of drug "
               "prisoners even in producing countries",
               {}});
  t.push_back({"justice.dealing_share_of_traders",
               "fraction",
               0.75,
               0.4,
               0.95,
               "Share of drug prisoners other than users and growers who are low-level "
               "(couriers, street sellers); the rest are organisers",
               "assumption: TNI/WOLA 'Systems Overload' (2010) finds most drug prisoners in "
               "eight Latin American countries are low-level offenders",
               {}});
  t.push_back({"justice.violent_share_of_non_drug",
               "fraction",
               0.5,
               0.2,
               0.7,
               "Share of non-drug prisoners held for violent offences (homicide, kidnapping, "
               "extortion, robbery, assault)",
               "assumption: about half of US state prisoners were held for violent offences c.2010 "
               "(BJS, Prisoners in 2011)",
               {}});
}

void append_court_flows(std::vector<ParameterDeclaration>& t) {
  t.push_back({"justice.pretrial_years",
               "years",
               0.75,
               0.1,
               3.0,
               "Mean time in pre-trial detention before conviction or release",
               "assumption: IACHR (2013) Report on the Use of Pretrial Detention in the Americas "
               "describes detention of months to years",
               {}});
  t.push_back({"justice.conviction_share",
               "fraction",
               0.7,
               0.2,
               1.0,
               "Upper bound of the share of pre-trial detainees convicted to prison (lowered per "
               "country and offence if the sentenced stock needs fewer)",
               "assumption: most detainees are eventually convicted; some are acquitted or "
               "released with time served",
               {}});
  t.push_back({"justice.possession.detention_probability",
               "fraction",
               0.05,
               0.01,
               0.5,
               "Share of possession arrests held pre-trial",
               "assumption: most users are cited "
               "or released",
               {}});
  t.push_back({"justice.growing.detention_probability",
               "fraction",
               0.3,
               0.05,
               0.9,
               "Share of grower arrests held pre-trial",
               "assumption: between users and traders; growers are rarely flight risks",
               {}});
  t.push_back({"justice.dealing.detention_probability",
               "fraction",
               0.4,
               0.05,
               0.9,
               "Share of low-level dealing arrests held pre-trial",
               "assumption: mandatory pre-trial detention for drug offences in several Latin "
               "American codes (TNI/WOLA 2010)",
               {}});
  t.push_back({"justice.trafficking.detention_probability",
               "fraction",
               0.7,
               0.1,
               1.0,
               "Share of trafficking arrests held pre-trial",
               "assumption: organisers are flight risks and usually detained",
               {}});
  t.push_back({"justice.violent.detention_probability",
               "fraction",
               0.6,
               0.1,
               1.0,
               "Share of arrests for violent offences held pre-trial",
               "assumption: serious offences are usually detained",
               {}});
  t.push_back({"justice.other.detention_probability",
               "fraction",
               0.2,
               0.02,
               0.9,
               "Share of arrests for other offences held pre-trial",
               "assumption: mostly property and minor offences, often released",
               {}});
  t.push_back({"justice.possession.sentence_years",
               "years",
               1.0,
               0.1,
               5.0,
               "Mean time served for possession",
               "assumption: short sentences or time served awaiting trial",
               {}});
  t.push_back({"justice.growing.sentence_years",
               "years",
               3.0,
               0.5,
               10.0,
               "Mean time served for growing",
               "assumption: cultivation is punished like low-level trafficking in most codes",
               {}});
  t.push_back({"justice.dealing.sentence_years",
               "years",
               3.0,
               0.5,
               10.0,
               "Mean time served for low-level dealing",
               "assumption: minimum sentences for drug trafficking of several years in Latin "
               "American codes (TNI/WOLA 2010)",
               {}});
  t.push_back({"justice.trafficking.sentence_years",
               "years",
               7.0,
               2.0,
               20.0,
               "Mean time served for trafficking (organisers)",
               "assumption: aggravated trafficking carries long sentences",
               {}});
  t.push_back({"justice.violent.sentence_years",
               "years",
               6.0,
               2.0,
               20.0,
               "Mean time served for violent offences",
               "assumption: a mix of homicide (long) and robbery and assault (shorter)",
               {}});
  t.push_back({"justice.other.sentence_years",
               "years",
               1.5,
               0.3,
               5.0,
               "Mean time served for other offences",
               "assumption: mostly property offences with short sentences",
               {}});
}

void append_arrest_drivers(std::vector<ParameterDeclaration>& t) {
  t.push_back({"justice.possession_amount_mean_days",
               "days of use",
               5.0,
               1.0,
               30.0,
               "Mean amount held in possession cases, in days of an average user's consumption "
               "(exponential): a decriminalisation threshold of D days removes a share "
               "1 - exp(-D / mean) of possession arrests",
               "assumption: most users carry a few days' supply",
               {}});
  t.push_back({"justice.troop_arrest_effect",
               "1/(troops per 100k)",
               0.01,
               0.0,
               0.05,
               "Relative increase of dealing and trafficking arrests per soldier or guard "
               "deployed per 100,000 inhabitants",
               "assumption: 45,000 soldiers in Mexico (40 per 100k) raise arrests of traffickers "
               "by 40%",
               {}});
  t.push_back({"justice.guard_arrest_weight",
               "soldier-equivalents per guard",
               0.25,
               0.0,
               1.0,
               "Weight of a national-guard member relative to a deployed soldier in the arrest "
               "effect of troops",
               "assumption: a guard replaces the federal police in general public security "
               "(patrols, highways, prisons); only part of it works against trafficking",
               {}});
  t.push_back({"justice.worker_arrest_max_per_year",
               "1/year",
               0.04,
               0.0,
               0.2,
               "Cap on the baseline annual arrest hazard of a worker agent; arrests beyond it "
               "come from traders outside the modelled organisations at a constant rate",
               "assumption: incarceration is a part of the 10.7% yearly attrition of cartel "
               "members in Prieto-Curiel, Campedelli & Hope (2023) Science, which the workforce "
               "attrition already includes",
               {}});
}

}  // namespace

void declare_justice_parameters(std::vector<ParameterDeclaration>& t) {
  append_stock_shares(t);
  append_court_flows(t);
  append_arrest_drivers(t);
}

}  // namespace narcosim
