#include "narcosim/calibration/fit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace narcosim::calibration {

double log_error(double model, double observed) {
  const double bound = std::log(kMaxFactorOff);
  // isgreater: quiet on a missing (NaN) model value, which counts as the worst miss.
  if (!std::isgreater(model, 0.0) || !std::isgreater(observed, 0.0)) return -bound;
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

std::vector<IndicatorFit> fit_by_indicator(const TargetSet& set, const std::vector<size_t>& indices,
                                           const std::vector<double>& model) {
  std::map<std::string, IndicatorFit> by_name;
  std::map<std::string, double> abs_log_sum;
  for (const auto i : indices) {
    if (std::isnan(model[i])) continue;
    const auto& target = set.targets[i];
    auto& fit = by_name[target.indicator];
    fit.indicator = target.indicator;
    const double e = std::abs(log_error(model[i], target.observed));
    ++fit.count;
    if (e <= std::log(1.5)) ++fit.within_1_5;
    if (e <= std::log(2.0)) ++fit.within_2;
    abs_log_sum[target.indicator] += e;
  }
  std::vector<IndicatorFit> out;
  for (auto& [name, fit] : by_name) {
    fit.factor_off = std::exp(abs_log_sum[name] / double(fit.count));
    out.push_back(fit);
  }
  return out;
}

std::string fit_table(const TargetSet& set, const std::vector<double>& model) {
  std::vector<size_t> all(set.targets.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  const auto fits = fit_by_indicator(set, all, model);
  if (fits.empty()) return {};
  std::string out = fmt::format("{:<44} {:>7} {:>11} {:>9} {:>10}\n", "observed indicator",
                                "targets", "within 1.5x", "within 2x", "factor off");
  for (const auto& f : fits) {
    out += fmt::format("{:<44} {:>7} {:>11} {:>9} {:>10.2f}\n", f.indicator, f.count, f.within_1_5,
                       f.within_2, f.factor_off);
  }
  return out;
}

}  // namespace narcosim::calibration
