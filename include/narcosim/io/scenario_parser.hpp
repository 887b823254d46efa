#pragma once
// Scenario files (YAML, ../shared/interface.md), strictly validated: unknown keys, wrong types,
// out-of-range values, unknown places, substances or policy types, bad or inverted dates and
// malformed YAML are all InputErrors with FILE:LINE:COL.
#include <string>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/model/scenario.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim::io {

Scenario parse_scenario_file(const std::string& path, const World& world,
                             const ParameterRegistry& registry);
Scenario parse_scenario_text(const std::string& text, const std::string& file_label,
                             const World& world, const ParameterRegistry& registry);

// Applies --set key=value overrides (a parameter name or one of seed, scale, start, end,
// step_days, name). Problems are reported as "--set:N:COL: message", N counting the flags.
void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments,
                     const World& world, const ParameterRegistry& registry);

}  // namespace narcosim::io
