#include "flag_checks.hpp"

#include <fmt/format.h>

#include <cmath>

#include "narcosim/io/csv.hpp"
#include "narcosim/io/limits.hpp"

namespace narcosim::cli {

namespace {

CLI::Validator whole_in(double lower, double upper, const std::string& what) {
  return CLI::Validator(
      [lower, upper, what](std::string& input) -> std::string {
        double value = 0.0;
        if (!io::parse_number(input, value) || value != std::floor(value)) {
          return fmt::format("expected {}, found '{}'", what, input);
        }
        if (value < lower || value > upper) {
          return fmt::format("{} must be in [{:.0f}, {:.0f}]", input, lower, upper);
        }
        return {};
      },
      fmt::format("{} in [{:.0f}, {:.0f}]", what, lower, upper));
}

}  // namespace

CLI::Validator finite_in(double lower, double upper) {
  return CLI::Validator(
      [lower, upper](std::string& input) -> std::string {
        double value = 0.0;
        if (!io::parse_number(input, value)) {
          return fmt::format("expected a finite number, found '{}'", input);
        }
        if (value < lower || value > upper) {
          return fmt::format("{} is out of range [{}, {}]", input, lower, upper);
        }
        return {};
      },
      fmt::format("in [{}, {}]", lower, upper));
}

CLI::Validator seed_range() {
  return whole_in(0, double(io::limits::kMaxSeed), "a whole-number seed");
}

CLI::Validator run_count() {
  return whole_in(1, double(io::limits::kRuns), "a whole number of runs");
}

CLI::Validator not_empty() {
  return CLI::Validator(
      [](std::string& input) -> std::string {
        return input.empty() ? std::string("expected at least one item, found an empty value")
                             : std::string();
      },
      "NONEMPTY");
}

}  // namespace narcosim::cli
