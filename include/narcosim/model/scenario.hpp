#pragma once
// A scenario is data: what to run, from when to when, with which parameter overrides and
// policies. Parsed and validated by io/scenario_parser.hpp; run by run/engine.hpp.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "narcosim/core/calendar.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim {

struct PolicySpec {
  std::string type;
  std::vector<std::string> places;  // as written: ISO3, corridor ids or group names
  std::vector<NodeIndex> nodes;     // resolved
  std::vector<SubstanceIndex> substances;
  Date start{};
  std::optional<Date> end;
  std::map<std::string, double> fields;  // every field of the type, defaults filled in
};

struct Scenario {
  std::string name;
  std::string description;
  Date start{};
  Date end{};
  int step_days = 7;
  uint64_t seed = 1;
  double scale = 0.01;
  std::vector<std::pair<std::string, double>> parameters;  // overrides, in file order
  std::vector<PolicySpec> policies;
  std::string source_file;
};

}  // namespace narcosim
