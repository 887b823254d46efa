// Markets and prices: a price at every stage from farm gate to retail. The long-run price of a
// node is its least-cost landed price ("risks and prices", Reuter & Kleiman 1986): the price at
// the previous stage plus transport, marked up for the risk premium of the stage and grossed up
// for the share seized there. Short-run prices add scarcity: stocks below their target cover
// raise the price. See docs/ODD.md "Markets and prices".
#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

constexpr double kUnreachable = std::numeric_limits<double>::infinity();

// Parameters and world figures by field, resolved once per run when the engine builds the
// module: looking them up by name for every cell and step was most of the module's time.
struct MarketParameters {
  double target_cover_weeks = 0, source_target_cover_weeks = 0, price_adjust_weeks = 0;
  double seizure_memory_weeks = 0;
  double max_scarcity_factor = 0, scarcity_elasticity = 0, markup_additivity = 0;
  // trafficking: seizure risk and how sources restock
  double seizure_max_probability = 0, interdiction_half_saturation_usd = 0;
  double order_adjust_weeks = 0;
  std::vector<double> interdiction_budget_usd;  // per node

  static MarketParameters read(const ParameterReader& r, const World& world) {
    MarketParameters p;
    p.target_cover_weeks = r.get("markets.target_cover_weeks");
    p.source_target_cover_weeks = r.get("markets.source_target_cover_weeks");
    p.price_adjust_weeks = r.get("markets.price_adjust_weeks");
    p.seizure_memory_weeks = r.get("markets.seizure_memory_weeks");
    p.max_scarcity_factor = r.get("markets.max_scarcity_factor");
    p.scarcity_elasticity = r.get("markets.scarcity_elasticity");
    p.markup_additivity = r.get("markets.markup_additivity");
    p.seizure_max_probability = r.get("trafficking.seizure_max_probability");
    p.interdiction_half_saturation_usd = r.get("trafficking.interdiction_half_saturation_usd");
    p.order_adjust_weeks = r.get("trafficking.order_adjust_weeks");
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      p.interdiction_budget_usd.push_back(
          world.figure_or(NodeIndex(n), std::nullopt, "interdiction_budget_usd", 0.0));
    }
    return p;
  }
};

// Seizure probability per batch of `substance` entering `node`: the interdiction budget aimed at
// it (baseline times the policy multiplier, plus compensation reinvested) with diminishing
// returns; licensed carriers under legal transport are not stopped.
double seizure_probability(const ModelState& state, const MarketParameters& p, NodeIndex node,
                           SubstanceIndex substance) {
  const size_t cell = state.cell(node, substance);
  const double budget =
      p.interdiction_budget_usd[node] * state.levers.interdiction_multiplier[cell] +
      state.reinvested_interdiction_usd_per_year[node];
  const double probability =
      p.seizure_max_probability * (1.0 - std::exp(-budget / p.interdiction_half_saturation_usd));
  return probability * (1.0 - state.levers.legal_transport_share[cell]);
}

double scarcity_factor(const MarketParameters& p, double stock, double expected_per_step,
                       double target_cover_steps) {
  const double bound = p.max_scarcity_factor;
  if (expected_per_step <= 0.0) return 1.0 / bound;
  const double cover = stock / expected_per_step;
  if (cover <= 0.0) return bound;
  const double factor = std::pow(target_cover_steps / cover, p.scarcity_elasticity);
  return std::clamp(factor, 1.0 / bound, bound);
}

class MarketsModule final : public Module {
 public:
  explicit MarketsModule(MarketParameters parameters) : p_(std::move(parameters)) {}

