#include "narcosim/model/validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "narcosim/core/errors.hpp"
#include "narcosim/core/utf8.hpp"
#include "narcosim/model/policy.hpp"
#include "narcosim/model/scenario_limits.hpp"

namespace narcosim {

namespace {

bool year_within(Date date, int first, int last) {
  return year_of(date) >= first && year_of(date) <= last;
}

class Checker {
 public:
  Checker(const World& world, const ParameterRegistry& registry)
      : world_(world), registry_(registry) {}

  void scenario(const Scenario& s) {
    name(s.name);
    period(s);
    if (s.seed > limits::kMaxSeed) {
      fail("seed",
           fmt::format("expected a whole number in [0, {}], found {}", limits::kMaxSeed, s.seed));
    }
    if (!(s.scale >= limits::kMinScale && s.scale <= limits::kMaxScale)) {
      fail("scale", fmt::format("expected a number in [{}, {}], found {}", limits::kMinScale,
                                limits::kMaxScale, s.scale));
    }
    parameters(s.parameters);
    if (s.policies.size() > limits::kPolicies) {
      fail("policies", fmt::format("{} policies; at most {} are allowed", s.policies.size(),
                                   limits::kPolicies));
      return;
    }
    for (size_t i = 0; i < s.policies.size(); ++i) policy(s.policies[i], i);
  }

  std::vector<ScenarioProblem> problems() && { return std::move(problems_); }

 private:
  void fail(std::string field, std::string message) {
    problems_.push_back({std::move(field), std::move(message)});
  }

  // The name labels every output row and, made safe, names the output directory.
  void name(const std::string& n) {
    if (n.find_first_not_of(" \t") == std::string::npos) {
      fail("name", "expected a non-empty name");
    } else if (invalid_utf8_offset(n) != std::string::npos) {
      fail("name", "not UTF-8 text");
    } else if (n.size() > 200) {
      fail("name", "at most 200 characters");
    } else if (std::any_of(n.begin(), n.end(), [](char c) {
                 const auto u = static_cast<unsigned char>(c);
                 return u < 0x20 || u == 0x7f;
               })) {
      fail("name", "control characters (line breaks, tabs) are not allowed");
    }
  }

  void period(const Scenario& s) {
    if (s.step_days < 1 || s.step_days > limits::kMaxStepDays) {
      fail("step_days", fmt::format("expected a whole number in [1, {}], found {}",
                                    limits::kMaxStepDays, s.step_days));
      return;
    }
    if (s.end <= s.start) {
      fail("end", fmt::format("end {} must be after start {}", format_iso_date(s.end),
                              format_iso_date(s.start)));
      return;
    }
    if (!year_within(s.start, limits::kFirstRunYear, limits::kLastYear) ||
        !year_within(s.end, limits::kFirstRunYear, limits::kLastYear)) {
      fail("start", fmt::format("the run must lie within {}-01-01 and {}-12-31, found {} to {}",
                                limits::kFirstRunYear, limits::kLastYear, format_iso_date(s.start),
                                format_iso_date(s.end)));
      return;
    }
    const long steps = (s.end - s.start).count() / s.step_days + 1;
    if (steps > limits::kSteps) {
      fail("end", fmt::format("the run has {} steps of {} days; at most {} are allowed", steps,
                              s.step_days, limits::kSteps));
    }
  }

  void parameters(const std::vector<std::pair<std::string, double>>& overrides) {
    for (const auto& [key, value] : overrides) {
      const auto field = "parameters." + key;
      const auto* spec = registry_.find(key);
      if (!spec) {
        auto message = fmt::format("unknown parameter '{}'", excerpt(key));
        const auto close = registry_.suggestions(key);
        if (!close.empty()) {
          message += fmt::format("; did you mean '{}'?", fmt::join(close, "', '"));
        }
        fail(field, message);
        continue;
      }
      if (!(value >= spec->min_value && value <= spec->max_value)) {
        fail(field, fmt::format("{} is out of range [{}, {}] {}", value, spec->min_value,
                                spec->max_value, spec->unit));
      }
    }
  }

