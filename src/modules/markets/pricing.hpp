#pragma once
// Seizure probabilities and the price ladder, shared by the markets module (every step) and by
// trafficking's initialisation, which solves the interdiction rates that reproduce the 2010
// national seizures and must then settle the calibrated prices again. See docs/ODD.md
// "Markets and prices" and "Interdiction".
#include <vector>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim::pricing {

// What sets the seizure probability of a node, resolved once per run.
struct InterdictionInputs {
  double max_probability = 0.0;       // trafficking.seizure_max_probability
  double default_rate_per_usd = 0.0;  // 1 / trafficking.interdiction_half_saturation_usd
  // Per node: its even share of its jurisdiction's interdiction_budget_usd (a country's budget
  // is spread over the country and its coasts), and that share (1 / nodes of the jurisdiction).
  std::vector<double> budget_usd;
  std::vector<double> budget_share;

  static InterdictionInputs read(const ParameterReader& r, const World& world);
};

// Sets every node's rate to the default (before calibration).
void reset_interdiction_rates(ModelState& state, const InterdictionInputs& in);

// p = max × (1 - exp(-rate × (budget × multiplier + reinvested) × share × effort × corruption))
//     × (1 - legal share), with the budget, levers, reinvested compensation and corruption hazard
// factor of the node's jurisdiction, the budget spread evenly over its nodes.
void update_seizure_probabilities(ModelState& state, const InterdictionInputs& in);

// Export price of a source: farm-gate value of the crop in a kg of product, marked up by the
// source node's premium (processing and risk at the source).
double source_price(const ModelState& state, const SourceMarket& source);
void update_export_prices(ModelState& state);

// Least-cost landed price of every node (markets.markup_additivity = `alpha`).
void compute_ladder(ModelState& state, double alpha);

// Risk premia that make the ladder reproduce the observed 2010 wholesale prices, and each
// node's landed price before its premium (the base of the fixed dollar part of markups).
void calibrate_risk_premia(ModelState& state);

// Retail price (USD/g) from wholesale: the markup part fixed in dollars, part proportional.
double retail_price(const Market& m, double alpha);

// Wholesale prices set to the calibrated ladder, retail prices from the markups, and users'
// reference prices to the retail prices they start with.
void settle_initial_prices(ModelState& state, double alpha);

}  // namespace narcosim::pricing
