#pragma once
// What bribes buy (docs/ODD.md 7.15): the share of a country's enforcement effort that looks
// away, rising with bribes per dollar the country spends on interdiction, with diminishing
// returns, towards a ceiling.
#include <cmath>

namespace narcosim::corruption {

// protection = ceiling × (1 - exp(-(bribes / budget) / scale)); no budget, nothing to buy off.
inline double protection(double bribes_usd_per_year, double budget_usd_per_year, double ceiling,
                         double scale) {
  if (!(budget_usd_per_year > 0.0) || !(bribes_usd_per_year > 0.0) || !(scale > 0.0)) return 0.0;
  return ceiling * (1.0 - std::exp(-bribes_usd_per_year / budget_usd_per_year / scale));
}

// Factor on the seizure and arrest hazards relative to the start, where the calibrated rates
// already hold the protection then bought.
inline double hazard_factor(double protection_now, double protection_at_start) {
  return (1.0 - protection_now) / (1.0 - protection_at_start);
}

}  // namespace narcosim::corruption
