#pragma once
// Run plans for the three kinds of ensemble, as the CLI, the Python module and a server build
// them: an ensemble of one scenario (replicates, or a Latin hypercube or grid over parameters),
// a paired comparison of two scenarios with common random numbers, and a Morris screening.
// Errors are InputErrors that name the option at fault, with `option_prefix` before its name
// ("--runs" for the CLI, "runs" for keyword arguments).
#include <cstdint>
#include <string>
#include <vector>

#include "narcosim/calibration/free_parameters.hpp"
#include "narcosim/ensemble/design.hpp"
#include "narcosim/ensemble/run_plan.hpp"

namespace narcosim::ensemble {

struct EnsembleDesign {
  std::string design = "lhs";  // lhs | grid; replicates only when nothing varies
  int runs = 1;                // samples x replicates
  int samples = 1;             // points of a Latin hypercube
  int levels = 0;              // values per parameter of a grid
  // The parameters to vary; must be given for a hypercube of several samples or a grid.
  std::vector<calibration::FreeParameter> varied;
};

// The plan of `design` over `scenario`, seeds from scenario.seed on: replicate r of every
// sample runs with seed + r (common random numbers across samples). The hypercube is drawn from
// scenario.seed, so the same scenario and design give the same plan.
RunPlan ensemble_plan(Scenario scenario, const EnsembleDesign& design,
                      const std::string& option_prefix = "--");

// `pairs` runs of A and of B with the same seeds (A's, from a.seed on) and A's scale. A and B
// must cover the same period with the same step; B is renamed "<name>-b" if both share a name.
RunPlan paired_plan(Scenario a, Scenario b, int pairs, const std::string& option_prefix = "--");

// One run per point of a Morris design and replicate. The design's last dimension is a dummy
// seed factor, whose level selects the seeds of a point: every point of trajectory t whose
// dummy is at grid level l runs with seeds base + (t x levels + l) x replicates + replicate.
// The dummy moves once per trajectory, so the points before and after that step differ only in
// their random numbers, and every parameter's step is taken with common random numbers.
RunPlan morris_plan(const MorrisDesign& design, Scenario scenario,
                    std::vector<calibration::FreeParameter> varied, uint32_t replicates);

}  // namespace narcosim::ensemble
