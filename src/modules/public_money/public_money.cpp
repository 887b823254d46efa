// Public money: what each government spends per program this step, paid to its households
// (wages and contractors) or growers (alternative development), and the compensation consumer
// countries pay for seizures (seed 003). Tax on legal sales is booked where sales happen
// (demand). Every payment goes through the double-entry ledger (model/money.hpp). See
// docs/ODD.md "Public money".
#include <algorithm>
#include <cmath>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

// The parameters the module reads, resolved once per run when the engine builds it.
struct PublicMoneyParameters {
  double prison_cost_usd_per_prisoner_year, troop_cost_usd_per_year, compensation_memory_years;

  static PublicMoneyParameters read(const ParameterReader& r) {
    PublicMoneyParameters p{};
    p.prison_cost_usd_per_prisoner_year = r.get("money.prison_cost_usd_per_prisoner_year");
    p.troop_cost_usd_per_year = r.get("money.troop_cost_usd_per_year");
    p.compensation_memory_years = r.get("money.compensation_memory_years");
    return p;
  }
};

class PublicMoneyModule final : public Module {
 public:
  explicit PublicMoneyModule(const PublicMoneyParameters& parameters) : p_(parameters) {}

  void initialize(ModelState& /*state*/) override {}

  void step(ModelState& state) override {
    const auto& world = *state.world;
    const double years = state.years_per_step();
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      const auto node = NodeIndex(n);
      spend(state, node, Purpose::interdiction, state.interdiction_usd_per_year(node) * years);
      if (!world.nodes[n].is_market()) continue;
      const double wage_ratio = state.wage_ratio(node);
      const double troops = state.levers.military_troops[n] + state.levers.guard_troops[n];
      spend(state, node, Purpose::enforcement,
            (world.figure_or(node, std::nullopt, "enforcement_budget_usd", 0.0) +
             troops * p_.troop_cost_usd_per_year * wage_ratio) *
                years);
      spend(state, node, Purpose::treatment, state.flows.treatment_spend_usd[n]);
      spend(
          state, node, Purpose::prisons,
          state.justice[n].prisoners() * p_.prison_cost_usd_per_prisoner_year * wage_ratio * years);
      spend(state, node, Purpose::programs, state.levers.program_budget_usd_per_year[n] * years);
    }
    for (const auto& source : state.sources) {
      const size_t cell = state.cell(source.node, source.substance);
      const double budget =
          source.eradication_budget_usd * state.levers.eradication_multiplier[cell];
      spend(state, source.node, Purpose::eradication, budget * years);
      // Alternative development pays every licit hectare of households that left the crop, or
      // of every household of the region under a community agreement.
      const double paid_ha =
          state.levers.alt_dev_community[cell] > 0 ? source.licit_ha : source.converted_ha;
      state.money.transfer(state.money.sector(source.node, Sector::government),
                           state.money.sector(source.node, Sector::growers),
                           paid_ha * state.levers.alt_dev_support_usd_per_ha[cell] * years,
                           Purpose::programs, source.node);
    }
    compensate_seizures(state);
  }

 private:
  PublicMoneyParameters p_;

  static void spend(ModelState& state, NodeIndex node, Purpose purpose, double usd) {
    state.money.transfer(state.money.sector(node, Sector::government),
                         state.money.sector(node, Sector::households), usd, purpose, node);
  }

  // Payers (countries with a compensation share for the substance) pay every other country a
  // share of the local wholesale value of what it seized this step, split among payers by the
  // value of their illicit consumption. Recipients budget a share of the (smoothed) receipts
  // for interdiction.
  void compensate_seizures(ModelState& state) const {
    const auto& world = *state.world;
    const size_t nodes = world.nodes.size();
    std::vector<double> received(nodes, 0.0);
    for (size_t s = 0; s < state.substance_count(); ++s) {
      const auto substance = SubstanceIndex(s);
      double payer_sales = 0.0;
      for (size_t p = 0; p < nodes; ++p) {
        if (state.levers.compensation_share[state.cell(NodeIndex(p), substance)] > 0) {
          payer_sales += std::max(consumption_value(state, NodeIndex(p), substance), 1e-9);
        }
      }
      if (payer_sales <= 0) continue;
      for (size_t r = 0; r < nodes; ++r) {
        const auto recipient = NodeIndex(r);
        const size_t rcell = state.cell(recipient, substance);
        if (world.nodes[r].kind != NodeKind::country || state.levers.compensation_share[rcell] > 0)
          continue;
        // What the recipient's statistics book: seizures in its waters and on its coasts too.
        double seized_kg = 0.0;
        for (const auto v : world.jurisdiction_nodes(recipient)) {
          seized_kg += state.flows.seized_kg[state.cell(v, substance)];
        }
        const double value = seized_kg * state.markets[rcell].wholesale_price;
        if (!(value > 0)) continue;
        for (size_t p = 0; p < nodes; ++p) {
          const auto payer = NodeIndex(p);
          const double share = state.levers.compensation_share[state.cell(payer, substance)];
          if (share <= 0) continue;
          const double weight =
              std::max(consumption_value(state, payer, substance), 1e-9) / payer_sales;
          received[r] += state.money.transfer(state.money.sector(payer, Sector::government),
                                              state.money.sector(recipient, Sector::government),
                                              share * weight * value, Purpose::compensation, payer);
        }
      }
    }
    const double years = state.years_per_step();
    const double weight = 1.0 - std::exp(-years / p_.compensation_memory_years);
    for (size_t r = 0; r < nodes; ++r) {
      const double annual = received[r] / years * state.levers.compensation_reinvest_share[r];
      auto& reinvested = state.reinvested_interdiction_usd_per_year[r];
      reinvested += weight * (annual - reinvested);
    }
  }

  static double consumption_value(const ModelState& state, NodeIndex node,
                                  SubstanceIndex substance) {
    return state.flows.illicit_sales_usd[state.cell(node, substance)];
  }
};

