#pragma once
// Bounds on what a scenario may ask of the model, whoever builds it (a YAML file, --set, the
// Python module, the server): validate() (model/validate.hpp) enforces them. Each is far above
// any real use and far below what would exhaust a laptop; docs/reliability.md lists them.
#include <cstddef>
#include <cstdint>

namespace narcosim::limits {

// Policies of a resolved scenario (a base and its children). The baseline has about 40.
inline constexpr size_t kPolicies = 10000;

// The run's period: the model starts from the world of c.2010 (data/) and its policy history
// from 1990; projections beyond 2100 are not meaningful.
inline constexpr int kFirstRunYear = 1990;
inline constexpr int kLastYear = 2100;
// Policy dates may lie before the run (history in force from its first step).
inline constexpr int kFirstPolicyYear = 1900;
// Steps of one run: 2010-2030 in daily steps is 7,305; 10,000 steps write about 4 GB of
// timeseries.csv.
inline constexpr long kSteps = 10000;

// Seeds: one range everywhere (scenario files, --seed, --set seed=, ensembles' last seed).
inline constexpr uint64_t kMaxSeed = 4294967295ULL;

// A run's agents per real person.
inline constexpr double kMinScale = 1e-6;
inline constexpr double kMaxScale = 1.0;
// Days per step: one day to one year.
inline constexpr int kMaxStepDays = 366;

}  // namespace narcosim::limits
