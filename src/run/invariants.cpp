// Invariants checked every step in tests and Debug/CI builds: mass balance (every kilo
// produced is seized, consumed or in stock), no negative stocks or populations, prices
// positive and finite where a market trades.
#include <fmt/format.h>

#include <cmath>

#include "narcosim/core/errors.hpp"
#include "narcosim/run/engine.hpp"

namespace narcosim {

namespace {
constexpr double kRelativeMassTolerance = 1e-9;

void require(bool ok, const ModelState& state, const std::string& what) {
  if (!ok) {
    throw InvariantError(fmt::format("invariant broken at step {} ({}): {}", state.step,
                                     format_iso_date(state.calendar.date_of_step(state.step)),
                                     what));
  }
}
}  // namespace

void check_invariants(const ModelState& state, const MetricTable& metrics) {
  const auto& world = *state.world;
  for (size_t s = 0; s < world.substances.size(); ++s) {
    const double scale_kg =
        std::max(1.0, state.ledger.initial_stock_kg[s] + state.ledger.produced_kg[s]);
    const double error = metrics.get(Metric::mass_balance_error_kg, metrics.all_row(), s);
    require(std::abs(error) <= kRelativeMassTolerance * scale_kg, state,
            fmt::format("mass balance of {} off by {} kg", world.substances[s].id, error));
  }
  for (const auto& source : state.sources) {
    require(source.stock_kg >= 0 && std::isfinite(source.stock_kg), state,
            "negative source stock at " + world.nodes[source.node].id);
    require(source.farmgate_price > 0 && std::isfinite(source.farmgate_price), state,
            "farm-gate price not positive at " + world.nodes[source.node].id);
    require(source.illicit_ha >= 0, state, "negative hectares");
  }
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    for (size_t s = 0; s < world.substances.size(); ++s) {
      const auto& m = state.market(NodeIndex(n), SubstanceIndex(s));
      require(m.inventory_kg >= 0 && m.pipeline_kg >= 0, state,
              "negative inventory at " + world.nodes[n].id);
      require(m.seizure_probability >= 0 && m.seizure_probability < 1, state,
              "seizure probability out of [0, 1) at " + world.nodes[n].id);
    }
  }
  for (const auto& group : state.user_groups) {
    const auto& m = state.market(group.node, group.substance);
    require(m.retail_price > 0 && std::isfinite(m.retail_price) && m.wholesale_price > 0, state,
            fmt::format("price not positive and finite for {} in {}",
                        world.substances[group.substance].id, world.nodes[group.node].id));
  }
  for (const auto& batch : state.batches) require(batch.kg > 0, state, "empty batch in transit");
  for (size_t o = 0; o < state.organizations.size(); ++o) {
    const auto& org = state.organizations[o];
    require(org.capital_usd >= 0 && std::isfinite(org.capital_usd), state, "negative capital");
    // Money balance of an organisation: its capital moved only through booked transfers, each
    // rounded to the cent once.
    const auto account = state.money.organization(o);
    const double drift = org.capital_usd - org.initial_capital_usd - state.money.balance(account);
    const double tolerance =
        0.005 * double(state.money.transfers(account)) + 0.01 + 1e-12 * std::abs(org.capital_usd);
    require(std::abs(drift) <= tolerance, state,
            fmt::format("money balance of organisation {} off by {} USD", world.organizations[o].id,
                        drift));
  }
  require(state.money.imbalance_cents() == 0, state, "money created or destroyed");
  // Outputs: never infinite; counts, stocks, prices and money never below zero.
  for (size_t m = 0; m < kMetricCount; ++m) {
    const auto metric = Metric(m);
    for (size_t r = 0; r < metrics.node_rows(); ++r) {
      for (size_t c = 0; c < metrics.substance_columns(); ++c) {
        const double v = metrics.get(metric, r, c);
        if (std::isnan(v)) continue;  // not applicable to this cell
        require(std::isfinite(v) && (v >= 0 || info(metric).may_be_negative), state,
                fmt::format("output {} is {} (row {}, column {})", info(metric).name, v, r, c));
      }
    }
  }
  // Justice: prison stocks are persons, never negative.
  for (size_t n = 0; n < state.justice.size(); ++n) {
    const auto& justice = state.justice[n];
    for (size_t o = 0; o < kOffenceCount; ++o) {
      require(justice.pretrial[o] >= 0 && std::isfinite(justice.pretrial[o]) &&
                  justice.sentenced[o] >= 0 && std::isfinite(justice.sentenced[o]),
              state, "negative or non-finite prison stock at " + world.nodes[n].id);
    }
  }
}

}  // namespace narcosim
