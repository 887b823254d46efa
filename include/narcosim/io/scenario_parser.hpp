#pragma once
// Scenario files (YAML, ../shared/interface.md), strictly validated: unknown keys, wrong types,
// out-of-range values, unknown places, substances or policy types, bad or inverted dates and
// malformed YAML are all InputErrors with FILE:LINE:COL.
//
// `extends: PATH` (relative to the file) inherits start, end, step_days, seed, scale,
// parameters and policies from a base scenario; the file's own keys override them, its
// policies are appended after the base's, and `remove: [id, ...]` drops base policies by
// their `id`. `parameters_from: PATH` reads a file whose only key is `parameters:`.
// Precedence: defaults < parameters_from < base's parameters < own parameters < --set.
// The result is self-contained: no trace of extends or parameters_from remains.
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
// When the period changes, policies never in force in it are dropped and ends beyond it are
// moved to the run's end, as for policies inherited through `extends`.
void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments,
                     const World& world, const ParameterRegistry& registry);

}  // namespace narcosim::io
