// Violence and crime per country (model brief s2.7): homicides are a non-drug baseline plus
// drug-related homicides from four mechanisms (contested plaza rents, succession fights after
// leader removals, armed confrontations with deployed troops, supply shocks), scaled by firearm
// lethality; kidnappings and extortions rise with the pool of displaced drug workers who are
// not absorbed by legal work, and fall with the outside option and guard presence. The module
// also drains the displaced pool (CountryLabour) as its members find legal work.
//
// Everything is calibrated at initialisation so the baseline year is a steady state; each
// mechanism's intensity is fixed then (docs/ODD.md "Violence, crime and the labour market").
// Homicides, kidnappings and extortions are expected values (persons or events per step):
// national counts are in the thousands, so Poisson noise would only blur policy contrasts;
// the randomness of the module is in the leader removals.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

// Random streams of this module (declared in its spec below; numbers never change).
constexpr Stream kLeaderRemovalStream{11};

constexpr uint32_t kRemovalTag = 7;  // aggregate_entity tag of leader-removal draws

// The parameters the module reads, resolved once per run when the engine builds it.
struct ViolenceParameters {
  double mexico_drug_related_share, usa_drug_related_share, drug_related_share, supply_shock_share,
      rent_elasticity, rent_memory_months, scarcity_elasticity, succession_effect,
      reference_removals_per_year, succession_half_life_months, succession_spillover,
      confrontation_effect, reference_troops_per_100k, guard_lethality_ratio, firearm_elasticity,
      firearm_elasticity_other;
  // labour: exits from the displaced pool, kidnapping and extortion
  double rehire_share, exit_rate_per_year, exit_wage_elasticity, kidnappings_per_100k,
      extortions_per_100k, predatory_share, outside_option_elasticity, guard_deterrence;
  double worker_attrition_per_year;  // trafficking: the inflow of the displaced pool

  static ViolenceParameters read(const ParameterReader& r) {
    ViolenceParameters p{};
    p.mexico_drug_related_share = r.get("violence.mexico_drug_related_share");
    p.usa_drug_related_share = r.get("violence.usa_drug_related_share");
    p.drug_related_share = r.get("violence.drug_related_share");
    p.supply_shock_share = r.get("violence.supply_shock_share");
    p.rent_elasticity = r.get("violence.rent_elasticity");
    p.rent_memory_months = r.get("violence.rent_memory_months");
    p.scarcity_elasticity = r.get("violence.scarcity_elasticity");
    p.succession_effect = r.get("violence.succession_effect");
    p.reference_removals_per_year = r.get("violence.reference_removals_per_year");
    p.succession_half_life_months = r.get("violence.succession_half_life_months");
    p.succession_spillover = r.get("violence.succession_spillover");
    p.confrontation_effect = r.get("violence.confrontation_effect");
    p.reference_troops_per_100k = r.get("violence.reference_troops_per_100k");
    p.guard_lethality_ratio = r.get("violence.guard_lethality_ratio");
    p.firearm_elasticity = r.get("violence.firearm_elasticity");
    p.firearm_elasticity_other = r.get("violence.firearm_elasticity_other");
    p.rehire_share = r.get("labour.rehire_share");
    p.exit_rate_per_year = r.get("labour.exit_rate_per_year");
    p.exit_wage_elasticity = r.get("labour.exit_wage_elasticity");
    p.kidnappings_per_100k = r.get("labour.kidnappings_per_100k");
    p.extortions_per_100k = r.get("labour.extortions_per_100k");
    p.predatory_share = r.get("labour.predatory_share");
    p.outside_option_elasticity = r.get("labour.outside_option_elasticity");
    p.guard_deterrence = r.get("labour.guard_deterrence");
    p.worker_attrition_per_year = r.get("trafficking.worker_attrition_per_year");
    return p;
  }
};

