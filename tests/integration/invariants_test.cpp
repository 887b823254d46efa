// A baseline run with invariant checks on: mass balance holds every step, nothing negative,
// prices finite and positive, and the reported tables add up (ALL rows are sums of the nodes,
// cumulative flows equal the mass ledger).
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "narcosim/core/errors.hpp"

#include "run_support.hpp"

namespace narcosim {
namespace {

using test::shipped_world;

// Checks every step; failures are reported with the step, and checking stops after the first
// failing step.
class InvariantObserver final : public StepObserver {
 public:
  void on_step(const ModelState& state, const MetricTable& m) override {
    ++steps_;
    const auto& world = *state.world;
    const size_t substances = world.substances.size();
    for (size_t s = 0; s < substances; ++s) {
      cumulative_consumed_[s] += m.get(Metric::consumption_kg, m.all_row(), s);
      cumulative_seized_[s] += m.get(Metric::seized_kg, m.all_row(), s);
      cumulative_produced_[s] += nan_as_zero(m.get(Metric::production_kg, m.all_row(), s));
    }
    // Report the first step that breaks something, not every step after it.
    if (::testing::Test::HasFailure()) return;
    SCOPED_TRACE("step " + std::to_string(state.step));

    // Mass balance per substance: the engine's identity initial + produced - seized - consumed
    // - stock, relative to what has ever existed. Only floating-point rounding may remain:
    // sums of ~1e5..1e7 kg with ~1e4 terms lose at most ~1e-12 relative.
    for (size_t s = 0; s < substances; ++s) {
      const double ever = state.ledger.initial_stock_kg[s] + state.ledger.produced_kg[s];
      const double error = m.get(Metric::mass_balance_error_kg, m.all_row(), s);
      ASSERT_TRUE(std::isfinite(error));
      EXPECT_LE(std::abs(error), 1e-9 * std::max(1.0, ever)) << world.substances[s].id;
      // The reported stock is the state's stock.
      EXPECT_DOUBLE_EQ(m.get(Metric::stock_kg, m.all_row(), s), state.stock_kg(SubstanceIndex(s)));
      EXPECT_GE(m.get(Metric::stock_kg, m.all_row(), s), 0.0);
    }

    // Populations, areas and flows are never negative; prices are finite and positive where
    // reported (NaN means "not applicable").
    for (size_t r = 0; r < m.node_rows(); ++r) {
      for (size_t c = 0; c < m.substance_columns(); ++c) {
        for (Metric metric :
             {Metric::users_light, Metric::users_heavy, Metric::users_in_treatment,
              Metric::new_users, Metric::cultivation_ha, Metric::eradicated_ha, Metric::alt_crop_ha,
              Metric::production_kg, Metric::seized_kg, Metric::delivered_kg,
              Metric::consumption_kg, Metric::illicit_sales_usd, Metric::overdose_deaths,
              Metric::dto_workers, Metric::dto_revenue_usd}) {
          const double v = m.get(metric, r, c);
          if (std::isnan(v)) continue;
          EXPECT_GE(v, 0.0) << info(metric).name << " row " << r << " column " << c;
          EXPECT_TRUE(std::isfinite(v)) << info(metric).name;
        }
        for (Metric metric : {Metric::price_farmgate_usd_per_kg, Metric::price_wholesale_usd_per_kg,
                              Metric::price_retail_usd_per_g}) {
          const double v = m.get(metric, r, c);
          if (std::isnan(v)) continue;
          EXPECT_TRUE(std::isfinite(v) && v > 0.0) << info(metric).name << " = " << v;
        }
      }
    }
    // Every user group's market has a positive, finite price (demand reads it every step).
    for (const auto& group : state.user_groups) {
      const auto& market = state.market(group.node, group.substance);
      EXPECT_TRUE(std::isfinite(market.retail_price) && market.retail_price > 0.0)
          << world.nodes[group.node].id;
      EXPECT_TRUE(std::isfinite(market.wholesale_price) && market.wholesale_price > 0.0)
          << world.nodes[group.node].id;
    }
    // Stocks of product.
    for (const auto& source : state.sources) {
      EXPECT_GE(source.stock_kg, 0.0);
      EXPECT_GE(source.illicit_ha, 0.0);
    }
    for (const auto& market : state.markets) {
      EXPECT_GE(market.inventory_kg, 0.0);
      EXPECT_GE(market.pipeline_kg, 0.0);
    }
    for (const auto& batch : state.batches) EXPECT_GT(batch.kg, 0.0);
    for (const auto& org : state.organizations) EXPECT_GE(org.capital_usd, 0.0);

    // The ALL row of a per-substance flow is the sum over the nodes.
    for (size_t s = 0; s < substances; ++s) {
      for (Metric metric : {Metric::consumption_kg, Metric::seized_kg, Metric::users_light,
                            Metric::users_heavy, Metric::delivered_kg}) {
        double sum = 0.0;
        for (size_t n = 0; n < world.nodes.size(); ++n) sum += nan_as_zero(m.get(metric, n, s));
        EXPECT_NEAR(nan_as_zero(m.get(metric, m.all_row(), s)), sum, 1e-9 * std::max(1.0, sum))
            << info(metric).name;
      }
    }
    // Kilos are seized as they enter a node (leaving the source counts as entering it), so
    // seizures at a node never exceed what entered it this step; and what arrived along the
    // edges into a node is part of what entered it.
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      for (size_t s = 0; s < substances; ++s) {
        const size_t cell = state.cell(NodeIndex(n), SubstanceIndex(s));
        double inflow = 0.0;
        for (size_t e = 0; e < world.edges.size(); ++e) {
          if (world.edges[e].to == n) inflow += state.flows.edge_kg[e * substances + s];
        }
        const double entering = state.flows.entering_kg[cell];
        const double slack = 1e-12 * entering + 1e-9;
        EXPECT_LE(state.flows.seized_kg[cell], entering + slack) << world.nodes[n].id;
        EXPECT_LE(inflow, entering + slack) << world.nodes[n].id;
      }
    }
  }

