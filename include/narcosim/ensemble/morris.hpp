#pragma once
// Elementary-effects screening (Morris 1991) of one model output over a MorrisDesign: per
// dimension of the design, the mean effect mu, the mean absolute effect mu* (Campolongo,
// Cariboni & Saltelli 2007), which does not let effects of opposite sign cancel, and their
// standard deviation sigma, which is large when the effect depends on where in the cube it is
// taken (non-linearity or interactions). Saltelli et al. (2008), "Global Sensitivity Analysis:
// The Primer", ch. 3, describes the method.
#include <cstddef>
#include <vector>

#include "narcosim/ensemble/design.hpp"

namespace narcosim::ensemble {

struct MorrisMeasures {
  size_t dimension = 0;
  // In output units per unit of the dimension's range: the design works in the unit cube, so
  // an elementary effect is (y(x + step e_d) - y(x)) / step.
  double mu = 0.0;
  double mu_star = 0.0;
  double sigma = 0.0;  // sample standard deviation (n - 1); NaN with fewer than two effects
  // mu* x delta / |mean output over the design|: the typical relative change of the output for
  // one Morris step of this dimension, comparable across outputs of different units. NaN when
  // the mean output is 0.
  double mu_star_scaled = 0.0;
  size_t rank = 0;     // 1 = largest mu*; dimensions without effects come last
  size_t effects = 0;  // elementary effects used: trajectories whose two points have a value
};

struct MorrisAnalysis {
  double output_mean = 0.0;              // over the design points that have a value
  std::vector<MorrisMeasures> measures;  // one per dimension, in dimension order
};

// `outputs` holds one value per design point (design.points order); NaN marks a point without
// a value (a run that did not report the output), whose effects are left out.
// Throws std::invalid_argument if the sizes do not match.
MorrisAnalysis analyse_morris(const MorrisDesign& design, const std::vector<double>& outputs);

}  // namespace narcosim::ensemble