struct NodeCalibration {
  double drug_per_year = 0.0;     // drug-related homicides of the baseline year
  double contest_per_year = 0.0;  // intensities (homicides/year at unit driver)
  double supply_per_year = 0.0;
  double succession_per_unit = 0.0;     // per unit of succession conflict
  double confrontation_per_unit = 0.0;  // at the reference deployment density
  double contest_ref = 0.0;             // contested rent driver at the start
  double contest_ema = 0.0;             // contested rent driver, smoothed
  double scarcity_ref = 1.0;            // value-weighted wholesale / structural at the start
  double workers_ref = 0.0;             // drug-trade workers of organisations based here
  double troops_ref = 0.0;              // reference deployment (persons)
  double kidnappings_per_year = 0.0;
  double extortions_per_year = 0.0;
  double pool_ref = 0.0;  // displaced pool of the steady state
};

class ViolenceModule final : public Module {
 public:
  explicit ViolenceModule(const ViolenceParameters& parameters) : p_(parameters) {}

  void initialize(ModelState& state) override {
    const auto& world = *state.world;
    const size_t nodes = world.nodes.size();
    calibration_.assign(nodes, {});
    controllers_.assign(nodes, {});
    for (size_t o = 0; o < world.organizations.size(); ++o) {
      for (const auto v : world.organizations[o].territories) controllers_[v].push_back(o);
    }
    // Weight of each organisation in each plaza it holds: its share of the baseline workforce
    // of the plaza's holders. A removal fragments the plaza in proportion.
    plaza_share_.assign(world.organizations.size() * nodes, 0.0);
    for (size_t v = 0; v < nodes; ++v) {
      double total = 0.0;
      for (const auto o : controllers_[v]) total += world.organizations[o].workers;
      for (const auto o : controllers_[v]) {
        plaza_share_[o * nodes + v] = total > 0 ? world.organizations[o].workers / total
                                                : 1.0 / double(controllers_[v].size());
      }
    }
    const double share_other = p_.drug_related_share;
    const double share_mex = p_.mexico_drug_related_share;
    const double share_usa = p_.usa_drug_related_share;
    const double supply_share = p_.supply_shock_share;
    const double half_life = p_.succession_half_life_months / 12.0;
    const double reference_stock = p_.reference_removals_per_year * half_life / std::numbers::ln2;
    const double reference_density = p_.reference_troops_per_100k;
    const auto workers = state.workers_by_home();
    for (size_t n = 0; n < nodes; ++n) {
      const auto node = NodeIndex(n);
      auto& c = calibration_[n];
      auto& v = state.violence[n];
      const double population = world.figure_or(node, std::nullopt, "population", 0.0);
      const double rate = world.figure_or(node, std::nullopt, "homicide_rate_per_100k", 0.0);
      const double total = rate * population / 1e5;
      // Drug-related violence needs a drug trade: a plaza held by some organisation.
      const auto& id = world.nodes[n].id;
      const double share =
          controllers_[n].empty()
              ? 0.0
              : (id == "MEX" ? share_mex : (id == "USA" ? share_usa : share_other));
      c.drug_per_year = share * total;
      v.baseline_homicides_per_year = total - c.drug_per_year;
      v.firearm_availability = 1.0;
      v.succession_conflict = 0.0;
      c.contest_ref = contest_driver(state, n);
      c.contest_ema = c.contest_ref;
      c.scarcity_ref = scarcity(state, n, weights_of(state, n));
      c.workers_ref = workers[n];
      c.troops_ref = reference_density * population / 1e5;
      // Policies in force at the start (also those that began before the run, which the policy
      // module applies from step 0 at their full ramp): succession fights at their steady state,
      // troops as deployed. The baseline year's drug-related homicides are split so that contest
      // and supply shocks carry what the policy mechanisms do not.
      v.succession_conflict = expected_succession(state, n) * half_life / std::numbers::ln2;
      const double succession_ratio = v.succession_conflict / reference_stock;
      const double confrontation_ratio = confrontation_driver(state, n, workers[n]);
      const double base = c.drug_per_year / (1.0 + p_.succession_effect * succession_ratio +
                                             p_.confrontation_effect * confrontation_ratio);
      // Where no plaza is contested, rents are not fought over: the supply channel carries
      // the drug-related violence of the baseline.
      const double supply = c.contest_ref > 0 ? supply_share * base : base;
      c.contest_per_year = base - supply;
      c.supply_per_year = supply;
      c.succession_per_unit = p_.succession_effect * base / reference_stock;
      c.confrontation_per_unit = p_.confrontation_effect * base;
      c.kidnappings_per_year = p_.kidnappings_per_100k * population / 1e5;
      c.extortions_per_year = p_.extortions_per_100k * population / 1e5;
    }
    calibrated_pool_ = false;
  }

