#include "narcosim/ensemble/run_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/csv.hpp"
#include "narcosim/io/limits.hpp"
#include "narcosim/io/scenario_writer.hpp"

namespace narcosim::ensemble {

namespace {

// FNV-1a: a digest that is stable across compilers and library versions (std::hash is not).
uint64_t fnv1a(const std::string& text, uint64_t h = 1469598103934665603ULL) {
  for (const unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

void set_parameter(Scenario& scenario, const std::string& name, double value) {
  for (auto& [key, v] : scenario.parameters) {
    if (key == name) {
      v = value;
      return;
    }
  }
  scenario.parameters.emplace_back(name, value);
}

SourceLocation at(size_t spec, size_t column) {
  return SourceLocation{"--vary", int(spec + 1), int(column + 1)};
}

calibration::FreeParameter registered(const ParameterSpec& spec) {
  calibration::FreeParameter p;
  p.name = spec.name;
  p.lower = spec.min_value;
  p.upper = spec.max_value;
  // Ranges spanning an order of magnitude are sampled on a log scale, as in the calibration.
  p.log_scale = p.lower > 0 && p.upper / p.lower >= 10.0;
  p.start = spec.default_value;
  p.why = "registered range";
  return p;
}

}  // namespace

Scenario RunPlan::scenario_for(const PlannedRun& run) const {
  Scenario scenario = scenarios.at(run.scenario);
  const auto& values = samples.at(run.sample);
  for (size_t i = 0; i < varied.size(); ++i) set_parameter(scenario, varied[i].name, values[i]);
  scenario.seed = run.seed;
  return scenario;
}

std::string RunPlan::fingerprint(const World& world, const std::string& model_version) const {
  uint64_t h = fnv1a(model_version);
  for (const auto& s : scenarios) h = fnv1a(io::scenario_to_yaml(s, world), h);
  for (const auto& p : varied) {
    h = fnv1a(fmt::format("{}|{:.17g}|{:.17g}|{}", p.name, p.lower, p.upper, p.log_scale), h);
  }
  h = fnv1a(design, h);
  for (size_t i = 0; i < samples.size(); ++i) {
    for (const double v : samples[i]) h = fnv1a(fmt::format("{:.17g},", v), h);
    h = fnv1a(fmt::format(";{}", sample_seed_offset.empty() ? 0 : sample_seed_offset[i]), h);
  }
  h = fnv1a(fmt::format("{}|{}", replicates, base_seed), h);
  return fmt::format("{:016x}", h);
}

void check_run_count(double runs, const std::string& flag) {
  if (runs > double(io::limits::kRuns)) {
    throw InputError(SourceLocation{flag, 1, 1},
                     fmt::format("this plan has {:.0f} runs; the limit is {} (about {} days on 2 "
                                 "cores at scale 0.001): split the study into several",
                                 runs, io::limits::kRuns,
                                 std::lround(double(io::limits::kRuns) * 0.26 / 86400.0)));
  }
}

void lay_out_runs(RunPlan& plan) {
  if (plan.samples.empty()) plan.samples.emplace_back();
  if (plan.sample_seed_offset.empty()) plan.sample_seed_offset.assign(plan.samples.size(), 0);
  check_run_count(
      double(plan.samples.size()) * double(plan.replicates) * double(plan.scenarios.size()),
      "--runs");
  const uint64_t largest_offset =
      *std::max_element(plan.sample_seed_offset.begin(), plan.sample_seed_offset.end());
  const double last_seed =
      double(plan.base_seed) + double(largest_offset) + double(plan.replicates) - 1.0;
  if (plan.replicates > 0 && last_seed > double(io::limits::kMaxSeed)) {
    throw InputError(SourceLocation{"--seed", 1, 1},
                     fmt::format("the runs would use seeds up to {:.0f}, beyond the largest seed "
                                 "{}: choose a smaller --seed",
                                 last_seed, io::limits::kMaxSeed));
  }
  plan.runs.clear();
  uint32_t id = 0;
  for (uint32_t sample = 0; sample < plan.samples.size(); ++sample) {
    for (uint32_t replicate = 0; replicate < plan.replicates; ++replicate) {
      for (uint32_t scenario = 0; scenario < plan.scenarios.size(); ++scenario) {
        const uint64_t seed = plan.base_seed + replicate + plan.sample_seed_offset[sample];
        plan.runs.push_back(PlannedRun{id++, scenario, sample, replicate, seed});
      }
    }
  }
}

std::vector<std::vector<double>> values_at(const std::vector<calibration::FreeParameter>& varied,
                                           const std::vector<std::vector<double>>& unit_points) {
  std::vector<std::vector<double>> out;
  out.reserve(unit_points.size());
  for (const auto& point : unit_points) {
    std::vector<double> values(varied.size());
    for (size_t i = 0; i < varied.size(); ++i) values[i] = varied[i].from_unit(point.at(i));
    out.push_back(std::move(values));
  }
  return out;
}

std::vector<calibration::FreeParameter> parse_varied(const std::vector<std::string>& specs,
                                                     const ParameterRegistry& registry) {
  std::vector<calibration::FreeParameter> out;
  std::vector<Diagnostic> problems;
  for (size_t i = 0; i < specs.size(); ++i) {
    const std::string& text = specs[i];
    const auto equals = text.find('=');
    const std::string name = text.substr(0, equals);
    std::vector<calibration::FreeParameter> matched;
    if (!name.empty() && name.back() == '*') {
      const std::string prefix = name.substr(0, name.size() - 1);
      for (const auto& spec : registry.specs()) {
        if (spec.name.starts_with(prefix) && spec.min_value < spec.max_value) {
          matched.push_back(registered(spec));
        }
      }
      if (matched.empty()) {
        problems.push_back({at(i, 0), fmt::format("no parameter starts with '{}'", prefix)});
        continue;
      }
    } else if (const auto* spec = registry.find(name)) {
      matched.push_back(registered(*spec));
    } else {
      const auto hints = registry.suggestions(name);
      problems.push_back(
          {at(i, 0),
           fmt::format("unknown parameter '{}'{}", name,
                       hints.empty() ? std::string()
                                     : fmt::format("; did you mean {}?", fmt::join(hints, ", ")))});
      continue;
    }
    if (equals != std::string::npos) {
      if (matched.size() != 1) {
        problems.push_back({at(i, equals), "a range needs one parameter, not a pattern"});
        continue;
      }
      auto& p = matched.front();
      const auto* spec = registry.find(p.name);
      const std::string range = text.substr(equals + 1);
      const auto colon = range.find(':');
      const auto second = colon == std::string::npos ? colon : range.find(':', colon + 1);
      const std::string scale = second == std::string::npos ? "" : range.substr(second + 1);
      const bool parsed = colon != std::string::npos &&
                          io::parse_number(range.substr(0, colon), p.lower) &&
                          io::parse_number(range.substr(colon + 1, second - colon - 1), p.upper);
      if (!parsed) {
        problems.push_back(
            {at(i, equals + 1), "expected NAME=LOWER:UPPER or NAME=LOWER:UPPER:log"});
        continue;
      }
      p.log_scale = scale == "log";
      p.why = "command line";
      if (!scale.empty() && scale != "log" && scale != "linear") {
        problems.push_back({at(i, equals + 2 + second), "expected the scale log or linear"});
      } else if (!(p.lower < p.upper)) {
        problems.push_back({at(i, equals + 1), "expected LOWER < UPPER"});
      } else if (p.lower < spec->min_value || p.upper > spec->max_value) {
        problems.push_back(
            {at(i, equals + 1),
             fmt::format("range [{}, {}] leaves the registered range [{}, {}] of {}", p.lower,
                         p.upper, spec->min_value, spec->max_value, p.name)});
      } else if (p.log_scale && p.lower <= 0) {
        problems.push_back({at(i, equals + 1), "a log scale needs LOWER > 0"});
      }
      p.start = std::clamp(spec->default_value, p.lower, p.upper);
    }
    for (auto& p : matched) {
      const bool duplicate =
          std::any_of(out.begin(), out.end(), [&p](const auto& q) { return q.name == p.name; });
      if (duplicate) {
        problems.push_back({at(i, 0), fmt::format("'{}' is varied twice", p.name)});
      } else {
        out.push_back(std::move(p));
      }
    }
  }
  if (!problems.empty()) throw InputError(problems);
  return out;
}

}  // namespace narcosim::ensemble
