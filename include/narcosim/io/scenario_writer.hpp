#pragma once
// Writes a scenario back as YAML in the format scenario_parser.hpp reads, with every policy
// field explicit (defaults filled in): the resolved scenario a run used, and the round trip
// parse -> write -> parse is the identity (tests/unit/scenario_writer_test.cpp).
#include <string>

#include "narcosim/model/scenario.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim::io {

std::string scenario_to_yaml(const Scenario& scenario, const World& world);

}  // namespace narcosim::io