  void step(ModelState& state) override {
    const auto& world = *state.world;
    const size_t nodes = world.nodes.size();
    const double years = state.years_per_step();
    const auto step = uint32_t(state.step);
    if (!calibrated_pool_) calibrate_pool(state);
    // Succession fights decay with their half-life, then removals of this step add to them.
    const double decay =
        std::exp(-std::numbers::ln2 * years / (p_.succession_half_life_months / 12.0));
    const double spillover = p_.succession_spillover;
    for (auto& v : state.violence) {
      v.succession_conflict *= decay;
      v.leader_removals = 0.0;
    }
    for (size_t o = 0; o < world.organizations.size(); ++o) {
      const auto& spec = world.organizations[o];
      const double rate = state.levers.leader_removals_per_year[spec.home];
      if (!(rate > 0) || !state.organizations[o].active) continue;
      if (state.rng.uniform(kLeaderRemovalStream, aggregate_entity(kRemovalTag, uint32_t(o)),
                            step) >= probability_from_rate(rate, years)) {
        continue;
      }
      state.violence[spec.home].leader_removals += 1.0;
      // The organisation fragments in its home plazas and, less, in its other territories
      // (Lindo & Padilla-Romo 2018 find spillovers to places where the same DTO operates).
      for (const auto t : spec.territories) {
        state.violence[t].succession_conflict +=
            plaza_share_[o * nodes + t] * (t == spec.home ? 1.0 : spillover);
      }
    }
    const double rent_elasticity = p_.rent_elasticity;
    const double scarcity_elasticity = p_.scarcity_elasticity;
    const double firearm_drug = p_.firearm_elasticity;
    const double firearm_other = p_.firearm_elasticity_other;
    // Organisations fight over what a plaza is worth over months, not over one step's sales.
    const double rent_weight = 1.0 - std::exp(-years * 12.0 / p_.rent_memory_months);
    const auto workers = state.workers_by_home();
    for (size_t n = 0; n < nodes; ++n) {
      auto& v = state.violence[n];
      auto& c = calibration_[n];
      c.contest_ema += rent_weight * (contest_driver(state, n) - c.contest_ema);
      // Firearm availability follows its target with the policy's time constant.
      const double target = state.levers.firearm_target[n];
      const double tau = std::max(1e-6, state.levers.firearm_adjust_years[n]);
      v.firearm_availability += (target - v.firearm_availability) * (1.0 - std::exp(-years / tau));
      const double contest =
          c.contest_ref > 0
              ? c.contest_per_year * std::pow(c.contest_ema / c.contest_ref, rent_elasticity)
              : 0.0;
      const double shock =
          c.supply_per_year *
          std::pow(std::clamp(scarcity(state, n, weights_of(state, n)) / c.scarcity_ref, 0.2, 5.0),
                   scarcity_elasticity);
      const double succession = c.succession_per_unit * v.succession_conflict;
      const double confrontation =
          c.confrontation_per_unit * confrontation_driver(state, n, workers[n]);
      const double drug = (contest + shock + succession + confrontation) *
                          std::pow(v.firearm_availability, firearm_drug);
      const double other =
          v.baseline_homicides_per_year * std::pow(v.firearm_availability, firearm_other);
      v.homicides_drug_related = drug * years;
      v.homicides = (drug + other) * years;
    }
    predatory_crime_and_exits(state);
  }

