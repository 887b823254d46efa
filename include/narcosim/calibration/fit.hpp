#pragma once
// How well model values match the targets: a weighted log error, and the shares of targets
// within a factor of 1.5 and of 2 of the observed value.
#include <cstddef>
#include <string>
#include <vector>

#include "narcosim/calibration/targets.hpp"

namespace narcosim::calibration {

struct FitScore {
  double loss = 0.0;        // weighted mean of log(model / observed)^2
  double within_1_5 = 0.0;  // share of targets within a factor 1.5
  double within_2 = 0.0;    // share within a factor 2
  size_t count = 0;
};

// Beyond this factor a target is counted as this far off: the model is then structurally wrong
// there (for example no route through the country) and the fit should not chase it at the
// expense of targets it can reach.
constexpr double kMaxFactorOff = 10.0;

// log(model / observed), bounded at kMaxFactorOff either way; a missing or non-positive model
// value counts as the bound.
double log_error(double model, double observed);

// Scores the targets `indices` of `set` against `model` (one value per target of the set).
// Each indicator's weight (target_map.csv) is shared equally by its targets among `indices`,
// so an indicator with 150 rows weighs no more than its weight says.
FitScore score(const TargetSet& set, const std::vector<size_t>& indices,
               const std::vector<double>& model);

// The fit of one indicator over a set of targets.
struct IndicatorFit {
  std::string indicator;
  size_t count = 0;
  size_t within_1_5 = 0;
  size_t within_2 = 0;
  double factor_off = 1.0;  // geometric mean of max(model/observed, observed/model)
};

// Per indicator (in name order), over the targets of `indices` that have a model value.
std::vector<IndicatorFit> fit_by_indicator(const TargetSet& set, const std::vector<size_t>& indices,
                                           const std::vector<double>& model);

// A terminal table of fit_by_indicator over every target with a model value; empty when none.
std::string fit_table(const TargetSet& set, const std::vector<double>& model);

}  // namespace narcosim::calibration
