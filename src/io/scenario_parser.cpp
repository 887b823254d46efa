#include "narcosim/io/scenario_parser.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/csv.hpp"
#include "narcosim/model/policy.hpp"

namespace narcosim::io {

namespace {

const std::set<std::string> kTopKeys = {"name", "description", "start",      "end",     "step_days",
                                        "seed", "scale",       "parameters", "policies"};
const std::set<std::string> kPolicyKeys = {"type", "countries", "substances", "start", "end"};

class Parser {
 public:
  Parser(std::string file, const World& world, const ParameterRegistry& registry)
      : file_(std::move(file)), world_(world), registry_(registry) {}

  Scenario parse(const YAML::Node& root) {
    Scenario scenario;
    scenario.source_file = file_;
    if (!root.IsMap()) {
      fail(root, "expected a mapping of scenario keys (name, start, end, policies, ...)");
      finish();
    }
    for (const auto& item : root) {
      const auto key = item.first.as<std::string>();
      if (!kTopKeys.count(key)) {
        fail(item.first, fmt::format("unknown key '{}'; expected one of: {}", key, join(kTopKeys)));
      }
    }
    scenario.name = text(root, "name", true).value_or("");
    scenario.description = text(root, "description", false).value_or("");
    const auto start = date(root, "start", true);
    const auto end = date(root, "end", true);
    if (start) scenario.start = *start;
    if (end) scenario.end = *end;
    if (start && end && *end <= *start) {
      fail(root["end"], fmt::format("end {} must be after start {}", format_iso_date(*end),
                                    format_iso_date(*start)));
    }
    if (root["step_days"])
      scenario.step_days = int(integer(root["step_days"], "step_days", 1, 366));
    if (root["seed"]) scenario.seed = uint64_t(integer(root["seed"], "seed", 0, 4294967295.0));
    if (root["scale"]) scenario.scale = number(root["scale"], "scale", 1e-6, 1.0);
    if (const auto parameters = root["parameters"]) {
      if (!parameters.IsMap()) {
        fail(parameters, "parameters: expected a mapping of parameter names to numbers");
      } else {
        for (const auto& item : parameters) {
          const auto name = item.first.as<std::string>();
          const auto* spec = registry_.find(name);
          if (!spec) {
            fail(item.first, unknown_parameter_message(name));
            continue;
          }
          scenario.parameters.emplace_back(
              name, number(item.second, name, spec->min_value, spec->max_value, spec->unit));
        }
      }
    }
    if (const auto policies = root["policies"]) {
      if (!policies.IsSequence()) {
        fail(policies, "policies: expected a list of policies");
      } else {
        for (const auto& item : policies) {
          if (auto policy = parse_policy(item, scenario)) scenario.policies.push_back(*policy);
        }
      }
    }
    finish();
    return scenario;
  }

  void fail(const YAML::Node& node, const std::string& message) {
    const auto mark = node.Mark();
    problems_.push_back({{file_, mark.line + 1, mark.column + 1}, message});
  }
  void finish() const {
    if (!problems_.empty()) throw InputError(problems_);
  }

  [[nodiscard]] std::string unknown_parameter_message(const std::string& name) const {
    auto message = fmt::format("unknown parameter '{}'", name);
    const auto close = registry_.suggestions(name);
    if (!close.empty())
      message += "; did you mean " + fmt::format("'{}'", fmt::join(close, "', '")) + "?";
    return message + " (narcosim schema lists them all)";
  }

  std::optional<std::string> text(const YAML::Node& parent, const char* key, bool required) {
    const auto node = parent[key];
    if (!node) {
      if (required) fail(parent, fmt::format("missing required key '{}'", key));
      return std::nullopt;
    }
    if (!node.IsScalar()) {
      fail(node, fmt::format("{}: expected a string", key));
      return std::nullopt;
    }
    return node.as<std::string>();
  }

  std::optional<Date> date(const YAML::Node& parent, const char* key, bool required) {
    const auto value = text(parent, key, required);
    if (!value) return std::nullopt;
    const auto parsed = parse_iso_date(*value);
    if (!parsed)
      fail(parent[key], fmt::format("{}: expected a date YYYY-MM-DD, found '{}'", key, *value));
    return parsed;
  }

  double number(const YAML::Node& node, const std::string& what, double lo, double hi,
                const std::string& unit = "") {
    double value = 0.0;
    if (!node.IsScalar() || !parse_number(node.as<std::string>(), value)) {
      fail(node, fmt::format("{}: expected a number", what));
      return lo;
    }
    if (value < lo || value > hi) {
      fail(node, fmt::format("{}: {} is out of range [{}, {}]{}", what, value, lo, hi,
                             unit.empty() ? "" : " " + unit));
      return std::clamp(value, lo, hi);
    }
    return value;
  }

