// The policy module: at each step the levers start from the baseline and every policy in force,
// in scenario order, moves the levers of the places and substances it covers through its type's
// effects (src/policies/types/). Multipliers combine by product, payments and deployments by
// sum; a legal channel opened twice keeps the later policy's terms. What each lever does is in
// docs/ODD.md "Policies".
#include "narcosim/model/module.hpp"
#include "narcosim/model/policy.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

class PolicyModule final : public Module {
 public:
  explicit PolicyModule(std::vector<ActivePolicy> policies) : policies_(std::move(policies)) {}
  void initialize(ModelState& state) override { apply(state); }
  void step(ModelState& state) override { apply(state); }

 private:
  void apply(ModelState& state) const {
    state.levers.reset(state.world->nodes.size(), state.substance_count());
    for (const auto& policy : policies_) {
      apply_policy(policy, *state.world, state.step, state.years_per_step(), state.levers);
    }
  }

  std::vector<ActivePolicy> policies_;
};

}  // namespace

const ModuleSpec& policies_module() {
  static const ModuleSpec spec{
      .name = "policies",
      .summary = "sets the policy levers of every country and corridor for this step",
      .reads = {},
      .writes = {StatePart::levers},
      .initialize_after = {},
      .step_after = {},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<PolicyModule>(*context.policies);
      }};
  return spec;
}

}  // namespace narcosim
