#pragma once
// The parameters a calibration may move (data/calibration/free_parameters.csv): each a
// registered parameter with a prior range inside its registered range, searched on a linear or
// a log scale, and the reason it is free.
#include <string>
#include <vector>

#include "narcosim/core/parameters.hpp"

namespace narcosim::calibration {

struct FreeParameter {
  std::string name;
  double lower = 0.0;
  double upper = 0.0;
  bool log_scale = false;  // search log(value): ranges that span an order of magnitude or more
  double start = 0.0;      // registered default, clipped into [lower, upper]
  std::string why;
  // Position in [0, 1] of the search space <-> parameter value.
  [[nodiscard]] double to_unit(double value) const;
  [[nodiscard]] double from_unit(double unit) const;
};

// Throws InputError (file, line, column) for unknown names, ranges outside the registered
// range, lower >= upper, log scale with lower <= 0, duplicates or a missing reason.
std::vector<FreeParameter> load_free_parameters(const std::string& path,
                                                const ParameterRegistry& registry);

}  // namespace narcosim::calibration
