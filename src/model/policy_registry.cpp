// Every policy type a scenario may use (../shared/interface.md), with its fields. Each field
// has a unit, a default, a range and a source for the default (or "assumption"). The
// mechanism text is what `narcosim policies` prints; docs/ODD.md "Policies" has the detail.
#include <algorithm>
#include <stdexcept>

#include "narcosim/model/policy.hpp"

namespace narcosim {

namespace {

PolicyField field(const char* name, const char* unit, double value, double lo, double hi,
                  const char* description, const char* source) {
  return {name, unit, value, lo, hi, description, source, {}};
}

PolicyField choice(const char* name, std::vector<std::string> options, double value,
                   const char* description, const char* source) {
  const double last = double(options.size() - 1);
  return {name, "option", value, 0.0, last, description, source, std::move(options)};
}

std::vector<PolicyType> build() {
  std::vector<PolicyType> t;
  t.push_back({"interdiction",
               "Scale interdiction spending in countries or corridors",
               "multiplies the interdiction budget aimed at the substance, which sets the seizure "
               "probability of every batch of it entering the node (diminishing returns)",
               true,
               true,
               {field("multiplier", "x baseline", 2.0, 0.0, 20.0,
                      "Interdiction budget relative to the baseline", "assumption")}});
  t.push_back({"eradication",
               "Scale forced eradication of illicit crops",
               "multiplies the eradication budget; hectares eradicated = budget / baseline cost "
               "per ha",
               false,
               true,
               {field("multiplier", "x baseline", 2.0, 0.0, 20.0,
                      "Eradication budget relative to the baseline", "assumption")}});
  t.push_back({"alternative_development",
               "Pay households that grow licit crops (coffee, cacao) instead of the illicit one",
               "adds a per-hectare payment to the licit income of households in the crop choice, "
               "kept while they stay out of the illicit crop: households that left it "
               "(converted), or every licit household of the growing regions (community)",
               false,
               true,
               {field("support_usd_per_ha", "USD/ha/year", 1000.0, 0.0, 10000.0,
                      "Payment per licit hectare and year", "assumption"),
                choice("coverage", {"converted", "community"}, 0.0,
                       "Who is paid: households that left the illicit crop, or every licit "
                       "household of the region on a zero-coca agreement",
                       "assumption on the form; community agreements as in Peru's San Martin "
                       "model")}});
  t.push_back({"treatment",
               "Scale public treatment for heavy users",
               "multiplies the treatment budget for the substance, which sets the rate at which "
               "its heavy users enter treatment",
               false,
               true,
               {field("multiplier", "x baseline", 2.0, 0.0, 50.0,
                      "Treatment budget relative to the baseline", "assumption")}});
  t.push_back(
      {"legalize_transport",
       "Legal transport of drugs through a country (Guatemala 2012 proposal)",
       "licensed carriers cross the country without seizure risk, risk premium or plaza fees; "
       "the goods still face full risk in the next country unless it also legalises transport",
       false,
       true,
       {field("licensed_share", "fraction", 1.0, 0.0, 1.0,
              "Share of the transit carried by licensed carriers", "assumption")}});
  t.push_back(
      {"decriminalize_possession",
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
              "Share of heavy users referred to treatment by the panels each year",
              "assumption")}});
  t.push_back(
      {"medical_production",
       "Regulated medical production of poppy and cannabis (Guatemala proposal, seed 001)",
       "licensed hectares sell their crop to a licensed buyer at a set price: households "
       "holding a licence leave the illicit crop; a share of licensed output is diverted",
       false,
       true,
       {field("licensed_ha", "hectares", 1000.0, 0.0, 100000.0, "Hectares licensed", "assumption"),
        field("price_ratio", "x farm-gate", 1.2, 0.1, 10.0,
              "Licensed price relative to the illicit farm-gate price at the start", "assumption"),
        field("diversion_share", "fraction", 0.05, 0.0, 1.0,
              "Share of licensed output diverted to the illicit market", "assumption")}});
  t.push_back(
      {"legal_market",
       "State registry (Uruguay 2013) or commercial licensed market (Washington 2014)",
       "a legal channel beside the illicit one: buyers with access choose it by price and "
       "possess legally; a registry caps purchases at a monthly quota; a commercial market "
       "pays an excise tax",
       false,
       true,
       {choice("regime", {"registry", "commercial"}, 0.0, "Who may buy, and how",
               "model brief s2.5"),
        field("price_usd_per_g", "USD/g", 1.3, 0.1, 100.0,
              "Legal retail price before tax at opening",
              "Uruguay pharmacy price 2017 (La Nacion; ../shared/data)"),
        field("price_decline_per_year", "1/year", 0.0, 0.0, 0.6,
              "Yearly fall of the legal price as licensed supply grows (until the floor)",
              "0 for a registry; Washington fell about 0.3/year 2014-2017 (../shared/data)"),
        field("price_floor_usd_per_g", "USD/g", 0.1, 0.1, 100.0, "Lowest legal price before tax",
              "assumption"),
        field("excise_rate", "fraction of price", 0.0, 0.0, 2.0,
              "Excise tax on legal sales (buyers pay price x (1 + rate))",
              "0 in Uruguay (tax-exempt); 0.37 in Washington (../shared/data)"),
        field("quota_g_per_month", "g/month", 40.0, 0.0, 1000.0,
              "Monthly purchase limit per buyer (0: none)", "Uruguay Law 19.172: 40 g/month"),
        field("access_share", "fraction", 0.3, 0.0, 1.0,
              "Share of users who can reach the channel once it is rolled out (registered, or "
              "near a store)",
              "assumption (Uruguay: 35,117 registered in 2018, ../shared/data)"),
        field("rollout_years", "years", 2.0, 0.0, 10.0,
              "Years for access to grow linearly to access_share", "assumption")}});
  t.push_back(
      {"ease_sentences",
       "Shorter sentences for minor drug offences and review of prisoners held for small "
       "amounts (Guatemala, seed 001)",
       "multiplies sentences for possession, growing and low-level dealing; at the start a "
       "review releases a share of those held for them",
       false,
       false,
       {field("sentence_multiplier", "x baseline", 0.5, 0.05, 1.0,
              "Sentence length for minor drug offences relative to the baseline", "assumption"),
        field("review_release_share", "fraction", 0.3, 0.0, 1.0,
              "Share of minor drug prisoners released by the review at the start", "assumption")}});
  t.push_back(
      {"amnesty",
       "Amnesty for peasant growers and low-level non-violent workers (Mexico 2018, seed 004)",
       "at the start releases a share of prisoners held for possession, growing and low-level "
       "trafficking (never violent or high-level offenders); growers are no longer prosecuted "
       "while it lasts",
       false,
       false,
       {field("release_share", "fraction", 0.5, 0.0, 1.0,
              "Share of eligible prisoners released at the start", "assumption"),
        field("grower_prosecution", "x baseline", 0.0, 0.0, 1.0,
              "Arrests of growers relative to the baseline while in force", "assumption")}});
  t.push_back(
      {"seizure_compensation",
       "Consumer countries pay transit and producer countries for every kilo seized (Perez "
       "Molina, seed 003)",
       "the listed (paying) countries pay every other country a share of the wholesale value of "
       "what it seizes, split by their illicit consumption; recipients add the receipts to "
       "interdiction",
       false,
       true,
       {field("share", "fraction of value", 0.5, 0.0, 2.0,
              "Compensation per kilo seized as a share of its local wholesale value",
              "seed 003 (50 percent)"),
        field("reinvest_share", "fraction", 1.0, 0.0, 1.0,
              "Share of compensation received that recipients add to interdiction spending",
              "assumption")}});
  t.push_back(
      {"militarization",
       "Military deployment against trafficking organisations (Mexico 2006)",
       "deployed troops raise arrests of traffickers and add armed "
       "confrontations whose lethality scales with firearm availability",
       false,
       false,
       {field("troops", "persons", 45000.0, 0.0, 500000.0, "Soldiers deployed at full strength",
              "assumption (about 45,000 soldiers deployed in Mexico by 2007-2008, widely "
              "reported)"),
        field("rampup_years", "years", 1.0, 0.0, 10.0, "Years to reach full strength (linear)",
              "assumption")}});
  t.push_back(
      {"national_guard",
       "Phased replacement of the military by a national guard (Mexico 2018, seed 004)",
       "troops deployed by militarization withdraw linearly over the phase while a guard of the "
       "given size is built; a guard is less lethal in confrontations and deters predatory crime",
       false,
       false,
       {field("guard_size", "persons", 300000.0, 0.0, 1000000.0, "Guard at full strength",
              "seed 004 (300,000-person National Guard)"),
        field("phase_years", "years", 3.0, 0.1, 10.0,
              "Years over which the military withdraws and the guard is built",
              "seed 004 (over three years)")}});
  t.push_back({"kingpin_strategy",
               "Removal of organisation leaders (seed 000)",
               "leaders of organisations based in the country are removed at the given rate; "
               "each removal sets off a succession fight that raises homicides and then decays",
               false,
               false,
               {field("removals_per_year", "1/year per organisation", 0.5, 0.0, 5.0,
                      "Leader removals per organisation and year", "assumption")}});
  t.push_back(
      {"social_programs",
       "Jobs, scholarships and food programs for young people (Mexico 2018, seed 004)",
       "participants earn a stipend: the outside option of would-be recruits and of displaced "
       "workers rises, so recruitment into trafficking and predatory crime fall",
       false,
       false,
       {field("budget_usd_per_year", "USD/year", 5.0e9, 0.0, 1.0e11, "Program budget",
              "seed 004 (US$5 billion package)"),
        field("cost_per_participant_usd_per_year", "USD/year", 2300.0, 100.0, 50000.0,
              "Stipend and training per participant",
              "assumption (a MXN 3,600 monthly stipend is about US$2,300 a year)")}});
  t.push_back(
      {"gun_flow_reduction",
       "Reduce southbound firearm flows (seed 004)",
       "the firearm stock of the country converges to a lower level; homicide lethality "
       "scales with it",
       false,
       false,
       {field("reduction", "fraction", 0.5, 0.0, 1.0, "Cut in the long-run firearm availability",
              "assumption"),
        field("adjustment_years", "years", 5.0, 0.1, 30.0,
              "Time constant over which the stock follows the lower inflow", "assumption")}});
  t.push_back(
      {"legalize_all",
       "Full legalisation of production, transport, sale and possession (stress test, seeds "
       "003 and 004)",
       "a commercial legal market at a price relative to the baseline illicit retail price, "
       "legal transport, no possession arrests, no eradication and no interdiction of the "
       "substances",
       false,
       true,
       {field("price_ratio", "x baseline retail", 0.3, 0.01, 2.0,
              "Legal retail price before tax relative to the baseline illicit retail price",
              "assumption"),
        field("excise_rate", "fraction of price", 0.3, 0.0, 2.0, "Excise tax on legal sales",
              "assumption"),
        field("access_share", "fraction", 0.9, 0.0, 1.0,
              "Share of users who can reach legal sellers once rolled out", "assumption"),
        field("rollout_years", "years", 2.0, 0.0, 10.0,
              "Years for access to grow linearly to access_share", "assumption")}});
  return t;
}

}  // namespace

const std::vector<PolicyType>& policy_types() {
  static const std::vector<PolicyType> types = build();
  return types;
}

const PolicyType* find_policy_type(std::string_view name) {
  const auto& types = policy_types();
  const auto it =
      std::find_if(types.begin(), types.end(), [&](const PolicyType& t) { return t.name == name; });
  return it == types.end() ? nullptr : &*it;
}

double ActivePolicy::field(const std::string& name) const {
  const auto it = fields.find(name);
  if (it == fields.end()) throw std::out_of_range("policy " + type + " has no field " + name);
  return it->second;
}

}  // namespace narcosim