 private:
  // Contested rents: revenue of the organisations holding a plaza, each spread evenly over its
  // territories, times the fractionalisation of the plaza (1 - sum of squared workforce shares
  // of its holders; zero when one organisation holds it alone).
  [[nodiscard]] double contest_driver(const ModelState& state, size_t n) const {
    const auto& world = *state.world;
    if (controllers_[n].size() < 2) return 0.0;
    double rent = 0.0;
    double workers = 0.0;
    for (const auto o : controllers_[n]) {
      rent += std::max(0.0, state.organizations[o].revenue_ema_usd) /
              double(world.organizations[o].territories.size());
      workers += state.organizations[o].workers;
    }
    if (!(workers > 0)) return 0.0;
    double concentration = 0.0;
    for (const auto o : controllers_[n]) {
      const double s = state.organizations[o].workers / workers;
      concentration += s * s;
    }
    return rent * (1.0 - concentration);
  }

  // Value weights of the node's markets: expected demand at the structural price.
  [[nodiscard]] static std::vector<double> weights_of(const ModelState& state, size_t n) {
    std::vector<double> w(state.substance_count(), 0.0);
    for (size_t s = 0; s < w.size(); ++s) {
      const auto& m = state.market(NodeIndex(n), SubstanceIndex(s));
      if (m.structural_price > 0 && std::isfinite(m.structural_price) && m.wholesale_price > 0) {
        w[s] = m.expected_demand_kg * m.structural_price;
      }
    }
    return w;
  }

  // Scarcity: value-weighted wholesale over structural price (1 without a market).
  [[nodiscard]] static double scarcity(const ModelState& state, size_t n,
                                       const std::vector<double>& weights) {
    double sum = 0.0;
    double total = 0.0;
    for (size_t s = 0; s < weights.size(); ++s) {
      if (!(weights[s] > 0)) continue;
      const auto& m = state.market(NodeIndex(n), SubstanceIndex(s));
      sum += weights[s] * m.wholesale_price / m.structural_price;
      total += weights[s];
    }
    return total > 0 ? sum / total : 1.0;
  }

  // Succession conflict added per year in the node by the removal rates in force: the plaza
  // shares of the organisations holding it, times their home country's removal rate, and the
  // spillover where the organisation is based elsewhere (as in step()). A kingpin strategy in
  // force at the start (e.g. Mexico's since 2006) then starts at its steady state in every
  // territory of the organisations it hits, not only at home.
  [[nodiscard]] double expected_succession(const ModelState& state, size_t n) const {
    const auto& world = *state.world;
    const double spillover = p_.succession_spillover;
    double per_year = 0.0;
    for (const auto o : controllers_[n]) {
      const auto home = world.organizations[o].home;
      per_year += state.levers.leader_removals_per_year[home] *
                  plaza_share_[o * world.nodes.size() + n] * (home == n ? 1.0 : spillover);
    }
    return per_year;
  }

  // Armed encounters: troops (the guard at a lower lethality) relative to the reference
  // deployment, times the drug-trade workforce relative to the start (mass action).
  // `workers`: persons working for organisations based in the node now.
  [[nodiscard]] double confrontation_driver(const ModelState& state, size_t n,
                                            double workers) const {
    const auto& c = calibration_[n];
    if (!(c.troops_ref > 0)) return 0.0;
    const double troops =
        state.levers.military_troops[n] + p_.guard_lethality_ratio * state.levers.guard_troops[n];
    if (!(troops > 0)) return 0.0;
    return troops / c.troops_ref * (c.workers_ref > 0 ? workers / c.workers_ref : 1.0);
  }

  // Annual exit rate from the displaced pool: finding legal work, faster when the outside
  // option (legal wage plus program stipends) is higher.
  [[nodiscard]] double exit_rate(const ModelState& state, size_t n) const {
    const double legal = state.legal_wage(NodeIndex(n));
    const double outside = state.labour[n].outside_wage_usd_per_month;
    const double ratio = legal > 0 && outside > 0 ? outside / legal : 1.0;
    return p_.exit_rate_per_year * std::pow(ratio, p_.exit_wage_elasticity);
  }

