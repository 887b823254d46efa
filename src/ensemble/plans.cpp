#include "narcosim/ensemble/plans.hpp"

#include <fmt/format.h>

#include <cmath>

#include "narcosim/core/errors.hpp"

namespace narcosim::ensemble {

namespace {

SourceLocation option(const std::string& prefix, const char* name) {
  return SourceLocation{prefix + name, 1, 1};
}

std::string label(const Scenario& s) {
  return s.source_file.empty() ? s.name : s.source_file;
}

// Whether `design` samples parameters (a grid, several samples, or parameters given).
bool samples_parameters(const EnsembleDesign& design) {
  return design.design == "grid" || design.samples > 1 || !design.varied.empty();
}

}  // namespace

RunPlan ensemble_plan(Scenario scenario, const EnsembleDesign& design,
                      const std::string& option_prefix) {
  RunPlan plan;
  plan.base_seed = scenario.seed;
  plan.scenarios.push_back(std::move(scenario));
  const bool grid = design.design == "grid";
  if (design.design != "lhs" && !grid) {
    throw InputError(option(option_prefix, "design"),
                     fmt::format("unknown design '{}'; expected lhs or grid", design.design));
  }
  if (design.runs < 1) {
    throw InputError(option(option_prefix, "runs"),
                     fmt::format("{}runs must be at least 1, not {}", option_prefix, design.runs));
  }
  size_t samples = 1;
  if (samples_parameters(design)) {
    if (design.varied.empty()) {
      throw InputError(option(option_prefix, "vary"),
                       "a design of several samples needs parameters to vary");
    }
    plan.varied = design.varied;
    if (grid) {
      if (design.levels < 1) {
        throw InputError(option(option_prefix, "levels"),
                         fmt::format("a grid needs {}levels L (values per parameter, at least 1)",
                                     option_prefix));
      }
      check_run_count(std::pow(double(design.levels), double(plan.varied.size())),
                      option_prefix + "levels");
      const auto points = full_grid(plan.varied.size(), size_t(design.levels));
      plan.samples = values_at(plan.varied, points);
      plan.design = "grid";
    } else {
      if (design.samples < 1) {
        throw InputError(option(option_prefix, "samples"),
                         fmt::format("{}samples must be at least 1", option_prefix));
      }
      const auto points =
          latin_hypercube(plan.varied.size(), size_t(design.samples), plan.base_seed);
      plan.samples = values_at(plan.varied, points);
      plan.design = "lhs";
    }
    samples = plan.samples.size();
  } else {
    plan.design = "replicates";
  }
  if (size_t(design.runs) % samples != 0) {
    throw InputError(option(option_prefix, "runs"),
                     fmt::format("{}runs {} is not a multiple of the {} parameter samples "
                                 "(runs = samples x replicates)",
                                 option_prefix, design.runs, samples));
  }
  plan.replicates = uint32_t(size_t(design.runs) / samples);
  lay_out_runs(plan);
  return plan;
}

RunPlan paired_plan(Scenario a, Scenario b, int pairs, const std::string& option_prefix) {
  if (a.start != b.start || a.end != b.end || a.step_days != b.step_days) {
    throw InputError(
        SourceLocation{label(b), 0, 0},
        fmt::format("compare needs the same period and step: {} runs {} to {} every "
                    "{} days, this one {} to {} every {} days",
                    label(a), format_iso_date(a.start), format_iso_date(a.end), a.step_days,
                    format_iso_date(b.start), format_iso_date(b.end), b.step_days));
  }
  if (pairs < 1) {
    throw InputError(option(option_prefix, "runs"),
                     fmt::format("{}runs must be at least 1, not {}", option_prefix, pairs));
  }
  // Common random numbers: B runs at A's scale with A's seeds.
  b.scale = a.scale;
  if (a.name == b.name) b.name += "-b";
  RunPlan plan;
  plan.base_seed = a.seed;
  plan.design = "paired";
  plan.replicates = uint32_t(pairs);
  plan.scenarios.push_back(std::move(a));
  plan.scenarios.push_back(std::move(b));
  lay_out_runs(plan);
  return plan;
}

RunPlan morris_plan(const MorrisDesign& design, Scenario scenario,
                    std::vector<calibration::FreeParameter> varied, uint32_t replicates) {
  RunPlan plan;
  plan.base_seed = scenario.seed;
  plan.scenarios.push_back(std::move(scenario));
  plan.varied = std::move(varied);
  plan.design = "morris";
  plan.replicates = replicates;
  std::vector<UnitPoint> parameters_only;
  parameters_only.reserve(design.points.size());
  const size_t per = design.dimensions + 1;
  for (size_t i = 0; i < design.points.size(); ++i) {
    const auto& point = design.points[i];
    parameters_only.emplace_back(point.begin(), point.end() - 1);
    const auto level = uint64_t(std::lround(point.back() * double(design.levels - 1)));
    plan.sample_seed_offset.push_back((uint64_t(i / per) * design.levels + level) * replicates);
  }
  plan.samples = values_at(plan.varied, parameters_only);
  lay_out_runs(plan);
  return plan;
}

}  // namespace narcosim::ensemble
