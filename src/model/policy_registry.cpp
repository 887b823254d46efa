#include <algorithm>
#include <stdexcept>

#include "narcosim/model/policy.hpp"

namespace narcosim {

namespace {

PolicyType planned(const char* name, const char* summary) {
  return {name,
          summary,
          "planned: its mechanism (justice, violence, legal supply, money) is "
          "not built yet",
          false,
          false,
          {}};
}

}  // namespace

const std::vector<PolicyType>& policy_types() {
  static const std::vector<PolicyType> types = {
      {"interdiction",
       "Scale interdiction spending in countries or corridors",
       "multiplies the node's interdiction budget, which sets the seizure probability of every "
       "batch entering it (diminishing returns)",
       true,
       true,
       {{"multiplier", "x baseline", 2.0, 0.0, 20.0,
         "Interdiction budget relative to the baseline"}}},
      {"eradication",
       "Scale forced eradication of illicit crops",
       "multiplies the eradication budget; hectares eradicated = budget / baseline cost per ha",
       true,
       false,
       {{"multiplier", "x baseline", 2.0, 0.0, 20.0,
         "Eradication budget relative to the baseline"}}},
      {"alternative_development",
       "Pay households that grow licit crops instead of the illicit one",
       "adds a per-hectare payment to the income of licit crops of converting households",
       true,
       false,
       {{"support_usd_per_ha", "USD/ha/year", 1000.0, 0.0, 10000.0,
         "Payment per licit hectare and year"}}},
      {"treatment",
       "Scale public treatment for heavy users",
       "multiplies the treatment budget, which sets the rate at which heavy users enter "
       "treatment",
       true,
       false,
       {{"multiplier", "x baseline", 2.0, 0.0, 50.0, "Treatment budget relative to the baseline"}}},
      planned("legalize_transport", "Legal transport of drugs through a country"),
      planned("decriminalize_possession",
              "Administrative sanctions for possession below a threshold"),
      planned("medical_production", "Regulated medical production of poppy and cannabis"),
      planned("legal_market",
              "State registry or commercial legal market (regime: registry | commercial)"),
      planned("ease_sentences", "Shorter sentences and review of prisoners held for small amounts"),
      planned("amnesty", "Amnesty for growers and low-level non-violent workers"),
      planned("seizure_compensation", "Consumer countries pay transit countries per kilo seized"),
      planned("militarization", "Military deployment against trafficking organisations"),
      planned("national_guard", "Phased replacement of the military by a national guard"),
      planned("kingpin_strategy", "Removal of organisation leaders"),
      planned("social_programs", "Jobs, scholarships and food programs"),
      planned("gun_flow_reduction", "Reduce southbound firearm flows"),
      planned("legalize_all", "Full legalisation of all drugs (stress test)"),
  };
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
