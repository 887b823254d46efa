#pragma once
// Scenarios as JSON objects: what a program builds (a Python dict, a request to a server) rather
// than what a person writes. The object has the keys and values of a scenario file
// (../shared/interface.md) and is read by the same parser as YAML files, so the rules, defaults
// and messages are the same; only the place of a problem is given as a field path
// (`policies[1].countries[0]`) instead of a line and a column.
#include <string>

#include "narcosim/core/parameters.hpp"
#include "narcosim/model/scenario.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim::io {

// Parses a JSON object (text). Throws InputError whose diagnostics read
// "LABEL: FIELD.PATH: message"; a base scenario named by `extends` reports its own problems with
// its file, line and column. Relative paths in `extends` and `parameters_from` are relative to
// the working directory.
Scenario parse_scenario_json(const std::string& json_text, const std::string& label,
                             const World& world, const ParameterRegistry& registry);

// The scenario as a JSON object of the same form, resolved (every policy field explicit, choice
// fields by name, no `extends`): parse_scenario_json of it gives the same scenario back.
std::string scenario_to_json(const Scenario& scenario, const World& world);

}  // namespace narcosim::io