  void expect_ledger_matches(const ModelState& state) const {
    // Summing the per-step flows reproduces the cumulative ledger (both add the same kilos).
    for (size_t s = 0; s < state.substance_count(); ++s) {
      const auto tolerance = [](double x) { return 1e-9 * std::max(1.0, std::abs(x)); };
      EXPECT_NEAR(cumulative_consumed_[s], state.ledger.consumed_kg[s],
                  tolerance(state.ledger.consumed_kg[s]));
      EXPECT_NEAR(cumulative_seized_[s], state.ledger.seized_kg[s],
                  tolerance(state.ledger.seized_kg[s]));
      EXPECT_NEAR(cumulative_produced_[s], state.ledger.produced_kg[s],
                  tolerance(state.ledger.produced_kg[s]));
    }
  }

  [[nodiscard]] int steps() const { return steps_; }

 private:
  static double nan_as_zero(double v) { return std::isnan(v) ? 0.0 : v; }
  int steps_ = 0;
  std::array<double, 16> cumulative_consumed_{}, cumulative_seized_{}, cumulative_produced_{};
};

TEST(Invariants, BaselineRunKeepsEveryInvariant) {
  ASSERT_LE(shipped_world().substances.size(), 16u);
  const Scenario scenario = test::short_scenario("2010-01-01", "2014-12-31", 0.003, 11);
  Engine engine(test::shared_world(), scenario, EngineOptions::checked(2));
  InvariantObserver observer;
  RunResult result;
  // check_invariants=true: the engine throws InvariantError on the first broken invariant.
  ASSERT_NO_THROW(result = engine.run(&observer));
  const Calendar calendar(scenario.start, scenario.end, scenario.step_days);
  EXPECT_EQ(result.steps, calendar.step_count());
  EXPECT_EQ(observer.steps(), calendar.step_count());
  EXPECT_LT(result.max_relative_mass_error, 1e-9);
  observer.expect_ledger_matches(engine.state());
  // Something actually happened: cocaine was produced, moved, seized and consumed.
  const auto cocaine = test::substance("cocaine");
  EXPECT_GT(engine.state().ledger.produced_kg[cocaine], 0.0);
  EXPECT_GT(engine.state().ledger.seized_kg[cocaine], 0.0);
  EXPECT_GT(engine.state().ledger.consumed_kg[cocaine], 0.0);
  // One timing per module of the step plan, in plan order (the plan's last entry is the
  // engine's own accounting, which is not a module).
  std::vector<std::string> planned;
  for (const auto& entry : engine.plan()) {
    if (entry.phase == "step" && entry.module != "accounting") planned.push_back(entry.module);
  }
  std::vector<std::string> timed;
  for (const auto& t : result.timings) timed.push_back(t.module);
  EXPECT_EQ(timed, planned);
}

TEST(Invariants, CheckInvariantsDetectsLostMass) {
  // The checker itself can fail: a state whose ledger records 1000 kg of cocaine produced that
  // are nowhere (no stock, nothing seized or consumed) breaks the mass balance by 1000 kg,
  // far above 1e-9 of 1000 kg.
  const Scenario scenario = test::short_scenario("2010-01-01", "2010-03-31", 0.002, 3);
  const ParameterRegistry registry(shipped_world().substance_ids());
  const ParameterValues values(registry);
  ModelState state(shipped_world(), values, Calendar(scenario.start, scenario.end, 7), 1, 0.002, 1);
  MetricTable metrics(shipped_world().nodes.size(), shipped_world().substances.size());
  collect_metrics(state, metrics);
  EXPECT_NO_THROW(check_invariants(state, metrics));  // empty and consistent
  state.ledger.produced_kg[test::substance("cocaine")] = 1000.0;
  collect_metrics(state, metrics);
  EXPECT_NEAR(
      metrics.get(Metric::mass_balance_error_kg, metrics.all_row(), test::substance("cocaine")),
      1000.0, 1e-9);
  EXPECT_THROW(check_invariants(state, metrics), InvariantError);
}

}  // namespace
}  // namespace narcosim
