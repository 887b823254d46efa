#pragma once
// The result of one run of an ensemble, as it travels from a worker (a thread, or another MPI
// rank) to the process that stores it.
#include <cstdint>
#include <string>
#include <vector>

#include "narcosim/ensemble/yearly_series.hpp"

namespace narcosim::ensemble {

struct RunRecord {
  uint32_t run_id = 0;
  double wall_seconds = 0.0;
  int32_t steps = 0;
  double max_relative_mass_error = 0.0;
  std::vector<SeriesValue> values;
};

// A flat byte image for MPI messages (same machine architecture on every rank).
std::string encode(const RunRecord& record);
// Throws std::runtime_error on a truncated or malformed image.
RunRecord decode(const std::string& bytes);

}  // namespace narcosim::ensemble
