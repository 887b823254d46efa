#include "narcosim/calibration/free_parameters.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "narcosim/io/csv.hpp"

namespace narcosim::calibration {

double FreeParameter::to_unit(double value) const {
  const double v = std::clamp(value, lower, upper);
  if (log_scale) return (std::log(v) - std::log(lower)) / (std::log(upper) - std::log(lower));
  return (v - lower) / (upper - lower);
}

double FreeParameter::from_unit(double unit) const {
  // exp(log(...)) can land an ulp outside the range (0.010000000000000004 for an upper bound of
  // 0.01), which the core's validation rightly refuses: the ends are the bounds themselves, and
  // what lies between stays within them.
  if (!(unit > 0.0)) return lower;
  if (unit >= 1.0) return upper;
  const double u = unit;
  const double value = log_scale
                           ? std::exp(std::log(lower) + u * (std::log(upper) - std::log(lower)))
                           : lower + u * (upper - lower);
  return std::clamp(value, lower, upper);
}

std::vector<FreeParameter> load_free_parameters(const std::string& path,
                                                const ParameterRegistry& registry) {
  const auto t = io::read_csv(path);
  const size_t c_name = t.column("name"), c_lower = t.column("lower"), c_upper = t.column("upper"),
               c_scale = t.column("scale"), c_why = t.column("why");
  std::vector<Diagnostic> problems;
  std::vector<FreeParameter> out;
  std::set<std::string> seen;
  for (const auto& row : t.rows) {
    FreeParameter p;
    p.name = row.fields[c_name].text;
    const auto* spec = registry.find(p.name);
    if (!spec) {
      problems.push_back({t.where(row, c_name), fmt::format("unknown parameter '{}'", p.name)});
      continue;
    }
    if (!seen.insert(p.name).second) {
      problems.push_back({t.where(row, c_name), fmt::format("'{}' is listed twice", p.name)});
    }
    const bool lower_ok = io::parse_number(row.fields[c_lower].text, p.lower);
    const bool upper_ok = io::parse_number(row.fields[c_upper].text, p.upper);
    if (!lower_ok) problems.push_back({t.where(row, c_lower), "expected a number"});
    if (!upper_ok) problems.push_back({t.where(row, c_upper), "expected a number"});
    if (lower_ok && upper_ok) {
      if (p.lower >= p.upper) {
        problems.push_back({t.where(row, c_upper), "expected upper > lower"});
      }
      if (p.lower < spec->min_value || p.upper > spec->max_value) {
        problems.push_back({t.where(row, c_lower),
                            fmt::format("prior range [{}, {}] leaves the registered range [{}, {}]",
                                        p.lower, p.upper, spec->min_value, spec->max_value)});
      }
    }
    const auto& scale = row.fields[c_scale].text;
    if (scale != "linear" && scale != "log") {
      problems.push_back({t.where(row, c_scale), "expected linear or log"});
    }
    p.log_scale = scale == "log";
    if (p.log_scale && p.lower <= 0) {
      problems.push_back({t.where(row, c_lower), "a log scale needs lower > 0"});
    }
    p.why = row.fields[c_why].text;
    if (p.why.empty()) problems.push_back({t.where(row, c_why), "say why the parameter is free"});
    p.start =
        std::clamp(spec->default_value, std::min(p.lower, p.upper), std::max(p.lower, p.upper));
    out.push_back(std::move(p));
  }
  if (out.empty() && problems.empty()) {
    problems.push_back({SourceLocation{path, 1, 1}, "no free parameters"});
  }
  if (!problems.empty()) throw InputError(problems);
  return out;
}

}  // namespace narcosim::calibration
