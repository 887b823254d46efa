#pragma once
// Country-level state of the mechanisms around the drug trade: justice and prisons, violence
// and crime, the labour market of would-be and former drug workers. These are stocks and flows
// of real persons per country (compartments), driven by the agent populations (users, growers,
// workers) and by the policy levers. See docs/ODD.md "Justice and prisons", "Violence and
// crime" and "Labour market".
#include <array>
#include <cstddef>
#include <cstdint>

namespace narcosim {

// Offence categories of the prison stock. Minor drug offences are the first three: they are
// what sentence reviews, decriminalisation and amnesties act on.
enum class Offence : uint8_t {
  possession = 0,   // users
  growing = 1,      // peasant growers of coca, poppy, cannabis
  dealing = 2,      // low-level trafficking: couriers, street sellers, lookouts
  trafficking = 3,  // organisers and high-level traffickers
  violent = 4,      // homicide, kidnapping, extortion
  other = 5,        // everything else
  count_
};
constexpr size_t kOffenceCount = size_t(Offence::count_);
constexpr bool is_drug_offence(Offence o) {
  return o <= Offence::trafficking;
}
constexpr bool is_minor_drug_offence(Offence o) {
  return o <= Offence::dealing;
}

struct CountryJustice {
  std::array<double, kOffenceCount> sentenced{};  // persons held after conviction
  std::array<double, kOffenceCount> pretrial{};   // persons held awaiting trial
  double capacity = 0.0;                          // official places
  // Baseline annual arrest hazard of a drug-trade worker agent: part of the workforce's
  // attrition, which the workforce module therefore does not draw again.
  double worker_arrest_per_year = 0.0;
  // This step (persons)
  std::array<double, kOffenceCount> arrests{};
  std::array<double, kOffenceCount> admissions{};
  std::array<double, kOffenceCount> releases{};            // at the end of sentence or trial
  std::array<double, kOffenceCount> released_by_policy{};  // reviews and amnesties
  [[nodiscard]] double prisoners() const {
    double total = 0.0;
    for (size_t o = 0; o < kOffenceCount; ++o) total += sentenced[o] + pretrial[o];
    return total;
  }
  [[nodiscard]] double pretrial_prisoners() const {
    double total = 0.0;
    for (const double p : pretrial) total += p;
    return total;
  }
  [[nodiscard]] double drug_prisoners() const {
    double total = 0.0;
    for (size_t o = 0; o < kOffenceCount; ++o) {
      if (is_drug_offence(Offence(o))) total += sentenced[o] + pretrial[o];
    }
    return total;
  }
  bool operator==(const CountryJustice&) const = default;
};

struct CountryViolence {
  double baseline_homicides_per_year = 0.0;  // the non-drug part, fixed at the start
  double firearm_availability = 1.0;         // index, 1 at the start
  double succession_conflict = 0.0;          // fights after leader removals, decaying
  double leader_removals = 0.0;              // this step
  // This step (events)
  double homicides = 0.0;
  double homicides_drug_related = 0.0;
  double kidnappings = 0.0;
  double extortions = 0.0;
  bool operator==(const CountryViolence&) const = default;
};

struct CountryLabour {
  double displaced = 0.0;  // former drug workers (and released prisoners) without work
  double program_participants = 0.0;
  double outside_wage_usd_per_month = 0.0;  // legal wage plus program stipend, this step
  // This step (persons), set by the workforce module: workers who left organisations based
  // here, displaced persons hired back, and the pool right after the workforce step (the
  // violence module measures what justice added since then).
  double left_trade = 0.0;
  double rehired = 0.0;
  double displaced_after_workforce = 0.0;
  bool operator==(const CountryLabour&) const = default;
};

// What trafficking organisations pay the officials of a country, and what it buys (the
// corruption module; docs/ODD.md 7.15).
struct CountryCorruption {
  double bribes_usd = 0.0;           // this step
  double bribes_usd_per_year = 0.0;  // smoothed over the officials' memory
  double protection = 0.0;           // share of the enforcement effort bought off
  double protection_2010 = 0.0;      // at the start: the calibrated rates hold it
  // Factor on the seizure hazard on the country's nodes and on traffickers' arrest hazard,
  // (1 - protection) / (1 - protection at the start): 1 at the start.
  double hazard_factor = 1.0;
  bool operator==(const CountryCorruption&) const = default;
};

}  // namespace narcosim
