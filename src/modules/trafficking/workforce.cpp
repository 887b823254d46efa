// The workforce of trafficking organisations: worker agents who leave (arrest, death,
// quitting, layoffs when throughput falls) and are recruited as the organisation's throughput
// calls for them, more readily where the drug wage beats the outside option: the legal wage
// plus the stipend of social programs, weighted by the share of the at-risk young they reach
// (model brief s2.2; seed 004). Those who leave join the pool of displaced former workers of
// their organisation's home country (society.hpp CountryLabour), which is also the first place
// organisations recruit from. See docs/ODD.md "Workforce" and "Violence, crime and the labour
// market".
#include <algorithm>
#include <cmath>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

// Random streams of this module (declared in its spec below; numbers never change).
constexpr Stream kRecruitmentStream{8};
constexpr Stream kWorkerAttritionStream{9};

// The parameters the module reads, resolved once per run when the engine builds it.
struct WorkforceParameters {
  double worker_attrition_per_year, recruitment_adjust_weeks, labour_share, wage_sensitivity,
      throughput_memory_weeks;
  // labour (declared with violence, src/modules/violence/parameters.cpp)
  double at_risk_youth_share, demand_elasticity, rent_elasticity, layoff_tolerance, rehire_share;

  static WorkforceParameters read(const ParameterReader& r) {
    WorkforceParameters p{};
    p.worker_attrition_per_year = r.get("trafficking.worker_attrition_per_year");
    p.recruitment_adjust_weeks = r.get("trafficking.recruitment_adjust_weeks");
    p.labour_share = r.get("trafficking.labour_share");
    p.wage_sensitivity = r.get("trafficking.wage_sensitivity");
    p.throughput_memory_weeks = r.get("trafficking.throughput_memory_weeks");
    p.at_risk_youth_share = r.get("labour.at_risk_youth_share");
    p.demand_elasticity = r.get("labour.demand_elasticity");
    p.rent_elasticity = r.get("labour.rent_elasticity");
    p.layoff_tolerance = r.get("labour.layoff_tolerance");
    p.rehire_share = r.get("labour.rehire_share");
    return p;
  }
};

// Program participants and the outside option of every node for this step's levers.
void update_outside_options(ModelState& state, const WorkforceParameters& p) {
  const auto& world = *state.world;
  const double at_risk_share = p.at_risk_youth_share;
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    const auto node = NodeIndex(n);
    auto& labour = state.labour[n];
    const double budget = state.levers.program_budget_usd_per_year[n];
    const double cost = state.levers.program_cost_per_participant_usd[n];
    labour.program_participants = budget > 0 && cost > 0 ? budget / cost : 0.0;
    const double at_risk = at_risk_share * world.figure_or(node, std::nullopt, "population", 0.0);
    const double reach = at_risk > 0 ? std::min(1.0, labour.program_participants / at_risk) : 0.0;
    // The stipend (cost per participant, per month) is an option only for those reached.
    const double stipend = labour.program_participants > 0 ? cost / 12.0 : 0.0;
    labour.outside_wage_usd_per_month = state.legal_wage(node) + stipend * reach;
  }
}

class WorkforceModule final : public Module {
 public:
  explicit WorkforceModule(const WorkforceParameters& parameters) : p_(parameters) {}

  void initialize(ModelState& state) override {
    const auto& world = *state.world;
    for (size_t o = 0; o < world.organizations.size(); ++o) {
      const auto count = state.rng.agent_count(world.organizations[o].workers, state.scale,
                                               aggregate_entity(3, uint32_t(o)));
      for (uint64_t i = 0; i < count; ++i) hire(state, uint16_t(o));
    }
    // Baseline revenue per kg of throughput: what a kg moved pays at the start.
    unit_value_ref_.assign(state.organizations.size(), 0.0);
    for (size_t o = 0; o < state.organizations.size(); ++o) {
      const auto& org = state.organizations[o];
      if (org.throughput_ema_kg > 0) {
        unit_value_ref_[o] = org.revenue_ema_usd / org.throughput_ema_kg;
      }
    }
    update_outside_options(state, p_);
  }

