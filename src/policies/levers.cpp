// The policy module: at each step, the levers start from the baseline and every policy in
// force moves the levers of the nodes it covers. Policies combine multiplicatively
// (multipliers) or additively (payments).
#include "narcosim/model/module.hpp"
#include "narcosim/model/policy.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

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
    state.levers.reset(state.world->nodes.size());
    for (const auto& policy : policies_) {
      if (state.step < policy.start_step || state.step >= policy.end_step) continue;
      for (const auto node : policy.nodes) {
        if (policy.type == "interdiction") {
          state.levers.interdiction_multiplier[node] *= policy.field("multiplier");
        } else if (policy.type == "eradication") {
          state.levers.eradication_multiplier[node] *= policy.field("multiplier");
        } else if (policy.type == "treatment") {
          state.levers.treatment_multiplier[node] *= policy.field("multiplier");
        } else if (policy.type == "alternative_development") {
          state.levers.alt_dev_support_usd_per_ha[node] += policy.field("support_usd_per_ha");
        }
      }
    }
  }
  std::vector<ActivePolicy> policies_;
};

}  // namespace

std::unique_ptr<Module> make_policy_module(std::vector<ActivePolicy> policies) {
  return std::make_unique<PolicyModule>(std::move(policies));
}

}  // namespace narcosim
