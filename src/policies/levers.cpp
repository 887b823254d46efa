// The policy module: at each step the levers start from the baseline and every policy in force
// moves the levers of the places and substances it covers. Multipliers combine by product,
// payments and deployments by sum; a legal channel opened twice keeps the later policy's terms.
// What each lever does is in docs/ODD.md "Policies"; the fields are in policy_registry.cpp.
#include <algorithm>
#include <cmath>
#include <limits>

#include "narcosim/model/module.hpp"
#include "narcosim/model/policy.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

// Linear ramp from 0 at the policy's start to 1 after `years` (1 at once when years is 0).
double ramp(const ModelState& state, const ActivePolicy& policy, double years) {
  const double elapsed = double(state.step - policy.start_step) * state.years_per_step();
  return years <= 0.0 ? 1.0 : std::clamp(elapsed / years, 0.0, 1.0);
}

class PolicyModule final : public Module {
 public:
  explicit PolicyModule(std::vector<ActivePolicy> policies) : policies_(std::move(policies)) {}
  [[nodiscard]] std::string_view name() const override { return "policies"; }
  [[nodiscard]] std::string_view summary() const override {
    return "sets the policy levers of every country and corridor for this step";
  }
  void initialize(ModelState& state) override { apply(state); }
  void step(ModelState& state) override { apply(state); }

 private:
  void apply(ModelState& state) const {
    const size_t substances = state.substance_count();
    state.levers.reset(state.world->nodes.size(), substances);
    for (const auto& policy : policies_) {
      if (state.step < policy.start_step || state.step >= policy.end_step) continue;
      for (const auto node : policy.nodes) {
        apply_node(state, policy, node);
        for (size_t s = 0; s < substances; ++s) {
          const auto substance = SubstanceIndex(s);
          const bool covered = policy.substances.empty() ||
                               std::find(policy.substances.begin(), policy.substances.end(),
                                         substance) != policy.substances.end();
          if (covered) apply_cell(state, policy, node, substance);
        }
      }
    }
  }

  // Country-wide levers.
  static void apply_node(ModelState& state, const ActivePolicy& policy, NodeIndex node) {
    auto& l = state.levers;
    const auto& type = policy.type;
    const bool first_step = state.step == policy.start_step;
    if (type == "ease_sentences") {
      l.sentence_multiplier_minor[node] *= policy.field("sentence_multiplier");
      if (first_step) l.review_release_share[node] = policy.field("review_release_share");
    } else if (type == "amnesty") {
      if (first_step) l.amnesty_release_share[node] = policy.field("release_share");
      l.grower_prosecution[node] *= policy.field("grower_prosecution");
    } else if (type == "militarization") {
      l.military_troops[node] +=
          policy.field("troops") * ramp(state, policy, policy.field("rampup_years"));
    } else if (type == "national_guard") {
      // The guard takes over from every deployment in force: the military part shrinks to
      // zero over the phase (policies are applied in file order, so list militarization first).
      const double phase = ramp(state, policy, policy.field("phase_years"));
      l.military_troops[node] *= 1.0 - phase;
      l.guard_troops[node] += policy.field("guard_size") * phase;
    } else if (type == "kingpin_strategy") {
      l.leader_removals_per_year[node] += policy.field("removals_per_year");
    } else if (type == "social_programs") {
      // Several programs: budgets add; the cost per participant is the budget-weighted mean.
      const double budget = policy.field("budget_usd_per_year");
      const double old_budget = l.program_budget_usd_per_year[node];
      const double old_participants =
          old_budget > 0 ? old_budget / l.program_cost_per_participant_usd[node] : 0.0;
      const double participants =
          old_participants + budget / policy.field("cost_per_participant_usd_per_year");
      l.program_budget_usd_per_year[node] = old_budget + budget;
      if (participants > 0) {
        l.program_cost_per_participant_usd[node] = (old_budget + budget) / participants;
      }
    } else if (type == "gun_flow_reduction") {
      l.firearm_target[node] *= 1.0 - policy.field("reduction");
      l.firearm_adjust_years[node] = policy.field("adjustment_years");
    } else if (type == "seizure_compensation") {
      // Recipients are every other country; they reinvest what they receive.
      const double reinvest = policy.field("reinvest_share");
      for (size_t n = 0; n < l.compensation_reinvest_share.size(); ++n) {
        l.compensation_reinvest_share[n] = std::max(l.compensation_reinvest_share[n], reinvest);
      }
    }
  }

