#include "narcosim/calibration/fit.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace narcosim::calibration {

double log_error(double model, double observed) {
  const double bound = std::log(kMaxFactorOff);
  if (!(model > 0.0) || !(observed > 0.0)) return -bound;
  return std::clamp(std::log(model / observed), -bound, bound);
}

FitScore score(const TargetSet& set, const std::vector<size_t>& indices,
               const std::vector<double>& model) {
  FitScore out;
  std::map<std::string, size_t> per_indicator;
  for (const auto i : indices) ++per_indicator[set.targets[i].indicator];
  double weighted = 0.0;
  double weights = 0.0;
  size_t within_1_5 = 0;
  size_t within_2 = 0;
  for (const auto i : indices) {
    const auto& target = set.targets[i];
    const double e = log_error(model[i], target.observed);
    const double w = target.group_weight / double(per_indicator[target.indicator]);
    weighted += w * e * e;
    weights += w;
    if (std::abs(e) <= std::log(1.5)) ++within_1_5;
    if (std::abs(e) <= std::log(2.0)) ++within_2;
  }
  out.count = indices.size();
  if (out.count == 0) return out;
  out.loss = weights > 0 ? weighted / weights : 0.0;
  out.within_1_5 = double(within_1_5) / double(out.count);
  out.within_2 = double(within_2) / double(out.count);
  return out;
}

}  // namespace narcosim::calibration
