// Parameters of the legal channel (src/modules/demand/demand.cpp, legal supply) and of licensed
// medical production (src/modules/production/production.cpp). See docs/ODD.md "Legal supply".
#include "parameter_groups.hpp"

namespace narcosim {

void append_legal_supply_parameters(std::vector<ParameterDeclaration>& t) {
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