  // First step: the displaced pool starts at the steady state of its inflows (expected
  // attrition not rehired, and what justice released this step) and exits.
  void calibrate_pool(ModelState& state) {
    const double years = state.years_per_step();
    const double attrition = probability_from_rate(p_.worker_attrition_per_year, years);
    const double rehire = p_.rehire_share;
    const auto workers = state.workers_by_home();
    for (size_t n = 0; n < calibration_.size(); ++n) {
      auto& labour = state.labour[n];
      const double released = std::max(0.0, labour.displaced - labour.displaced_after_workforce);
      const double inflow = (1.0 - rehire) * attrition * workers[n] + released;
      const double exits = probability_from_rate(exit_rate(state, n), years);
      labour.displaced = exits > 0 ? inflow / exits : 0.0;
      calibration_[n].pool_ref = labour.displaced;
    }
    calibrated_pool_ = true;
  }

  void predatory_crime_and_exits(ModelState& state) const {
    const double years = state.years_per_step();
    const double predatory_share = p_.predatory_share;
    const double outside_elasticity = p_.outside_option_elasticity;
    const double deterrence = p_.guard_deterrence;
    for (size_t n = 0; n < calibration_.size(); ++n) {
      const auto& c = calibration_[n];
      auto& labour = state.labour[n];
      auto& v = state.violence[n];
      labour.displaced *= std::exp(-exit_rate(state, n) * years);
      const double legal = state.legal_wage(NodeIndex(n));
      const double outside_ratio = legal > 0 && labour.outside_wage_usd_per_month > 0
                                       ? labour.outside_wage_usd_per_month / legal
                                       : 1.0;
      const double pool_ratio = c.pool_ref > 0 ? labour.displaced / c.pool_ref : 1.0;
      const double guard = c.troops_ref > 0 ? state.levers.guard_troops[n] / c.troops_ref : 0.0;
      // The displaced who are not absorbed turn to predation, less so where the outside
      // option is better; a guard deters it.
      const double factor =
          (1.0 - predatory_share) + predatory_share * pool_ratio *
                                        std::pow(outside_ratio, -outside_elasticity) /
                                        (1.0 + deterrence * guard);
      v.kidnappings = c.kidnappings_per_year * factor * years;
      v.extortions = c.extortions_per_year * factor * years;
    }
  }

  ViolenceParameters p_;
  std::vector<NodeCalibration> calibration_;
  std::vector<std::vector<size_t>> controllers_;  // per node: organisations holding the plaza
  std::vector<double> plaza_share_;               // [organisation * nodes + node]
  bool calibrated_pool_ = false;
};

void report_violence(const ModelState& state, MetricTable& t) {
  const auto& world = *state.world;
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    if (!world.nodes[n].is_market()) continue;
    const auto& violence = state.violence[n];
    t.put_node(Metric::homicides, n, violence.homicides);
    t.put_node(Metric::homicides_drug_related, n, violence.homicides_drug_related);
    t.put_node(Metric::kidnappings, n, violence.kidnappings);
    t.put_node(Metric::extortions, n, violence.extortions);
  }
}

}  // namespace

void declare_violence_parameters(std::vector<ParameterDeclaration>& t);  // parameters.cpp

const ModuleSpec& violence_module() {
  static const ModuleSpec spec{
      .name = "violence",
      .summary =
          "leader removals, homicides by mechanism and firearm lethality, kidnappings and "
          "extortions by displaced workers, exits from the displaced pool",
      .reads = {StatePart::levers, StatePart::organizations, StatePart::markets, StatePart::flows,
                StatePart::labour, StatePart::justice},
      .writes = {StatePart::violence, StatePart::labour},
      .initialize_after = {"trafficking"},
      .step_after = {"justice"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<ViolenceModule>(ViolenceParameters::read(ParameterReader(context)));
      },
      .declare_parameters = declare_violence_parameters,
      .streams = {{kLeaderRemovalStream, "leader_removal", "kingpin removals"}},
      .metrics = {Metric::homicides, Metric::homicides_drug_related, Metric::kidnappings,
                  Metric::extortions},
      .report = report_violence};
  return spec;
}

}  // namespace narcosim
