// Markets and prices: a price at every stage from farm gate to retail. The long-run price of a
// node is its least-cost landed price ("risks and prices", Reuter & Kleiman 1986): the price at
// the previous stage plus transport, marked up for the risk premium of the stage and grossed up
// for the share seized there. Short-run prices add scarcity: stocks below their target cover
// raise the price. See docs/ODD.md "Markets and prices".
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"
#include "pricing.hpp"

namespace narcosim {

namespace {

// Parameters and world figures by field, resolved once per run when the engine builds the
// module: looking them up by name for every cell and step was most of the module's time.
struct MarketParameters {
  double target_cover_weeks = 0, source_target_cover_weeks = 0, price_adjust_weeks = 0;
  double seizure_memory_weeks = 0;
  double max_scarcity_factor = 0, scarcity_elasticity = 0, markup_additivity = 0;
  // trafficking: seizure risk, adaptive interdiction and how sources restock
  pricing::InterdictionInputs interdiction;
  double interdiction_adaptive = 0, interdiction_adapt_years = 0, interdiction_min_effort = 0;
  double order_adjust_weeks = 0;

  static MarketParameters read(const ParameterReader& r, const World& world) {
    MarketParameters p;
    p.target_cover_weeks = r.get("markets.target_cover_weeks");
    p.source_target_cover_weeks = r.get("markets.source_target_cover_weeks");
    p.price_adjust_weeks = r.get("markets.price_adjust_weeks");
    p.seizure_memory_weeks = r.get("markets.seizure_memory_weeks");
    p.max_scarcity_factor = r.get("markets.max_scarcity_factor");
    p.scarcity_elasticity = r.get("markets.scarcity_elasticity");
    p.markup_additivity = r.get("markets.markup_additivity");
    p.interdiction = pricing::InterdictionInputs::read(r, world);
    p.interdiction_adaptive = r.get("trafficking.interdiction_adaptive");
    p.interdiction_adapt_years = r.get("trafficking.interdiction_adapt_years");
    p.interdiction_min_effort = r.get("trafficking.interdiction_min_effort");
    p.order_adjust_weeks = r.get("trafficking.order_adjust_weeks");
    return p;
  }
};

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
    build_interdiction_pools(world);
    pricing::reset_interdiction_rates(state, p_.interdiction);
    pricing::update_seizure_probabilities(state, p_.interdiction);
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
    pricing::calibrate_risk_premia(state);
    pricing::settle_initial_prices(state, p_.markup_additivity);
  }

  void step(ModelState& state) override {
    const auto& world = *state.world;
    const size_t substances = world.substances.size();
    const double step_weeks = state.calendar.step_days() / 7.0;
    const double seizure_weight = 1.0 - std::exp(-step_weeks / p_.seizure_memory_weeks);
    const double price_weight = 1.0 - std::exp(-step_weeks / p_.price_adjust_weeks);
    if (p_.interdiction_adaptive > 0) adapt_interdiction(state);
    pricing::update_seizure_probabilities(state, p_.interdiction);
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
    pricing::update_export_prices(state);
    pricing::compute_ladder(state, p_.markup_additivity);
    const double cover = target_cover_steps(state);
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      for (size_t s = 0; s < substances; ++s) {
        auto& m = state.market(NodeIndex(n), SubstanceIndex(s));
        if (!(m.structural_price > 0) || !std::isfinite(m.structural_price)) continue;
        const double target =
            m.structural_price * scarcity_factor(p_, m.inventory_kg, m.expected_demand_kg, cover);
        m.wholesale_price += price_weight * (target - m.wholesale_price);
        m.retail_price = pricing::retail_price(m, p_.markup_additivity);
      }
    }
  }

 private:
  MarketParameters p_;

  [[nodiscard]] double target_cover_steps(const ModelState& state) const {
    return p_.target_cover_weeks / (state.calendar.step_days() / 7.0);
  }

  // Pools of nodes among which one interdiction effort is moved: each country with its coasts,
  // and the corridors (the transit-zone assets of JIATF-South and partner navies).
  std::vector<std::vector<NodeIndex>> interdiction_pools_;

  void build_interdiction_pools(const World& world) {
    interdiction_pools_.clear();
    std::vector<NodeIndex> corridors;
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      const auto node = NodeIndex(n);
      if (world.nodes[n].kind == NodeKind::corridor) corridors.push_back(node);
      if (world.nodes[n].kind != NodeKind::country) continue;
      auto members = world.jurisdiction_nodes(node);
      if (members.size() > 1) interdiction_pools_.push_back(std::move(members));
    }
    if (corridors.size() > 1) interdiction_pools_.push_back(std::move(corridors));
  }

  // Adaptive interdiction: each pool moves its effort toward the nodes where it seized recently
  // (NarcoLogic's interdiction agent follows its seizures, Magliocca et al. 2019), keeping the
  // dollars spent and a floor of presence everywhere. Efforts are relative to each node's own
  // budget, so the pool's dollars are sum(budget x effort).
  void adapt_interdiction(ModelState& state) const {
    const double weight = 1.0 - std::exp(-state.years_per_step() / p_.interdiction_adapt_years);
    const auto& budgets = p_.interdiction.budget_usd;
    for (const auto& pool : interdiction_pools_) {
      for (size_t s = 0; s < state.substance_count(); ++s) {
        const auto substance = SubstanceIndex(s);
        double seized = 0.0;
        double dollars = 0.0;
        for (const auto v : pool) {
          auto& m = state.market(v, substance);
          m.seized_ema_kg +=
              weight * (state.flows.seized_kg[state.cell(v, substance)] - m.seized_ema_kg);
          seized += m.seized_ema_kg;
          dollars += budgets[v];
        }
        if (!(seized > 0) || !(dollars > 0)) continue;
        // Target: the pool's dollars in proportion to recent seizures, with a floor.
        double spent = 0.0;
        std::vector<double> target(pool.size(), 0.0);
        for (size_t i = 0; i < pool.size(); ++i) {
          const auto v = pool[i];
          if (!(budgets[v] > 0)) continue;
          const double share = state.market(v, substance).seized_ema_kg / seized;
          target[i] = std::max(p_.interdiction_min_effort, dollars * share / budgets[v]);
          spent += budgets[v] * target[i];
        }
        for (size_t i = 0; i < pool.size(); ++i) {
          auto& m = state.market(pool[i], substance);
          if (!(budgets[pool[i]] > 0)) continue;
          m.interdiction_effort += weight * (target[i] * dollars / spent - m.interdiction_effort);
        }
      }
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
      .reads = {StatePart::levers, StatePart::corruption, StatePart::flows, StatePart::sources,
                StatePart::batches, StatePart::organizations},
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