  // Levers of one substance in one country or corridor.
  static void apply_cell(ModelState& state, const ActivePolicy& policy, NodeIndex node,
                         SubstanceIndex substance) {
    auto& l = state.levers;
    const size_t cell = state.cell(node, substance);
    const auto& type = policy.type;
    if (type == "interdiction") {
      l.interdiction_multiplier[cell] *= policy.field("multiplier");
    } else if (type == "eradication") {
      l.eradication_multiplier[cell] *= policy.field("multiplier");
    } else if (type == "treatment") {
      l.treatment_multiplier[cell] *= policy.field("multiplier");
    } else if (type == "alternative_development") {
      l.alt_dev_support_usd_per_ha[cell] += policy.field("support_usd_per_ha");
      l.alt_dev_community[cell] = std::max(l.alt_dev_community[cell], policy.field("coverage"));
    } else if (type == "legalize_transport") {
      l.legal_transport_share[cell] =
          std::max(l.legal_transport_share[cell], policy.field("licensed_share"));
    } else if (type == "decriminalize_possession") {
      l.possession_threshold_days[cell] =
          std::max(l.possession_threshold_days[cell], policy.field("threshold_days_supply"));
      l.treatment_referral_per_year[cell] += policy.field("referral_per_year");
    } else if (type == "medical_production") {
      l.medical_licensed_ha[cell] += policy.field("licensed_ha");
      l.medical_price_ratio[cell] = policy.field("price_ratio");
      l.medical_diversion_share[cell] = policy.field("diversion_share");
    } else if (type == "legal_market") {
      open_legal_market(state, policy, cell);
    } else if (type == "seizure_compensation") {
      l.compensation_share[cell] += policy.field("share");
    } else if (type == "legalize_all") {
      legalize_everything(state, policy, node, substance);
    }
  }

  static void open_legal_market(ModelState& state, const ActivePolicy& policy, size_t cell) {
    auto& channel = state.levers.legal_channel[cell];
    const bool commercial = policy.field("regime") > 0.5;
    const double years_open = double(state.step - policy.start_step) * state.years_per_step();
    channel.regime = commercial ? LegalRegime::commercial : LegalRegime::registry;
    channel.price_usd_per_g =
        std::max(policy.field("price_floor_usd_per_g"),
                 policy.field("price_usd_per_g") *
                     std::pow(1.0 - policy.field("price_decline_per_year"), years_open));
    channel.excise_rate = policy.field("excise_rate");
    channel.quota_g_per_month = policy.field("quota_g_per_month");
    channel.access_share =
        policy.field("access_share") * ramp(state, policy, policy.field("rollout_years"));
  }

  static void legalize_everything(ModelState& state, const ActivePolicy& policy, NodeIndex node,
                                  SubstanceIndex substance) {
    auto& l = state.levers;
    const size_t cell = state.cell(node, substance);
    l.legal_transport_share[cell] = 1.0;
    l.possession_threshold_days[cell] = std::numeric_limits<double>::infinity();
    l.interdiction_multiplier[cell] = 0.0;
    l.eradication_multiplier[cell] = 0.0;
    l.grower_prosecution[node] = 0.0;
    const auto reference = state.world->figure(node, substance, "price_retail_usd_per_g");
    if (!reference) return;  // no consumer market for it here: transport and growing only
    auto& channel = l.legal_channel[cell];
    channel.regime = LegalRegime::commercial;
    channel.price_usd_per_g = *reference * policy.field("price_ratio");
    channel.excise_rate = policy.field("excise_rate");
    channel.quota_g_per_month = 0.0;
    channel.access_share =
        policy.field("access_share") * ramp(state, policy, policy.field("rollout_years"));
  }

  std::vector<ActivePolicy> policies_;
};

}  // namespace

std::unique_ptr<Module> make_policy_module(std::vector<ActivePolicy> policies) {
  return std::make_unique<PolicyModule>(std::move(policies));
}

}  // namespace narcosim