  void step(ModelState& state) override {
    const auto& world = *state.world;
    const double years = state.years_per_step();
    const double step_weeks = state.calendar.step_days() / 7.0;
    const auto step = uint32_t(state.step);
    update_outside_options(state, p_);
    for (auto& labour : state.labour) {
      labour.left_trade = 0.0;
      labour.rehired = 0.0;
    }
    const double memory = 1.0 - std::exp(-step_weeks / p_.throughput_memory_weeks);
    const double adjust = 1.0 - std::exp(-step_weeks / p_.recruitment_adjust_weeks);
    const double demand_elasticity = p_.demand_elasticity;
    const double rent_elasticity = p_.rent_elasticity;
    const double tolerance = p_.layoff_tolerance;
    // Desired workforce: throughput times the baseline labour intensity, made leaner when
    // each kg moved pays less than at the start (falling rents leave less to pay wages with)
    // and when the outside option rises above the legal wage (recruits must be paid more, so
    // organisations economise on labour).
    desired_.assign(state.organizations.size(), 0.0);
    layoff_.assign(state.organizations.size(), 0.0);
    for (size_t o = 0; o < state.organizations.size(); ++o) {
      auto& org = state.organizations[o];
      const auto home = world.organizations[o].home;
      org.throughput_ema_kg += memory * (org.delivered_kg - org.throughput_ema_kg);
      org.revenue_ema_usd += memory * (org.revenue_usd - org.revenue_ema_usd);
      const double outside_ratio =
          state.labour[home].outside_wage_usd_per_month / state.legal_wage(home);
      const double unit_value =
          org.throughput_ema_kg > 0 && unit_value_ref_[o] > 0
              ? org.revenue_ema_usd / org.throughput_ema_kg / unit_value_ref_[o]
              : 1.0;
      desired_[o] = org.labour_intensity * org.throughput_ema_kg *
                    std::pow(std::clamp(unit_value, 1e-6, 1.0), rent_elasticity) *
                    std::pow(std::max(outside_ratio, 1e-9), -demand_elasticity);
      // Layoffs close the part of a surplus beyond the tolerance at the recruitment speed.
      const double current = org.workers / state.scale;
      const double excess = current - desired_[o] * (1.0 + tolerance);
      if (excess > 0 && current > 0) layoff_[o] = std::min(1.0, excess * adjust / current);
    }
    // Attrition includes arrests (Prieto-Curiel et al. 2023 count every exit); the baseline
    // arrests that the justice module draws on worker agents are taken out of it here.
    std::vector<double> leave(state.organizations.size());
    for (size_t o = 0; o < leave.size(); ++o) {
      const double arrests = state.justice[world.organizations[o].home].worker_arrest_per_year;
      leave[o] =
          probability_from_rate(std::max(0.0, p_.worker_attrition_per_year - arrests), years);
    }
    auto& w = state.workers;
    for (size_t i = 0; i < w.size(); ++i) {
      if (!w.active[i]) continue;
      const auto o = w.organization[i];
      const auto u = state.rng.uniforms(kWorkerAttritionStream, w.id[i], step);
      if (u[0] < leave[o] || u[1] < layoff_[o]) {
        w.active[i] = 0;
        --state.organizations[o].workers;
        state.labour[world.organizations[o].home].left_trade += 1.0 / state.scale;
      }
    }
    const double labour_share = p_.labour_share;
    const double sensitivity = p_.wage_sensitivity;
    const double rehire_share = p_.rehire_share;
    for (size_t o = 0; o < state.organizations.size(); ++o) {
      auto& org = state.organizations[o];
      const auto home = world.organizations[o].home;
      const double current = org.workers / state.scale;
      const double gap = desired_[o] - current;
      if (gap <= 0) continue;
      // Monthly drug wage per worker against the outside option at the organisation's home.
      const double steps_per_month = 30.4375 / state.calendar.step_days();
      const double drug_wage = labour_share * org.revenue_ema_usd * steps_per_month /
                               std::max(1.0, std::max(current, desired_[o]));
      const double outside = state.labour[home].outside_wage_usd_per_month;
      const double a = std::pow(drug_wage, sensitivity);
      const double b = std::pow(outside, sensitivity);
      const double acceptance = a + b > 0 ? a / (a + b) : 0.0;
      const uint64_t hires =
          state.rng.poisson(gap * adjust * acceptance * state.scale, kRecruitmentStream,
                            aggregate_entity(4, uint32_t(o)), step);
      for (uint64_t h = 0; h < hires; ++h) hire(state, uint16_t(o));
      // Organisations take back experienced former workers first, up to a share of hires.
      auto& labour = state.labour[home];
      const double back = std::min(labour.displaced, rehire_share * double(hires) / state.scale);
      labour.displaced -= back;
      labour.rehired += back;
    }
    for (auto& labour : state.labour) {
      labour.displaced += labour.left_trade;
      labour.displaced_after_workforce = labour.displaced;
    }
    // Drop departed workers now and then; order is kept, so results do not change.
    const size_t inactive = size_t(std::count(w.active.begin(), w.active.end(), uint8_t{0}));
    if (inactive * 4 > w.size()) compact(w);
  }

