// The workforce of trafficking organisations: worker agents who leave (arrest, death,
// quitting) and are recruited as the organisation's throughput calls for them, more readily
// where the drug wage beats the legal wage (model brief s2.2; seed 004). See docs/ODD.md
// "Workforce".
#include <algorithm>
#include <cmath>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

class WorkforceModule final : public Module {
 public:
  [[nodiscard]] std::string_view name() const override { return "workforce"; }
  [[nodiscard]] std::string_view summary() const override {
    return "attrition and recruitment of trafficking workers against the legal wage";
  }

  void initialize(ModelState& state) override {
    const auto& world = *state.world;
    for (size_t o = 0; o < world.organizations.size(); ++o) {
      const auto count = state.rng.agent_count(world.organizations[o].workers, state.scale,
                                               aggregate_entity(3, uint32_t(o)));
      for (uint64_t i = 0; i < count; ++i) hire(state, uint16_t(o));
    }
  }

  void step(ModelState& state) override {
    const auto& world = *state.world;
    const double years = state.years_per_step();
    const double step_weeks = state.calendar.step_days() / 7.0;
    const double leave =
        probability_from_rate(state.param("trafficking.worker_attrition_per_year"), years);
    const auto step = uint32_t(state.step);
    auto& w = state.workers;
    for (size_t i = 0; i < w.size(); ++i) {
      if (!w.active[i]) continue;
      if (state.rng.uniform(Stream::worker_attrition, w.id[i], step) < leave) {
        w.active[i] = 0;
        --state.organizations[w.organization[i]].workers;
      }
    }
    const double memory =
        1.0 - std::exp(-step_weeks / state.param("trafficking.throughput_memory_weeks"));
    const double adjust =
        1.0 - std::exp(-step_weeks / state.param("trafficking.recruitment_adjust_weeks"));
    const double labour_share = state.param("trafficking.labour_share");
    const double sensitivity = state.param("trafficking.wage_sensitivity");
    for (size_t o = 0; o < state.organizations.size(); ++o) {
      auto& org = state.organizations[o];
      org.throughput_ema_kg += memory * (org.delivered_kg - org.throughput_ema_kg);
      org.revenue_ema_usd += memory * (org.revenue_usd - org.revenue_ema_usd);
      const double current = org.workers / state.scale;
      const double desired = org.labour_intensity * org.throughput_ema_kg;
      const double gap = desired - current;
      if (gap > 0) {
        // Monthly drug wage per worker against the legal wage at the organisation's home.
        const double steps_per_month = 30.4375 / state.calendar.step_days();
        const double drug_wage = labour_share * org.revenue_ema_usd * steps_per_month /
                                 std::max(1.0, std::max(current, desired));
        const double legal_wage = world.figure_or(world.organizations[o].home, std::nullopt,
                                                  "legal_wage_usd_per_month", 300.0);
        const double a = std::pow(drug_wage, sensitivity);
        const double acceptance = a + std::pow(legal_wage, sensitivity) > 0
                                      ? a / (a + std::pow(legal_wage, sensitivity))
                                      : 0.0;
        const uint64_t hires =
            state.rng.poisson(gap * adjust * acceptance * state.scale, Stream::recruitment,
                              aggregate_entity(4, uint32_t(o)), step);
        for (uint64_t h = 0; h < hires; ++h) hire(state, uint16_t(o));
      }
    }
    // Drop departed workers now and then; order is kept, so results do not change.
    const size_t inactive = size_t(std::count(w.active.begin(), w.active.end(), uint8_t{0}));
    if (inactive * 4 > w.size()) compact(w);
  }

 private:
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
};

}  // namespace

std::unique_ptr<Module> make_workforce_module() {
  return std::make_unique<WorkforceModule>();
}

}  // namespace narcosim
