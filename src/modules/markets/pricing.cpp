// Seizure probabilities and the risks-and-prices ladder (Reuter & Kleiman 1986): the long-run
// price of a node is the price upstream plus transport, marked up by the stage's risk premium
// and grossed up for the share seized there. See docs/ODD.md "Markets and prices".
#include "pricing.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace narcosim::pricing {

namespace {
constexpr double kUnreachable = std::numeric_limits<double>::infinity();
}  // namespace

InterdictionInputs InterdictionInputs::read(const ParameterReader& r, const World& world) {
  InterdictionInputs in;
  in.max_probability = r.get("trafficking.seizure_max_probability");
  in.default_rate_per_usd = 1.0 / r.get("trafficking.interdiction_half_saturation_usd");
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    // A coast is patrolled by its country's agencies out of the country's budget, spread
    // evenly over the country and its coasts unless adaptive interdiction moves it.
    const auto owner = world.jurisdiction(NodeIndex(n));
    const double share = 1.0 / double(world.jurisdiction_nodes(owner).size());
    in.budget_share.push_back(share);
    in.budget_usd.push_back(share *
                            world.figure_or(owner, std::nullopt, "interdiction_budget_usd", 0.0));
  }
  return in;
}

void reset_interdiction_rates(ModelState& state, const InterdictionInputs& in) {
  for (auto& m : state.markets) {
    m.interdiction_rate_per_usd = in.default_rate_per_usd;
    m.interdiction_effort = 1.0;
  }
}

void update_seizure_probabilities(ModelState& state, const InterdictionInputs& in) {
  const auto& world = *state.world;
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    const auto owner = world.jurisdiction(NodeIndex(n));
    for (size_t s = 0; s < state.substance_count(); ++s) {
      auto& m = state.market(NodeIndex(n), SubstanceIndex(s));
      const size_t owner_cell = state.cell(owner, SubstanceIndex(s));
      const double budget = in.budget_usd[n] * state.levers.interdiction_multiplier[owner_cell] +
                            in.budget_share[n] * state.reinvested_interdiction_usd_per_year[owner];
      // Officials the traffickers pay look away: corruption scales the hazard relative to 2010.
      const double probability =
          in.max_probability *
          (1.0 - std::exp(-m.interdiction_rate_per_usd * budget * m.interdiction_effort *
                          state.corruption[owner].hazard_factor));
      // Licensed carriers under legal transport are not stopped.
      m.seizure_probability = probability * (1.0 - state.levers.legal_transport_share[owner_cell]);
    }
  }
}

double source_price(const ModelState& state, const SourceMarket& source) {
  return source.farmgate_price * source.crop_kg_per_kg_product *
         (1.0 + state.market(source.node, source.substance).risk_premium);
}

void update_export_prices(ModelState& state) {
  for (auto& source : state.sources) source.export_price = source_price(state, source);
}

// Bellman-Ford on a small graph; all factors >= 1. Calibration runs it at alpha = 0, where the
// fixed and proportional forms of the premium agree.
void compute_ladder(ModelState& state, double alpha) {
  const auto& world = *state.world;
  const size_t substances = world.substances.size();
  for (auto& m : state.markets) m.structural_price = kUnreachable;
  for (const auto& source : state.sources) {
    auto& m = state.market(source.node, source.substance);
    m.structural_price = std::min(m.structural_price, source_price(state, source));
  }
  for (size_t s = 0; s < substances; ++s) {
    for (size_t pass = 0; pass < world.nodes.size(); ++pass) {
      bool changed = false;
      for (const auto& edge : world.edges) {
        // External markets are destinations only (as for routes).
        if (world.nodes[edge.from].kind == NodeKind::external_market) continue;
        const auto& from = state.market(edge.from, SubstanceIndex(s));
        if (!std::isfinite(from.structural_price)) continue;
        auto& to = state.market(edge.to, SubstanceIndex(s));
        const double survive = std::max(0.05, 1.0 - to.seizure_share_ema);
        // Licensed carriers under legal transport bear no risk premium there.
        const auto owner = world.jurisdiction(edge.to);
        const double premium =
            to.risk_premium *
            (1.0 - state.levers.legal_transport_share[state.cell(owner, SubstanceIndex(s))]);
        // Part of the premium is the baseline's dollar markup of the stage, part a share of the
        // price paid upstream (markets.markup_additivity).
        const double input = from.structural_price + edge.cost_usd_per_kg;
        const double landed =
            (input * (1.0 + (1.0 - alpha) * premium) + alpha * premium * to.baseline_input_price) /
            survive;
        if (landed < to.structural_price * (1.0 - 1e-12)) {
          to.structural_price = landed;
          changed = true;
        }
      }
      if (!changed) break;
    }
  }
}

void calibrate_risk_premia(ModelState& state) {
  const auto& world = *state.world;
  for (auto& source : state.sources) {
    auto& m = state.market(source.node, source.substance);
    const double farm_value = source.farmgate_price * source.crop_kg_per_kg_product;
    const auto observed = world.figure(source.node, source.substance, "price_wholesale_usd_per_kg");
    if (observed && farm_value > 0) m.risk_premium = std::max(0.0, *observed / farm_value - 1.0);
  }
  for (int iteration = 0; iteration < 20; ++iteration) {
    compute_ladder(state, 0.0);
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      for (size_t s = 0; s < world.substances.size(); ++s) {
        const auto node = NodeIndex(n);
        const auto substance = SubstanceIndex(s);
        if (world.produces(node, substance)) continue;
        auto& m = state.market(node, substance);
        const auto observed = world.figure(node, substance, "price_wholesale_usd_per_kg");
        if (!observed || !std::isfinite(m.structural_price)) continue;
        // structural = base * (1 + premium): solve for the premium that gives `observed`.
        const double base = m.structural_price / (1.0 + m.risk_premium);
        m.risk_premium = std::max(0.0, *observed / base - 1.0);
      }
    }
  }
  compute_ladder(state, 0.0);
  for (auto& m : state.markets) {
    if (!std::isfinite(m.structural_price)) continue;
    m.baseline_input_price =
        m.structural_price * std::max(0.05, 1.0 - m.seizure_share_ema) / (1.0 + m.risk_premium);
  }
}

double retail_price(const Market& m, double alpha) {
  const double margin = m.retail_markup - 1.0;
  return (m.wholesale_price * (1.0 + (1.0 - alpha) * margin) +
          alpha * margin * m.baseline_wholesale) /
         1000.0;
}

void settle_initial_prices(ModelState& state, double alpha) {
  update_export_prices(state);
  for (auto& m : state.markets) {
    if (m.structural_price > 0 && std::isfinite(m.structural_price)) {
      m.wholesale_price = m.structural_price;
      m.baseline_wholesale = m.wholesale_price;
      m.retail_price = retail_price(m, alpha);
    }
  }
  // Users anchor their behaviour to the price they start with.
  for (auto& group : state.user_groups) {
    group.reference_price = state.market(group.node, group.substance).retail_price;
  }
}

}  // namespace narcosim::pricing
