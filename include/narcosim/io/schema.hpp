#pragma once
// JSON Schema of scenario files, generated from the parameter and policy registries and the
// world's places, so it never drifts from what the parser accepts.
#include <string>

#include "narcosim/core/parameters.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim::io {

std::string scenario_schema_json(const World& world, const ParameterRegistry& registry);
// Markdown table of every parameter (unit, default, range, source) for docs/parameters.md.
std::string parameter_table_markdown(const ParameterRegistry& registry);
// Human-readable list of policy types and their fields (narcosim policies).
std::string policy_listing(const World& world);

}  // namespace narcosim::io
