#pragma once
// Validators for command-line flags that CLI11's own checks get wrong for narcosim: a range
// check that lets NaN through (`--scale nan` passed CLI::Range), and the one seed range.
#include <CLI/CLI.hpp>

namespace narcosim::cli {

// A finite number in [lower, upper] (NaN, infinities and trailing text are refused).
CLI::Validator finite_in(double lower, double upper);
// A whole number in [0, limits::kMaxSeed], as in scenario files and --set seed=.
CLI::Validator seed_range();
// A whole number of runs in [1, limits::kRuns].
CLI::Validator run_count();
// A value that is not empty (an empty list would silently mean "all").
CLI::Validator not_empty();

}  // namespace narcosim::cli