  void initialize(ModelState& state) override {
    const auto& world = *state.world;
    const size_t substances = world.substances.size();
    update_seizure_probabilities(state);
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      const auto node = NodeIndex(n);
      for (size_t s = 0; s < substances; ++s) {
        auto& m = state.market(node, SubstanceIndex(s));
        m.seizure_share_ema = m.seizure_probability;
        const auto wholesale = world.figure(node, SubstanceIndex(s), "price_wholesale_usd_per_kg");
        const auto retail = world.figure(node, SubstanceIndex(s), "price_retail_usd_per_g");
        if (wholesale && retail) {
          m.wholesale_price = *wholesale;
          m.retail_markup = std::max(1.0, *retail * 1000.0 / *wholesale);
          m.retail_price = *retail;
        }
        m.inventory_kg = m.expected_demand_kg * target_cover_steps(state);
      }
    }
    calibrate_risk_premia(state);
    update_export_prices(state);
    for (auto& m : state.markets) {
      if (m.structural_price > 0 && std::isfinite(m.structural_price)) {
        m.wholesale_price = m.structural_price;
        m.baseline_wholesale = m.wholesale_price;
        m.retail_price = retail_price(m);
      }
    }
    // Users anchor their behaviour to the price they start with.
    for (auto& group : state.user_groups) {
      group.reference_price = state.market(group.node, group.substance).retail_price;
    }
  }

  void step(ModelState& state) override {
    const auto& world = *state.world;
    const size_t substances = world.substances.size();
    const double step_weeks = state.calendar.step_days() / 7.0;
    const double seizure_weight = 1.0 - std::exp(-step_weeks / p_.seizure_memory_weeks);
    const double price_weight = 1.0 - std::exp(-step_weeks / p_.price_adjust_weeks);
    update_seizure_probabilities(state);
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      const auto node = NodeIndex(n);
      for (size_t s = 0; s < substances; ++s) {
        auto& m = state.market(node, SubstanceIndex(s));
        const size_t cell = state.cell(node, SubstanceIndex(s));
        const double entering = state.flows.entering_kg[cell];
        // Where nothing passes the traffickers' view is the announced effort.
        const double realized =
            entering > 0 ? state.flows.seized_kg[cell] / entering : m.seizure_probability;
        m.seizure_share_ema += seizure_weight * (realized - m.seizure_share_ema);
      }
    }
    // Source prices follow the ratio of what buyers want to what the harvest, plus the stock
    // above its target, can supply: price = reference x ratio^theta, adjusted gradually.
    const double source_cover = p_.source_target_cover_weeks / step_weeks;
    const double adjust_steps = p_.order_adjust_weeks / step_weeks;
    const double bound = p_.max_scarcity_factor;
    const double theta = p_.scarcity_elasticity;
    for (auto& source : state.sources) {
      const double target_stock = source_cover * source.expected_production_kg;
      const double supply = std::max(
          1e-9, source.expected_production_kg + (source.stock_kg - target_stock) / adjust_steps);
      const double wanted = std::max(1e-9, source.expected_purchases_kg);
      const double target = source.farmgate_price_ref *
                            std::clamp(std::pow(wanted / supply, theta), 1.0 / bound, bound);
      source.farmgate_price += price_weight * (target - source.farmgate_price);
    }
    update_export_prices(state);
    compute_ladder(state, p_.markup_additivity);
    const double cover = target_cover_steps(state);
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      for (size_t s = 0; s < substances; ++s) {
        auto& m = state.market(NodeIndex(n), SubstanceIndex(s));
        if (!(m.structural_price > 0) || !std::isfinite(m.structural_price)) continue;
        const double target =
            m.structural_price * scarcity_factor(p_, m.inventory_kg, m.expected_demand_kg, cover);
        m.wholesale_price += price_weight * (target - m.wholesale_price);
        m.retail_price = retail_price(m);
      }
    }
  }

 private:
  MarketParameters p_;

  void update_seizure_probabilities(ModelState& state) const {
    for (size_t n = 0; n < state.world->nodes.size(); ++n) {
      for (size_t s = 0; s < state.substance_count(); ++s) {
        state.market(NodeIndex(n), SubstanceIndex(s)).seizure_probability =
            seizure_probability(state, p_, NodeIndex(n), SubstanceIndex(s));
      }
    }
  }

  // USD per gram: the retail markup over wholesale, part fixed in dollars (the baseline's) and
  // part proportional (markets.markup_additivity).
  [[nodiscard]] double retail_price(const Market& m) const {
    const double alpha = p_.markup_additivity;
    const double margin = m.retail_markup - 1.0;
    return (m.wholesale_price * (1.0 + (1.0 - alpha) * margin) +
            alpha * margin * m.baseline_wholesale) /
           1000.0;
  }

  [[nodiscard]] double target_cover_steps(const ModelState& state) const {
    return p_.target_cover_weeks / (state.calendar.step_days() / 7.0);
  }

  // Price of product at the source: farm-gate crop value marked up by processing (the source
  // node's risk premium).
  static double source_price(const ModelState& state, const SourceMarket& source) {
    return source.farmgate_price * source.crop_kg_per_kg_product *
           (1.0 + state.market(source.node, source.substance).risk_premium);
  }

  static void update_export_prices(ModelState& state) {
    for (auto& source : state.sources) source.export_price = source_price(state, source);
  }

  // Least-cost landed price at every node (Bellman-Ford on a small graph; all factors >= 1).
  // `alpha` is markets.markup_additivity; calibration runs it at 0, when both forms agree.
  static void compute_ladder(ModelState& state, double alpha) {
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
          const double premium =
              to.risk_premium *
              (1.0 - state.levers.legal_transport_share[state.cell(edge.to, SubstanceIndex(s))]);
          // Part of the premium is the baseline's dollar markup of the stage, part a share of the
          // price paid upstream (markets.markup_additivity).
          const double input = from.structural_price + edge.cost_usd_per_kg;
          const double landed = (input * (1.0 + (1.0 - alpha) * premium) +
                                 alpha * premium * to.baseline_input_price) /
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

  // Risk premia that make the baseline ladder reproduce the observed wholesale prices: the
  // premium is what the observed price leaves after transport and seizure losses (floored at 0).
  static void calibrate_risk_premia(ModelState& state) {
    const auto& world = *state.world;
    for (auto& source : state.sources) {
      auto& m = state.market(source.node, source.substance);
      const double farm_value = source.farmgate_price * source.crop_kg_per_kg_product;
      const auto observed =
          world.figure(source.node, source.substance, "price_wholesale_usd_per_kg");
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
    // The landed price before each node's premium, the base of its fixed dollar markup.
    for (auto& m : state.markets) {
      if (!std::isfinite(m.structural_price)) continue;
      m.baseline_input_price =
          m.structural_price * std::max(0.05, 1.0 - m.seizure_share_ema) / (1.0 + m.risk_premium);
    }
  }
};

void report_markets(const ModelState& state, MetricTable& t) {
  // Prices where there are buyers and the market has been supplied.
  for (const auto& group : state.user_groups) {
    const auto& market = state.market(group.node, group.substance);
    if (std::isfinite(market.structural_price) && market.wholesale_price > 0) {
      t.set(Metric::price_wholesale_usd_per_kg, group.node, group.substance,
            market.wholesale_price);
      t.set(Metric::price_retail_usd_per_g, group.node, group.substance, market.retail_price);
    }
  }
}

}  // namespace

void declare_markets_parameters(std::vector<ParameterDeclaration>& t);  // parameters.cpp

const ModuleSpec& markets_module() {
  static const ModuleSpec spec{
      .name = "markets",
      .summary = "seizure risk by node, source and landed (ladder) prices, scarcity, retail prices",
      .reads = {StatePart::levers, StatePart::flows, StatePart::sources, StatePart::batches,
                StatePart::organizations},
      // writes sources: export prices
      .writes = {StatePart::markets, StatePart::sources},
      .initialize_after = {"demand"},
      .step_after = {"workforce"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<MarketsModule>(
            MarketParameters::read(ParameterReader(context), *context.world));
      },
      .declare_parameters = declare_markets_parameters,
      .streams = {},
      .metrics = {Metric::price_wholesale_usd_per_kg, Metric::price_retail_usd_per_g},
      .report = report_markets};
  return spec;
}

}  // namespace narcosim