  double integer(const YAML::Node& node, const std::string& what, double lo, double hi) {
    const double value = number(node, what, lo, hi);
    if (value != std::floor(value)) fail(node, fmt::format("{}: expected a whole number", what));
    return value;
  }

  double choice(const YAML::Node& node, const std::string& what,
                const std::vector<std::string>& options) {
    if (node.IsScalar()) {
      const auto value = node.as<std::string>();
      const auto it = std::find(options.begin(), options.end(), value);
      if (it != options.end()) return double(it - options.begin());
    }
    fail(node, fmt::format("{}: expected one of: {}", what, fmt::join(options, ", ")));
    return 0.0;
  }

  std::vector<std::string> strings(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out;
    if (node.IsScalar()) {
      out.push_back(node.as<std::string>());
    } else if (node.IsSequence()) {
      for (const auto& item : node) {
        if (!item.IsScalar()) {
          fail(item, what + ": expected a list of names");
          continue;
        }
        out.push_back(item.as<std::string>());
      }
    } else {
      fail(node, what + ": expected a list of names");
    }
    return out;
  }

  std::optional<PolicySpec> parse_policy(const YAML::Node& item, const Scenario& scenario) {
    if (!item.IsMap()) {
      fail(item, "a policy must be a mapping with type, countries, start, ...");
      return std::nullopt;
    }
    const auto type_name = text(item, "type", true);
    if (!type_name) return std::nullopt;
    const auto* type = find_policy_type(*type_name);
    if (!type) {
      std::vector<std::string> names;
      for (const auto& t : policy_types()) names.push_back(t.name);
      fail(item["type"], fmt::format("unknown policy type '{}'; expected one of: {}", *type_name,
                                     fmt::join(names, ", ")));
      return std::nullopt;
    }
    PolicySpec policy;
    policy.type = type->name;
    for (const auto& entry : item) {
      const auto key = entry.first.as<std::string>();
      const bool is_field = std::any_of(type->fields.begin(), type->fields.end(),
                                        [&](const PolicyField& f) { return f.name == key; });
      if (!kPolicyKeys.count(key) && !is_field) {
        std::vector<std::string> allowed(kPolicyKeys.begin(), kPolicyKeys.end());
        for (const auto& f : type->fields) allowed.push_back(f.name);
        fail(entry.first, fmt::format("unknown key '{}' for policy {}; expected one of: {}", key,
                                      type->name, fmt::join(allowed, ", ")));
      }
    }
    for (const auto& field : type->fields) {
      policy.fields[field.name] = field.default_value;
      const auto node = item[field.name];
      if (!node) continue;
      if (field.is_choice()) {
        policy.fields[field.name] = choice(node, type->name + "." + field.name, field.choices);
      } else {
        policy.fields[field.name] = number(node, type->name + "." + field.name, field.min_value,
                                           field.max_value, field.unit);
      }
    }
    if (const auto countries = item["countries"]) {
      for (const auto& place : strings(countries, "countries"))
        resolve_place(countries, place, *type, policy);
    } else {
      fail(item, fmt::format("policy {}: missing required key 'countries'", type->name));
    }
    if (const auto substances = item["substances"]; substances && !type->substance_specific) {
      fail(substances,
           fmt::format("policy {} applies to whole countries; remove 'substances'", type->name));
    } else if (substances) {
      for (const auto& id : strings(substances, "substances")) {
        const auto s = world_.substance_index(id);
        if (!s) {
          fail(substances, fmt::format("unknown substance '{}'; expected one of: {}", id,
                                       fmt::join(world_.substance_ids(), ", ")));
          continue;
        }
        policy.substances.push_back(*s);
      }
    }
    const auto start = date(item, "start", true);
    const auto end = date(item, "end", false);
    if (start) {
      policy.start = *start;
      if (*start < scenario.start || *start > scenario.end) {
        fail(item["start"],
             fmt::format("policy start {} is outside the run {} to {}", format_iso_date(*start),
                         format_iso_date(scenario.start), format_iso_date(scenario.end)));
      }
    }
    if (end) {
      policy.end = *end;
      if (start && *end < *start) {
        fail(item["end"], fmt::format("policy end {} is before its start {}", format_iso_date(*end),
                                      format_iso_date(*start)));
      } else if (*end > scenario.end) {
        fail(item["end"], fmt::format("policy end {} is after the end of the run {}",
                                      format_iso_date(*end), format_iso_date(scenario.end)));
      }
    }
    return policy;
  }

