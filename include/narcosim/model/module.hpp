#pragma once
// A mechanism of the model. Modules run in a fixed, printable order (narcosim plan) and each
// is timed; a module reads and writes ModelState only.
#include <memory>
#include <string_view>
#include <vector>

#include "narcosim/model/policy.hpp"

namespace narcosim {

struct ModelState;

class Module {
 public:
  Module() = default;
  Module(const Module&) = delete;
  Module& operator=(const Module&) = delete;
  virtual ~Module() = default;
  [[nodiscard]] virtual std::string_view name() const = 0;
  [[nodiscard]] virtual std::string_view summary() const = 0;
  virtual void initialize(ModelState& state) = 0;
  virtual void step(ModelState& state) = 0;
};

std::unique_ptr<Module> make_policy_module(std::vector<ActivePolicy> policies);
std::unique_ptr<Module> make_production_module();
std::unique_ptr<Module> make_trafficking_module();
std::unique_ptr<Module> make_workforce_module();
std::unique_ptr<Module> make_markets_module();
std::unique_ptr<Module> make_demand_module();
std::unique_ptr<Module> make_justice_module();
std::unique_ptr<Module> make_violence_module();
std::unique_ptr<Module> make_public_money_module();

}  // namespace narcosim
