#include "narcosim/io/scenario_json.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/model/policy.hpp"

namespace narcosim::io {

namespace {

using Json = nlohmann::ordered_json;

// A JSON value as YAML that the scenario parser reads, one key or list item per line, with the
// field path and key of every line: the parser's FILE:LINE:COL becomes a field path.
class PathedYaml {
 public:
  struct Line {
    std::string path;  // policies[1].countries[0]
    std::string key;   // the mapping key written on the line; empty for a list item
  };

  void container(const Json& value, const std::string& path, size_t indent) {
    if (value.is_object()) {
      for (const auto& [key, item] : value.items()) {
        auto head = std::string(indent, ' ');
        head += quoted(key);
        head += ':';
        auto item_path = path;
        if (!item_path.empty()) item_path += '.';
        item_path += key;
        nested(item, head, item_path, key, indent);
      }
    } else {
      for (size_t i = 0; i < value.size(); ++i) {
        nested(value[i], std::string(indent, ' ') + "-", fmt::format("{}[{}]", path, i), "",
               indent);
      }
    }
  }

  [[nodiscard]] const std::string& text() const { return text_; }
  // The line's path and key (1-based line); nullptr beyond the text.
  [[nodiscard]] const Line* line(int number) const {
    return number >= 1 && size_t(number) <= lines_.size() ? &lines_[size_t(number) - 1] : nullptr;
  }

 private:
  static std::string quoted(const std::string& text) {
    // A JSON string is a YAML double-quoted scalar with the same escapes.
    return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
  }

  void nested(const Json& item, const std::string& head, const std::string& path,
              const std::string& key, size_t indent) {
    if (item.is_structured() && !item.empty()) {
      add(head, path, key);
      container(item, path, indent + 2);
    } else {
      add(head + " " + flat(item), path, key);
    }
  }

  static std::string flat(const Json& value) {
    if (value.is_string()) return quoted(value.get<std::string>());
    if (value.is_object()) return "{}";
    if (value.is_array()) return "[]";
    return value.dump();  // numbers (shortest text that reads back), true, false, null
  }

  void add(const std::string& content, const std::string& path, const std::string& key) {
    text_ += content;
    text_ += '\n';
    lines_.push_back({path, key});
  }

  std::string text_;
  std::vector<Line> lines_;
};

// The parser's message without the key it starts with when the path already ends in that key
// ("multiplier: 50 is out of range" or "interdiction.multiplier: 50 ..." at
// policies[0].multiplier).
std::string without_key(const std::string& message, const std::string& key) {
  const size_t colon = message.find(": ");
  if (key.empty() || colon == std::string::npos) return message;
  const std::string_view head(message.data(), colon);
  const bool names_key = head == key || (head.size() > key.size() && head.ends_with(key) &&
                                         head[head.size() - key.size() - 1] == '.');
  return names_key ? message.substr(colon + 2) : message;
}

}  // namespace

Scenario parse_scenario_json(const std::string& json_text, const std::string& label,
                             const World& world, const ParameterRegistry& registry) {
  Json root;
  try {
    root = Json::parse(json_text);
  } catch (const Json::parse_error& e) {
    throw InputError(SourceLocation{label, 0, 0},
                     fmt::format("not valid JSON at byte {}: {}", e.byte, e.what()));
  } catch (const Json::exception& e) {
    // A number beyond the range of a double (out_of_range, found by scenario_json_fuzz).
    throw InputError(SourceLocation{label, 0, 0}, fmt::format("not valid JSON: {}", e.what()));
  }
  if (!root.is_object()) {
    throw InputError(SourceLocation{label, 0, 0},
                     "expected an object of scenario keys (name, start, end, policies, ...)");
  }
  PathedYaml yaml;
  yaml.container(root, "", 0);
  const std::string text = root.empty() ? std::string("{}\n") : yaml.text();
  try {
    return parse_scenario_text(text, label, world, registry);
  } catch (const InputError& e) {
    std::vector<Diagnostic> located;
    located.reserve(e.diagnostics().size());
    for (const auto& d : e.diagnostics()) {
      const auto* line = d.where.file == label ? yaml.line(d.where.line) : nullptr;
      if (line == nullptr) {
        // Another file's problem (a base scenario) keeps its line; one about the whole object
        // has no path.
        Diagnostic kept = d;
        if (d.where.file == label) kept.where = SourceLocation{label, 0, 0};
        located.push_back(std::move(kept));
        continue;
      }
      located.push_back(
          {SourceLocation{label, 0, 0}, line->path + ": " + without_key(d.message, line->key)});
    }
    throw InputError(std::move(located));
  }
}

std::string scenario_to_json(const Scenario& scenario, const World& world) {
  Json out = Json::object();
  out["name"] = scenario.name;
  if (!scenario.description.empty()) out["description"] = scenario.description;
  out["start"] = format_iso_date(scenario.start);
  out["end"] = format_iso_date(scenario.end);
  out["step_days"] = scenario.step_days;
  out["seed"] = scenario.seed;
  out["scale"] = scenario.scale;
  if (!scenario.parameters.empty()) {
    Json parameters = Json::object();
    for (const auto& [name, value] : scenario.parameters) parameters[name] = value;
    out["parameters"] = parameters;
  }
  if (!scenario.policies.empty()) {
    Json policies = Json::array();
    for (const auto& policy : scenario.policies) {
      const auto* type = find_policy_type(policy.type);
      Json p = Json::object();
      if (!policy.id.empty()) p["id"] = policy.id;
      p["type"] = policy.type;
      p["countries"] = policy.places;
      if (!policy.substances.empty()) {
        Json substances = Json::array();
        for (const auto s : policy.substances) substances.push_back(world.substances[s].id);
        p["substances"] = substances;
      }
      p["start"] = format_iso_date(policy.start);
      if (policy.end) p["end"] = format_iso_date(*policy.end);
      for (const auto& field : type->fields) {
        const double value = policy.fields.at(field.name);
        if (field.is_choice()) {
          p[field.name] = field.choices[size_t(value)];
        } else {
          p[field.name] = value;
        }
      }
      policies.push_back(p);
    }
    out["policies"] = policies;
  }
  return out.dump(2, ' ', false, Json::error_handler_t::replace);
}

}  // namespace narcosim::io
