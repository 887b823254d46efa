// Parameters of the corruption module (corruption.cpp). See docs/ODD.md 7.15.
#include "narcosim/core/parameters.hpp"

namespace narcosim {

void declare_corruption_parameters(std::vector<ParameterDeclaration>& t) {
  t.push_back({"corruption.bribe_share",
               "fraction",
               0.15,
               0.0,
               0.4,
               "Share of an organisation's revenue paid to officials where it loses loads",
               "derived: Mexico's Public Security Secretary (Garcia Luna, 6 Aug 2010, AP) put "
               "bribes to municipal police at 1.27bn pesos a month (~US$1.2bn a year); Kilmer, "
               "Caulkins, Bond & Reuter (RAND OP-325, 2010) put Mexican DTOs' gross revenue from "
               "drug exports to the US at ~US$6.6bn a year: ~0.18 to municipal police alone. "
               "Applied to every organisation (assumption); the range spans a few percent to "
               "twice the Mexican ratio",
               {}});
  t.push_back({"corruption.protection_max",
               "fraction",
               0.0,
               0.0,
               0.9,
               "Largest share of a country's interdiction and arrest effort that bribes can "
               "buy off (0: bribes are paid but buy nothing)",
               "assumption: no estimate in ../shared/data. 0 in the baseline until the strength "
               "has a source: at 0.5 the hazards move by factors 0.78-1.35 over 2010-2014 with "
               "the baseline's swings in revenue, shifting the calibrated baseline (docs/ODD.md "
               "7.15); scenarios switch it on, sensitivity screens 0-0.9",
               {}});
  t.push_back({"corruption.bribes_per_budget_scale",
               "USD/USD",
               1.0,
               0.1,
               10.0,
               "Bribes per dollar of a country's interdiction spending at which protection "
               "reaches 63% of its ceiling (diminishing returns beyond)",
               "assumption: Mexico's 2010 municipal-police bribes (~US$1.2bn/yr) are several "
               "times its interdiction budget in data/figures.csv (US$150m), and its forces "
               "were widely held to be compromised rather than fully bought",
               {}});
  t.push_back({"corruption.home_share",
               "fraction",
               0.5,
               0.0,
               1.0,
               "Share of an organisation's bribes paid in its home country (plazas, workers' "
               "arrests); the rest goes where it loses loads",
               "assumption: Mexico's 2010 municipal-police bribes (Garcia Luna 2010) bought "
               "local protection of plazas and crews, not only of shipments",
               {}});
  t.push_back({"corruption.memory_years",
               "years",
               1.0,
               0.1,
               5.0,
               "Time over which bribes paid keep officials bought (smoothing of bribes per "
               "year)",
               "assumption: payments were monthly retainers (Garcia Luna 2010); a protection "
               "network outlasts a missed payment by months",
               {}});
}

}  // namespace narcosim