  void policy(const PolicySpec& p, size_t index) {
    const auto at = [&](std::string_view what) {
      return fmt::format("policies[{}]{}{}", index, what.empty() ? "" : ".", what);
    };
    const auto* type = find_policy_type(p.type);
    if (!type) {
      std::vector<std::string> names;
      for (const auto& t : policy_types()) names.push_back(t.name);
      fail(at("type"), fmt::format("unknown policy type '{}'; expected one of: {}", excerpt(p.type),
                                   fmt::join(names, ", ")));
      return;
    }
    if (p.nodes.empty()) fail(at("countries"), "list at least one country, corridor or group");
    for (const auto node : p.nodes) {
      if (node >= world_.nodes.size()) {
        fail(at("countries"),
             fmt::format("no node {} in the world ({} nodes)", node, world_.nodes.size()));
      } else if (world_.nodes[node].kind == NodeKind::coast) {
        fail(at("countries"),
             fmt::format("'{}' is a coast: policies apply to its country", world_.nodes[node].id));
      } else if (world_.nodes[node].kind == NodeKind::corridor && !type->corridors_allowed) {
        fail(at("countries"), fmt::format("policy {} applies to countries, not to the corridor "
                                          "'{}'",
                                          type->name, world_.nodes[node].id));
      }
    }
    if (!p.substances.empty() && !type->substance_specific) {
      fail(at("substances"),
           fmt::format("policy {} applies to whole countries; remove 'substances'", type->name));
    }
    for (const auto s : p.substances) {
      if (s >= world_.substances.size()) {
        fail(at("substances"), fmt::format("no substance {} in the world ({} substances)", s,
                                           world_.substances.size()));
      }
    }
    for (const auto& [key, value] : p.fields) {
      const auto* field = type->field(key);
      if (!field) {
        fail(at(key), fmt::format("policy {} has no field '{}'", type->name, excerpt(key)));
      } else if (!(value >= field->min_value && value <= field->max_value)) {
        fail(at(key), fmt::format("{} is out of range [{}, {}] {}", value, field->min_value,
                                  field->max_value, field->unit));
      } else if (field->is_choice() && value != std::floor(value)) {
        fail(at(key), fmt::format("expected the index of one of its {} options, found {}",
                                  field->choices.size(), value));
      }
    }
    const auto policy_year_ok = [](Date d) {
      return year_within(d, limits::kFirstPolicyYear, limits::kLastYear);
    };
    if (!policy_year_ok(p.start) || (p.end && !policy_year_ok(*p.end))) {
      fail(at("start"), fmt::format("policy dates lie within {}-01-01 and {}-12-31",
                                    limits::kFirstPolicyYear, limits::kLastYear));
    }
    if (p.end && *p.end < p.start) {
      fail(at("end"), fmt::format("policy end {} is before its start {}", format_iso_date(*p.end),
                                  format_iso_date(p.start)));
    }
  }

  const World& world_;
  const ParameterRegistry& registry_;
  std::vector<ScenarioProblem> problems_;
};

}  // namespace

std::vector<ScenarioProblem> validate(const Scenario& scenario, const World& world,
                                      const ParameterRegistry& registry) {
  Checker checker(world, registry);
  checker.scenario(scenario);
  return std::move(checker).problems();
}

void require_valid(const Scenario& scenario, const World& world,
                   const ParameterRegistry& registry) {
  const auto problems = validate(scenario, world, registry);
  if (problems.empty()) return;
  const std::string file = scenario.source_file.empty() ? "scenario" : scenario.source_file;
  std::vector<Diagnostic> diagnostics;
  diagnostics.reserve(problems.size());
  for (const auto& p : problems) {
    diagnostics.push_back({SourceLocation{file, 0, 0}, p.field + ": " + p.message});
  }
  throw InputError(std::move(diagnostics));
}

}  // namespace narcosim