 private:
  WorkforceParameters p_;

  static void hire(ModelState& state, uint16_t o) {
    state.workers.id.push_back(state.next_worker_id++);
    state.workers.organization.push_back(o);
    state.workers.active.push_back(1);
    ++state.organizations[o].workers;
  }

  static void compact(WorkerAgents& w) {
    size_t out = 0;
    for (size_t i = 0; i < w.size(); ++i) {
      if (!w.active[i]) continue;
      w.id[out] = w.id[i];
      w.organization[out] = w.organization[i];
      w.active[out] = 1;
      ++out;
    }
    w.id.resize(out);
    w.organization.resize(out);
    w.active.resize(out);
  }

  std::vector<double> unit_value_ref_;  // per organisation, USD per kg at the start
  std::vector<double> desired_;         // per organisation, persons
  std::vector<double> layoff_;          // per organisation, probability this step
};

void report_workforce(const ModelState& state, MetricTable& t) {
  const auto& world = *state.world;
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    if (!world.nodes[n].is_market()) continue;
    t.put_node(Metric::dto_workers, n, 0.0);
    t.put_node(Metric::dto_count, n, 0.0);
  }
  for (size_t o = 0; o < state.organizations.size(); ++o) {
    const auto home = world.organizations[o].home;
    const auto& org = state.organizations[o];
    t.add(Metric::dto_workers, home, t.all_column(), double(org.workers) / state.scale);
    t.add(Metric::dto_workers, t.all_row(), t.all_column(), double(org.workers) / state.scale);
    if (org.active) {
      t.add(Metric::dto_count, home, t.all_column(), 1.0);
      t.add(Metric::dto_count, t.all_row(), t.all_column(), 1.0);
    }
  }
}

}  // namespace

const ModuleSpec& workforce_module() {
  static const ModuleSpec spec{
      .name = "workforce",
      .summary =
          "attrition, layoffs and recruitment of trafficking workers against the outside "
          "option (legal wage and program stipends); leavers join the displaced pool",
      .reads = {StatePart::levers, StatePart::organizations, StatePart::labour, StatePart::justice},
      .writes = {StatePart::workers, StatePart::labour, StatePart::organizations},
      .initialize_after = {"trafficking"},
      .step_after = {"trafficking"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<WorkforceModule>(
            WorkforceParameters::read(ParameterReader(context)));
      },
      .streams = {{kRecruitmentStream, "recruitment", "recruits per organisation and step"},
                  {kWorkerAttritionStream, "worker_attrition",
                   "quits and layoffs of worker agents"}},
      .metrics = {Metric::dto_workers, Metric::dto_count},
      .report = report_workforce};
  return spec;
}

}  // namespace narcosim
