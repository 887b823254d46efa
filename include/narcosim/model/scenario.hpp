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
  std::string id;  // optional name, so that a scenario extending this one can remove it
  std::string type;
  std::vector<std::string> places;  // as written: ISO3, corridor ids or group names
  std::vector<NodeIndex> nodes;     // resolved
  std::vector<SubstanceIndex> substances;
  Date start{};  // may be before the run's start: then in force from the first step
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
  // Overrides, one per name: parameters_from file, then the base's and the file's own
  // parameters: (later ones replace earlier ones of the same name).
  std::vector<std::pair<std::string, double>> parameters;
  std::vector<PolicySpec> policies;
  std::string source_file;
};

}  // namespace narcosim
