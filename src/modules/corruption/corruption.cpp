// Corruption (model brief s2.6; docs/ODD.md 7.15): each step every trafficking organisation pays
// a share of its revenue to the officials of the countries where it loses loads, in proportion
// to the seizures it remembers there (its learned risk). What a country's officials receive,
// smoothed over their memory and measured per dollar the country spends on interdiction, buys
// off a share of its enforcement with diminishing returns (protection.hpp); that share scales
// the seizure hazard on the country's nodes and coasts and the arrest hazard of its
// traffickers, relative to 2010, whose seizures the interdiction rates were solved to. Policies
// move bribes only through what organisations earn and where they lose loads: legal markets cut
// rents, legal transport ends losses, a larger budget costs more to buy.
#include <algorithm>
#include <cmath>

#include "narcosim/model/metrics.hpp"
#include "narcosim/model/module.hpp"
#include "narcosim/model/policy.hpp"
#include "narcosim/model/state.hpp"
#include "protection.hpp"

namespace narcosim {

namespace {

struct CorruptionParameters {
  double bribe_share = 0.0;
  double protection_max = 0.0;
  double bribes_per_budget_scale = 0.0;
  double memory_years = 0.0;
  double home_share = 0.0;
  static CorruptionParameters read(const ParameterReader& r) {
    return {r.get("corruption.bribe_share"), r.get("corruption.protection_max"),
            r.get("corruption.bribes_per_budget_scale"), r.get("corruption.memory_years"),
            r.get("corruption.home_share")};
  }
};

class CorruptionModule final : public Module {
 public:
  CorruptionModule(const CorruptionParameters& p, const ModuleContext& context) : p_(p) {
    if (context.policies) policies_ = *context.policies;
  }

  // Organisations have paid at their 2010 rate for long: officials start bought to match.
  void initialize(ModelState& state) override {
    for (auto& c : state.corruption) c = CountryCorruption{};
    const double years = state.years_per_step();
    for (size_t o = 0; o < state.organizations.size(); ++o) {
      const auto& org = state.organizations[o];
      const double per_year = p_.bribe_share * org.revenue_ema_usd / years;
      if (!(per_year > 0)) continue;
      const auto shares = where_it_pays(state, o);
      for (size_t n = 0; n < shares.size(); ++n) {
        state.corruption[n].bribes_usd_per_year += per_year * shares[n];
      }
    }
    // 2010's protection is what the budgets of 2010 bought (the policies that began before the
    // run); a policy that starts with the run changes it from the first step.
    const Levers in_force = state.levers;
    state.levers = levers_before_run(policies_, *state.world, years);
    for (size_t n = 0; n < state.corruption.size(); ++n) {
      state.corruption[n].protection_2010 = protection_of(state, NodeIndex(n));
    }
    state.levers = in_force;
    for (size_t n = 0; n < state.corruption.size(); ++n) {
      auto& c = state.corruption[n];
      c.protection = protection_of(state, NodeIndex(n));
      c.hazard_factor = corruption::hazard_factor(c.protection, c.protection_2010);
    }
  }

  void step(ModelState& state) override {
    const double years = state.years_per_step();
    for (auto& c : state.corruption) c.bribes_usd = 0.0;
    for (size_t o = 0; o < state.organizations.size(); ++o) pay(state, o);
    const double keep = std::exp(-years / p_.memory_years);
    for (size_t n = 0; n < state.corruption.size(); ++n) {
      auto& c = state.corruption[n];
      c.bribes_usd_per_year = keep * c.bribes_usd_per_year + (1.0 - keep) * c.bribes_usd / years;
      c.protection = protection_of(state, NodeIndex(n));
      c.hazard_factor = corruption::hazard_factor(c.protection, c.protection_2010);
    }
  }

 private:
  CorruptionParameters p_;
  std::vector<ActivePolicy> policies_;  // the run's; levers_before_run picks the earlier ones