void report_public_money(const ModelState& state, MetricTable& t) {
  const auto& world = *state.world;
  const auto& money = state.money;
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    t.put_node(Metric::spend_interdiction_usd, n, money.flow(n, Purpose::interdiction));
    if (!world.nodes[n].is_market()) continue;
    t.put_node(Metric::spend_eradication_usd, n, money.flow(n, Purpose::eradication));
    t.put_node(Metric::spend_enforcement_usd, n, money.flow(n, Purpose::enforcement));
    t.put_node(Metric::spend_treatment_usd, n, money.flow(n, Purpose::treatment));
    t.put_node(Metric::spend_prisons_usd, n, money.flow(n, Purpose::prisons));
    t.put_node(Metric::spend_programs_usd, n, money.flow(n, Purpose::programs));
    t.put_node(Metric::tax_revenue_usd, n, money.flow(n, Purpose::tax));
    t.put_node(Metric::compensation_paid_usd, n, money.flow(n, Purpose::compensation));
    t.put_node(Metric::compensation_received_usd, n, money.received(n, Purpose::compensation));
  }
}

}  // namespace

void declare_public_money_parameters(std::vector<ParameterDeclaration>& t);  // parameters.cpp

const ModuleSpec& public_money_module() {
  static const ModuleSpec spec{
      .name = "public_money",
      .summary = "spending per program and country, prison and troop costs, compensation transfers",
      .reads = {StatePart::levers, StatePart::flows, StatePart::justice, StatePart::violence,
                StatePart::labour, StatePart::user_groups},
      .writes = {StatePart::money, StatePart::reinvestment},
      .initialize_after = {"policies"},
      .step_after = {"violence"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<PublicMoneyModule>(
            PublicMoneyParameters::read(ParameterReader(context)));
      },
      .declare_parameters = declare_public_money_parameters,
      .streams = {},
      .metrics = {Metric::spend_interdiction_usd, Metric::spend_eradication_usd,
                  Metric::spend_enforcement_usd, Metric::spend_treatment_usd,
                  Metric::spend_prisons_usd, Metric::spend_programs_usd, Metric::tax_revenue_usd,
                  Metric::compensation_paid_usd, Metric::compensation_received_usd},
      .report = report_public_money};
  return spec;
}

}  // namespace narcosim