  void resolve_place(const YAML::Node& node, const std::string& place, const PolicyType& type,
                     PolicySpec& policy) {
    policy.places.push_back(place);
    std::vector<NodeIndex> nodes;
    if (const auto index = world_.node_index(place)) {
      nodes.push_back(*index);
    } else if (const auto group = world_.group(place)) {
      nodes = *group;
    } else {
      std::vector<std::string> ids;
      for (const auto& n : world_.nodes) ids.push_back(n.id);
      fail(node, fmt::format("unknown country, corridor or group '{}'; expected an id from "
                             "data/nodes.csv ({}) or a group ({})",
                             place, fmt::join(ids, ", "), fmt::join(world_.group_names(), ", ")));
      return;
    }
    for (const auto n : nodes) {
      if (world_.nodes[n].kind == NodeKind::corridor && !type.corridors_allowed) {
        fail(node, fmt::format("policy {} applies to countries, not to the corridor '{}'",
                               type.name, world_.nodes[n].id));
        continue;
      }
      if (std::find(policy.nodes.begin(), policy.nodes.end(), n) == policy.nodes.end()) {
        policy.nodes.push_back(n);
      }
    }
  }

  static std::string join(const std::set<std::string>& keys) {
    return fmt::format("{}", fmt::join(keys, ", "));
  }

 private:
  std::string file_;
  const World& world_;
  const ParameterRegistry& registry_;
  std::vector<Diagnostic> problems_;
};

}  // namespace

Scenario parse_scenario_text(const std::string& text, const std::string& file_label,
                             const World& world, const ParameterRegistry& registry) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw InputError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1},
                     "malformed YAML: " + e.msg);
  }
  Parser parser(file_label, world, registry);
  try {
    return parser.parse(root);
  } catch (const YAML::Exception& e) {
    throw InputError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

Scenario parse_scenario_file(const std::string& path, const World& world,
                             const ParameterRegistry& registry) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, "cannot open scenario file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_scenario_text(buffer.str(), path, world, registry);
}

void apply_overrides(Scenario& scenario, const std::vector<std::string>& assignments,
                     const World& world, const ParameterRegistry& registry) {
  (void)world;
  std::vector<Diagnostic> problems;
  for (size_t i = 0; i < assignments.size(); ++i) {
    const auto& assignment = assignments[i];
    const auto line = int(i + 1);
    const auto equals = assignment.find('=');
    auto fail = [&](int column, const std::string& message) {
      problems.push_back({{"--set", line, column}, message});
    };
    if (equals == std::string::npos || equals == 0) {
      fail(1, fmt::format("expected key=value, found '{}'", assignment));
      continue;
    }
    const auto key = assignment.substr(0, equals);
    const auto value = assignment.substr(equals + 1);
    const int value_column = int(equals + 2);
    double number = 0.0;
    const bool numeric = parse_number(value, number);
    if (key == "name") {
      scenario.name = value;
    } else if (key == "start" || key == "end") {
      const auto d = parse_iso_date(value);
      if (!d) {
        fail(value_column, fmt::format("{}: expected a date YYYY-MM-DD, found '{}'", key, value));
        continue;
      }
      (key == "start" ? scenario.start : scenario.end) = *d;
      if (scenario.end <= scenario.start) fail(value_column, "end must be after start");
    } else if (key == "seed" || key == "step_days") {
      if (!numeric || number < (key == "seed" ? 0 : 1) || number != std::floor(number) ||
          number > (key == "seed" ? 4294967295.0 : 366.0)) {
        fail(value_column,
             fmt::format("{}: expected a whole number in range, found '{}'", key, value));
        continue;
      }
      if (key == "seed") {
        scenario.seed = uint64_t(number);
      } else {
        scenario.step_days = int(number);
      }
    } else if (key == "scale") {
      if (!numeric || number < 1e-6 || number > 1.0) {
        fail(value_column,
             fmt::format("scale: expected a number in [1e-06, 1], found '{}'", value));
        continue;
      }
      scenario.scale = number;
    } else if (const auto* spec = registry.find(key)) {
      if (!numeric) {
        fail(value_column, fmt::format("{}: expected a number, found '{}'", key, value));
      } else if (number < spec->min_value || number > spec->max_value) {
        fail(value_column, fmt::format("{}: {} is out of range [{}, {}] {}", key, number,
                                       spec->min_value, spec->max_value, spec->unit));
      } else {
        std::erase_if(scenario.parameters, [&](const auto& p) { return p.first == key; });
        scenario.parameters.emplace_back(key, number);
      }
    } else {
      auto message = fmt::format("unknown parameter '{}'", key);
      const auto close = registry.suggestions(key);
      if (!close.empty()) message += fmt::format("; did you mean '{}'?", fmt::join(close, "', '"));
      fail(1, message);
    }
  }
  if (!problems.empty()) throw InputError(problems);
}

}  // namespace narcosim::io