  // Per node: the share of each country in what organisation `o` pays (summing to 1), or an
  // empty vector if it has nowhere to pay: `home_share` to the officials of its home country
  // (its plazas and workers), the rest split by the seizures it remembers on each country's
  // nodes and coasts (where it loses loads). Corridors (international waters) have no officials.
  [[nodiscard]] std::vector<double> where_it_pays(const ModelState& state, size_t o) const {
    const auto& world = *state.world;
    const auto& org = state.organizations[o];
    std::vector<double> weights(world.nodes.size(), 0.0);
    double losses = 0.0;
    for (size_t v = 0; v < org.risk_events.size(); ++v) {
      const auto owner = world.jurisdiction(NodeIndex(v));
      if (world.nodes[owner].kind != NodeKind::country) continue;
      weights[owner] += org.risk_events[v];
      losses += org.risk_events[v];
    }
    const auto home = world.jurisdiction(world.organizations[o].home);
    const bool home_has_officials = world.nodes[home].kind == NodeKind::country;
    if (!(losses > 0)) {
      if (!home_has_officials) return {};
      std::fill(weights.begin(), weights.end(), 0.0);
      weights[home] = 1.0;
      return weights;
    }
    const double away = home_has_officials ? 1.0 - p_.home_share : 1.0;
    for (auto& w : weights) w *= away / losses;
    if (home_has_officials) weights[home] += p_.home_share;
    return weights;
  }

  [[nodiscard]] double protection_of(const ModelState& state, NodeIndex node) const {
    return corruption::protection(state.corruption[node].bribes_usd_per_year,
                                  state.interdiction_usd_per_year(node), p_.protection_max,
                                  p_.bribes_per_budget_scale);
  }

  // Pays what organisation `o` owes officials this step (taken out of its capital with the
  // payout, trafficking's pay_out) to the households of each country it pays; with nowhere to
  // pay, to its owners after all.
  void pay(ModelState& state, size_t o) const {
    auto& org = state.organizations[o];
    const double amount = org.bribes_due_usd;
    org.bribes_due_usd = 0.0;
    if (!(amount > 0)) return;
    const auto shares = where_it_pays(state, o);
    if (shares.empty()) {
      const auto home = state.world->organizations[o].home;
      state.money.transfer(state.money.organization(o),
                           state.money.sector(home, Sector::households), amount, Purpose::payout,
                           home);
      return;
    }
    for (size_t n = 0; n < shares.size(); ++n) {
      if (shares[n] <= 0) continue;
      state.corruption[n].bribes_usd += state.money.transfer(
          state.money.organization(o), state.money.sector(n, Sector::households),
          amount * shares[n], Purpose::bribe, n);
    }
  }
};

void report_corruption(const ModelState& state, MetricTable& t) {
  for (size_t n = 0; n < state.world->nodes.size(); ++n) {
    if (state.world->nodes[n].kind != NodeKind::country) continue;
    t.put_node(Metric::bribes_usd, n, state.corruption[n].bribes_usd);
  }
}

}  // namespace

void declare_corruption_parameters(std::vector<ParameterDeclaration>& t);  // parameters.cpp

const ModuleSpec& corruption_module() {
  static const ModuleSpec spec{
      .name = "corruption",
      .summary =
          "bribes from organisations' revenue to the officials where they lose loads; the "
          "enforcement they buy off scales seizure and arrest hazards",
      .reads = {StatePart::organizations, StatePart::levers, StatePart::reinvestment},
      .writes = {StatePart::corruption, StatePart::organizations, StatePart::money},
      .initialize_after = {"trafficking"},
      .step_after = {"trafficking"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<CorruptionModule>(
            CorruptionParameters::read(ParameterReader(context)), context);
      },
      .declare_parameters = declare_corruption_parameters,
      .streams = {},
      .metrics = {Metric::bribes_usd},
      .report = report_corruption};
  return spec;
}

}  // namespace narcosim
