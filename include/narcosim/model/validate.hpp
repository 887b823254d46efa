#pragma once
// The core's check of a scenario against a world: whoever built the scenario (a YAML file,
// --set and --vary, the Python module, a server request), the Engine runs none that fails it.
// The YAML layer checks the same rules as it reads, with file, line and column; this is the
// guarantee behind it (tests/unit/validate_test.cpp, fuzz/scenario_fuzz.cpp).
#include <string>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/model/scenario.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim {

struct ScenarioProblem {
  std::string field;  // where: "end", "parameters.demand.cocaine.price_elasticity",
                      // "policies[3].multiplier" (policies counted from 0)
  std::string message;
};

// Every problem of `scenario` (empty when it can run): the period and step within the limits of
// model/scenario_limits.hpp, seed and scale in range, parameters known to `registry` and within
// their ranges (a name may repeat: the last value counts), policies of registered types on places
// and substances of `world`, with fields the type declares, within their ranges, and coherent
// dates.
std::vector<ScenarioProblem> validate(const Scenario& scenario, const World& world,
                                      const ParameterRegistry& registry);

// Throws InputError listing every problem (at "FILE: field: message", FILE being the
// scenario's source file or "scenario").
void require_valid(const Scenario& scenario, const World& world, const ParameterRegistry& registry);

}  // namespace narcosim
