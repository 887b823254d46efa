#include "narcosim/io/scenario_parser.hpp"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/csv.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/limits.hpp"
#include "narcosim/io/text.hpp"
#include "narcosim/model/policy.hpp"

namespace narcosim::io {

namespace {

const std::set<std::string> kTopKeys = {"name",   "description", "extends",    "parameters_from",
                                        "remove", "start",       "end",        "step_days",
                                        "seed",   "scale",       "parameters", "policies"};
const std::set<std::string> kPolicyKeys = {"id", "type", "countries", "substances", "start", "end"};

namespace fs = std::filesystem;

// A scenario as parsed, with its parameter overrides kept in two layers so that a child
// scenario can replace the base's `parameters_from` file without losing the base's own
// `parameters:` (precedence: defaults < parameters_from < base's parameters < own parameters).
struct Resolved {
  Scenario scenario;
  std::vector<std::pair<std::string, double>> from_file;  // parameters_from, in file order
  std::vector<std::pair<std::string, double>> own;        // parameters: of the chain, merged
};

// Later values replace earlier ones of the same name; first-appearance order is kept apart from
// that, so the resolved list has one entry per parameter.
void merge_parameters(std::vector<std::pair<std::string, double>>& into,
                      const std::vector<std::pair<std::string, double>>& later) {
  for (const auto& entry : later) {
    const auto it = std::find_if(into.begin(), into.end(),
                                 [&](const auto& p) { return p.first == entry.first; });
    if (it != into.end()) {
      it->second = entry.second;
    } else {
      into.push_back(entry);
    }
  }
}

bool has_yaml_extension(const fs::path& path) {
  const auto extension = path.extension().string();
  return extension == ".yaml" || extension == ".yml";
}

// Mapping keys that appear twice (yaml-cpp keeps both and lookups see only the first) and
// nesting deeper than any scenario needs; walks the whole tree.
void check_structure(const YAML::Node& node, const std::string& file_label, int depth,
                     std::vector<Diagnostic>& problems) {
  const auto mark = node.Mark();
  if (depth > limits::kYamlDepth) {
    problems.push_back({{file_label, mark.line + 1, mark.column + 1},
                        fmt::format("nested more than {} levels deep", limits::kYamlDepth)});
    return;
  }
  if (node.IsMap()) {
    std::vector<std::pair<std::string, YAML::Mark>> seen;
    for (const auto& item : node) {
      if (item.first.IsScalar()) {
        const auto key = item.first.Scalar();
        const auto first = std::find_if(seen.begin(), seen.end(),
                                        [&key](const auto& s) { return s.first == key; });
        const auto here = item.first.Mark();
        if (first != seen.end()) {
          problems.push_back({{file_label, here.line + 1, here.column + 1},
                              fmt::format("duplicate key '{}' (first at line {}); a key may "
                                          "appear once in a mapping",
                                          excerpt(key), first->second.line + 1)});
        } else {
          seen.emplace_back(key, here);
        }
      }
      check_structure(item.second, file_label, depth + 1, problems);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) check_structure(item, file_label, depth + 1, problems);
  }
}

// Receives parser events and keeps only where the document started: enough to tell whether a
// text holds a second document.
class DocumentStarts final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { last = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
  YAML::Mark last;
};

YAML::Node load_yaml(const std::string& text, const std::string& file_label) {
  // YAML is Unicode; other bytes would parse, then break the JSON manifest and the
  // scenario.yaml a run writes (found by fuzz/scenario_fuzz).
  require_utf8(text, file_label);
  YAML::Node root;
  try {
    root = YAML::Load(text);
    // A second document would be ignored: refuse it. Not YAML::LoadAll, which loops for ever
    // (allocating all the while) on some malformed texts, such as one that starts with a comma
    // (yaml-cpp 0.7, upstream PR #1319; found by fuzz/scenario_fuzz): the parser is asked for
    // two documents at most.
    if (root.IsMap()) {
      std::istringstream stream(text);
      YAML::Parser parser(stream);
      DocumentStarts starts;
      if (parser.HandleNextDocument(starts) && parser.HandleNextDocument(starts)) {
        throw InputError(SourceLocation{file_label, starts.last.line + 1, starts.last.column + 1},
                         "a second YAML document ('---'): a scenario file holds exactly one");
      }
    }
  } catch (const YAML::ParserException& e) {
    throw InputError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1},
                     "malformed YAML: " + e.msg);
  }
  std::vector<Diagnostic> problems;
  check_structure(root, file_label, 0, problems);
  if (!problems.empty()) throw InputError(problems);
  return root;
}

// Reads a scenario or parameters file: a regular .yaml/.yml file within the size limit. On a
// problem, `report` gets the message (for the place that named the file) and nullopt returns.
template <typename Report>
std::optional<std::string> read_yaml_file(const fs::path& path, const std::string& what,
                                          Report report) {
  if (!has_yaml_extension(path)) {
    report(fmt::format("'{}' is not a {}: its name must end in .yaml or .yml",
                       excerpt(path.string()), what));
    return std::nullopt;
  }
  try {
    return read_regular_file(path.string(), limits::kScenarioFileBytes, what);
  } catch (const InputError& e) {
    report(e.diagnostics().front().message);
    return std::nullopt;
  }
}

// Why a scenario name cannot be used (empty when it can): it labels every output row and names
// the output directory (io::file_name_for).
std::string name_problem(const std::string& name) {
  if (name.find_first_not_of(" \t") == std::string::npos) return "name: expected a non-empty name";
  if (invalid_utf8_offset(name) != std::string::npos) return "name: not UTF-8 text";
  if (name.size() > 200) return "name: at most 200 characters";
  if (std::any_of(name.begin(), name.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
      })) {
    return "name: control characters (line breaks, tabs) are not allowed";
  }
  return {};
}

// Why a run's period cannot be simulated (empty when it can).
std::string period_problem(Date start, Date end, int step_days) {
  if (year_of(start) < limits::kFirstRunYear || year_of(end) > limits::kLastYear) {
    return fmt::format(
        "the run must lie within {}-01-01 and {}-12-31 (the model starts from the "
        "world of about 2010), found {} to {}",
        limits::kFirstRunYear, limits::kLastYear, format_iso_date(start), format_iso_date(end));
  }
  const long steps = (end - start).count() / std::max(1, step_days) + 1;
  if (steps > limits::kSteps) {
    return fmt::format(
        "the run has {} steps of {} days; at most {} are allowed (each step "
        "writes about 400 KB): use longer steps or a shorter period",
        steps, step_days, limits::kSteps);
  }
  return {};
}

bool policy_year_ok(Date date) {
  return year_of(date) >= limits::kFirstPolicyYear && year_of(date) <= limits::kLastYear;
}

// Identity of a file for cycle detection: the same file reached by two spellings is one file.
std::string file_identity(const fs::path& path) {
  std::error_code error;
  const auto canonical = fs::weakly_canonical(path, error);
  return (error ? path.lexically_normal() : canonical).string();
}

bool valid_id(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

// Policies the scenario did not write itself (inherited from a base, or kept when --set moves
// the period) are fitted to the run: one that is never in force during it is left out (a
// shorter period asks for exactly that), one that outlasts it ends with it. The resolved
// scenario then stays valid on its own.
void fit_policies_to_run(Scenario& scenario) {
  std::erase_if(scenario.policies, [&](const PolicySpec& p) {
    return p.start > scenario.end || (p.end && *p.end < scenario.start);
  });
  for (auto& p : scenario.policies) {
    if (p.end && *p.end > scenario.end) p.end = scenario.end;
  }
}

class Parser {
 public:
  // `chain`: identities of the files that extend this one (outermost first), for cycles.
  Parser(std::string file, const World& world, const ParameterRegistry& registry,
         std::vector<std::string> chain)
      : file_(std::move(file)), world_(world), registry_(registry), chain_(std::move(chain)) {}

  Scenario parse(const YAML::Node& root) {
    auto resolved = parse_resolved(root);
    finish();
    return std::move(resolved.scenario);
  }

  Resolved parse_resolved(const YAML::Node& root) {
    Resolved out;
    auto& scenario = out.scenario;
    scenario.source_file = file_;
    if (!root.IsMap()) {
      fail(root, "expected a mapping of scenario keys (name, start, end, policies, ...)");
      finish();
    }
    for (const auto& item : root) {
      const auto key = item.first.as<std::string>();
      if (!kTopKeys.count(key)) {
        fail(item.first,
             fmt::format("unknown key '{}'; expected one of: {}", excerpt(key), join(kTopKeys)));
      }
    }
    // The base scenario first: everything it sets is a default for this file.
    std::optional<Resolved> base;
    if (const auto extends = root["extends"]) base = load_base(key_of(root, "extends"), extends);
    const bool extending = bool(root["extends"]);
    if (base) {
      scenario.start = base->scenario.start;
      scenario.end = base->scenario.end;
      scenario.step_days = base->scenario.step_days;
      scenario.seed = base->scenario.seed;
      scenario.scale = base->scenario.scale;
      out.from_file = base->from_file;
      out.own = base->own;
    }
    scenario.name = text(root, "name", true).value_or("");
    if (root["name"] && root["name"].IsScalar()) {
      if (const auto problem = name_problem(scenario.name); !problem.empty()) {
        fail(root["name"], problem);
      }
    }
    scenario.description = text(root, "description", false).value_or("");
    if (std::any_of(scenario.description.begin(), scenario.description.end(), [](char c) {
          const auto u = static_cast<unsigned char>(c);
          return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7f;
        })) {
      fail(root["description"],
           "description: control characters other than line breaks and "
           "tabs are not allowed");
    }
    // start and end may come from the base; a broken base has reported its own problems.
    const auto start = date(root, "start", !extending);
    const auto end = date(root, "end", !extending);
    if (start) scenario.start = *start;
    if (end) scenario.end = *end;
    period_known_ = (start || base) && (end || base);
    if (period_known_ && scenario.end <= scenario.start) {
      const auto where = root["end"] ? root["end"] : (root["start"] ? root["start"] : root);
      fail(where, fmt::format("end {} must be after start {}", format_iso_date(scenario.end),
                              format_iso_date(scenario.start)));
    }
    if (root["step_days"])
      scenario.step_days = int(integer(root["step_days"], "step_days", 1, 366));
    if (period_known_ && scenario.end > scenario.start) {
      if (const auto problem = period_problem(scenario.start, scenario.end, scenario.step_days);
          !problem.empty()) {
        fail(root["end"] ? root["end"] : (root["start"] ? root["start"] : root), problem);
      }
    }
    if (root["seed"]) {
      scenario.seed = uint64_t(integer(root["seed"], "seed", 0, double(limits::kMaxSeed)));
    }
    if (root["scale"]) scenario.scale = number(root["scale"], "scale", 1e-6, 1.0);
    // This file's parameters_from replaces the base's; its own parameters: go on top of the
    // base's own parameters.
    if (const auto from = root["parameters_from"]) out.from_file = load_parameters_file(from);
    if (const auto parameters = root["parameters"])
      merge_parameters(out.own, parse_parameters(parameters));
    scenario.parameters = out.from_file;
    merge_parameters(scenario.parameters, out.own);
    // Policies: the base's (less those removed, and those outside this run), then this file's.
    std::vector<PolicySpec> inherited = base ? base->scenario.policies : std::vector<PolicySpec>{};
    if (const auto remove = root["remove"]) {
      if (!extending) {
        fail(key_of(root, "remove"), "remove: only a scenario with 'extends' can remove policies");
      } else if (base) {
        remove_policies(remove, inherited);
      }
    }
    scenario.policies = std::move(inherited);
    fit_policies_to_run(scenario);
    if (const auto policies = root["policies"]) {
      if (!policies.IsSequence()) {
        fail(policies, "policies: expected a list of policies");
      } else if (policies.size() + scenario.policies.size() > limits::kPolicies) {
        fail(policies, fmt::format("{} policies (with the base's); at most {} are allowed",
                                   policies.size() + scenario.policies.size(), limits::kPolicies));
      } else {
        for (const auto& item : policies) {
          if (auto policy = parse_policy(item, scenario)) scenario.policies.push_back(*policy);
        }
      }
    }
    return out;
  }

  // A file whose only key is `parameters:` (e.g. data/calibration/fitted.yaml).
  std::vector<std::pair<std::string, double>> parse_parameters_file(const YAML::Node& root) {
    if (!root.IsMap()) {
      fail(root, "expected a mapping with the single key 'parameters'");
      return {};
    }
    for (const auto& item : root) {
      const auto key = item.first.as<std::string>();
      if (key != "parameters") {
        fail(item.first,
             fmt::format("unknown key '{}' in a parameters file; expected only 'parameters'",
                         excerpt(key)));
      }
    }
    const auto parameters = root["parameters"];
    if (!parameters) {
      fail(root, "missing required key 'parameters'");
      return {};
    }
    return parse_parameters(parameters);
  }

  void fail(const YAML::Node& node, const std::string& message) {
    const auto mark = node.Mark();
    add({{file_, mark.line + 1, mark.column + 1}, message});
  }
  // Keeps the first problems; a file with thousands only counts the rest.
  void add(Diagnostic problem) {
    if (problems_.size() < kMaxDiagnostics) {
      problems_.push_back(std::move(problem));
    } else {
      ++omitted_;
    }
  }
  void finish() const {
    if (problems_.empty()) return;
    auto all = problems_;
    if (omitted_ > 0) {
      all.push_back({{}, fmt::format("... and {} more problems (fix these first)", omitted_)});
    }
    throw InputError(all);
  }

  // The key node of `key` in a mapping (diagnostics about a key point at the key itself).
  static YAML::Node key_of(const YAML::Node& map, const std::string& key) {
    for (const auto& item : map) {
      if (item.first.as<std::string>() == key) return item.first;
    }
    return map;
  }

  // A path written in this file, relative to this file's directory.
  [[nodiscard]] fs::path relative_to_file(const std::string& written) const {
    fs::path path(written);
    if (path.is_absolute()) return path;
    return fs::path(file_).parent_path() / path;
  }

  // Parses the base scenario of `extends`; its problems are reported with its own path. Missing
  // files and cycles are reported at the `extends` key of this file.
  std::optional<Resolved> load_base(const YAML::Node& key, const YAML::Node& value) {
    if (!value.IsScalar() || value.as<std::string>().empty()) {
      fail(value, "extends: expected the path of a scenario file");
      return std::nullopt;
    }
    const auto path = relative_to_file(value.as<std::string>());
    const auto identity = file_identity(path);
    if (std::find(chain_.begin(), chain_.end(), identity) != chain_.end()) {
      std::vector<std::string> cycle(chain_.begin(), chain_.end());
      cycle.push_back(identity);
      fail(key, fmt::format("extends: cycle of scenario files: {}", fmt::join(cycle, " -> ")));
      return std::nullopt;
    }
    if (chain_.size() > size_t(limits::kExtendsDepth)) {
      fail(key,
           fmt::format("extends: more than {} levels of base scenarios", limits::kExtendsDepth));
      return std::nullopt;
    }
    const auto text = read_yaml_file(path, "base scenario", [&](const std::string& message) {
      fail(key, "extends: " + message);
    });
    if (!text) return std::nullopt;
    auto chain = chain_;
    chain.push_back(identity);
    Parser base(path.string(), world_, registry_, std::move(chain));
    return parse_other(base, *text,
                       [&base](const YAML::Node& root) { return base.parse_resolved(root); });
  }

  // Parameters from the file named by `parameters_from`, validated like `parameters:`, with
  // problems reported at that file's lines.
  std::vector<std::pair<std::string, double>> load_parameters_file(const YAML::Node& value) {
    if (!value.IsScalar() || value.as<std::string>().empty()) {
      fail(value, "parameters_from: expected the path of a parameters file");
      return {};
    }
    const auto path = relative_to_file(value.as<std::string>());
    const auto text = read_yaml_file(path, "parameters file", [&](const std::string& message) {
      fail(value, "parameters_from: " + message);
    });
    if (!text) return {};
    Parser file(path.string(), world_, registry_, chain_);
    return parse_other(file, *text,
                       [&file](const YAML::Node& root) { return file.parse_parameters_file(root); })
        .value_or(std::vector<std::pair<std::string, double>>{});
  }

  // Parses another file's `text` with `other` (a parser for that file); `parse` gets its YAML
  // root. Every problem of that file, thrown or collected, joins this file's list; nullopt if
  // there was any.
  template <typename Parse>
  auto parse_other(Parser& other, const std::string& text, Parse parse)
      -> std::optional<decltype(parse(YAML::Node{}))> {
    try {
      auto result = parse(load_yaml(text, other.file_));
      if (other.problems_.empty()) return result;
      for (const auto& d : other.problems_) add(d);
      omitted_ += other.omitted_;
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) add(d);
    } catch (const YAML::Exception& e) {
      add({{other.file_, e.mark.line + 1, e.mark.column + 1}, e.msg});
    }
    return std::nullopt;
  }

  std::vector<std::pair<std::string, double>> parse_parameters(const YAML::Node& parameters) {
    std::vector<std::pair<std::string, double>> out;
    if (!parameters.IsMap()) {
      fail(parameters, "parameters: expected a mapping of parameter names to numbers");
      return out;
    }
    for (const auto& item : parameters) {
      const auto name = item.first.as<std::string>();
      const auto* spec = registry_.find(name);
      if (!spec) {
        fail(item.first, unknown_parameter_message(name));
        continue;
      }
      out.emplace_back(name,
                       number(item.second, name, spec->min_value, spec->max_value, spec->unit));
    }
    return out;
  }

  // `remove: [id, ...]` drops the base's policies with those ids.
  void remove_policies(const YAML::Node& remove, std::vector<PolicySpec>& inherited) {
    for (const auto& id : strings(remove, "remove", "list at least one policy id")) {
      const auto before = inherited.size();
      std::erase_if(inherited, [&](const PolicySpec& p) { return p.id == id; });
      if (inherited.size() == before) {
        std::vector<std::string> ids;
        for (const auto& p : inherited) {
          if (!p.id.empty()) ids.push_back(p.id);
        }
        fail(remove,
             fmt::format("remove: the base scenario has no policy with id '{}'{}", excerpt(id),
                         ids.empty() ? std::string(" (it has no policy ids)")
                                     : fmt::format("; its ids: {}", fmt::join(ids, ", "))));
      }
    }
  }

  [[nodiscard]] std::string unknown_parameter_message(const std::string& name) const {
    auto message = fmt::format("unknown parameter '{}'", excerpt(name));
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
      fail(parent[key],
           fmt::format("{}: expected a date YYYY-MM-DD, found '{}'", key, excerpt(*value)));
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

  // A name or a list of names; `if_empty` is the message for an empty list (which would
  // otherwise mean "none" or "all" without saying so).
  std::vector<std::string> strings(const YAML::Node& node, const std::string& what,
                                   const std::string& if_empty) {
    std::vector<std::string> out;
    if (node.IsSequence() && node.size() == 0) {
      fail(node, what + ": " + if_empty);
      return out;
    }
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

  // Where the i-th name of a list that strings() read is, for a message about it: the item
  // itself, or the whole node when it is a single name (or the list held non-names, which
  // strings() reported already).
  static YAML::Node item_or_list(const YAML::Node& node, size_t i) {
    if (!node.IsSequence() || i >= node.size()) return node;
    for (const auto& item : node) {
      if (!item.IsScalar()) return node;
    }
    return node[i];
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
      fail(item["type"], fmt::format("unknown policy type '{}'; expected one of: {}",
                                     excerpt(*type_name), fmt::join(names, ", ")));
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
        fail(entry.first, fmt::format("unknown key '{}' for policy {}; expected one of: {}",
                                      excerpt(key), type->name, fmt::join(allowed, ", ")));
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
      const auto places =
          strings(countries, "countries", "list at least one country, corridor or group");
      for (size_t i = 0; i < places.size(); ++i) {
        resolve_place(item_or_list(countries, i), places[i], *type, policy);
      }
    } else {
      fail(item, fmt::format("policy {}: missing required key 'countries'", type->name));
    }
    if (const auto substances = item["substances"]; substances && !type->substance_specific) {
      fail(substances,
           fmt::format("policy {} applies to whole countries; remove 'substances'", type->name));
    } else if (substances) {
      const auto ids = strings(substances, "substances",
                               "list at least one substance, or leave the key out for all");
      for (size_t i = 0; i < ids.size(); ++i) {
        const auto& id = ids[i];
        const auto s = world_.substance_index(id);
        if (!s) {
          fail(item_or_list(substances, i),
               fmt::format("unknown substance '{}'; expected one of: {}", excerpt(id),
                           fmt::join(world_.substance_ids(), ", ")));
          continue;
        }
        policy.substances.push_back(*s);
      }
    }
    const auto start = date(item, "start", true);
    const auto end = date(item, "end", false);
    // A policy may start before the run (it is then in force from the first step, as history);
    // one that starts after the run or ends before it would never be in force.
    for (const auto& [key, value] : {std::pair{"start", start}, std::pair{"end", end}}) {
      if (value && !policy_year_ok(*value)) {
        fail(item[key], fmt::format("{}: policy dates lie within {}-01-01 and {}-12-31", key,
                                    limits::kFirstPolicyYear, limits::kLastYear));
      }
    }
    if (start) {
      policy.start = *start;
      if (period_known_ && *start > scenario.end) {
        fail(item["start"], fmt::format("policy start {} is after the end of the run, outside the "
                                        "run {} to {}",
                                        format_iso_date(*start), format_iso_date(scenario.start),
                                        format_iso_date(scenario.end)));
      }
    }
    if (end) {
      policy.end = *end;
      if (start && *end < *start) {
        fail(item["end"], fmt::format("policy end {} is before its start {}", format_iso_date(*end),
                                      format_iso_date(*start)));
      } else if (period_known_ && *end > scenario.end) {
        fail(item["end"], fmt::format("policy end {} is after the end of the run {}",
                                      format_iso_date(*end), format_iso_date(scenario.end)));
      } else if (period_known_ && *end < scenario.start) {
        fail(item["end"], fmt::format("policy end {} is before the start of the run {}: it would "
                                      "never be in force",
                                      format_iso_date(*end), format_iso_date(scenario.start)));
      }
    }
    if (const auto id = item["id"]) {
      if (!id.IsScalar() || !valid_id(id.as<std::string>())) {
        fail(id, "id: expected a name of letters, digits, '_', '-' or '.'");
      } else {
        policy.id = id.as<std::string>();
        const bool taken = std::any_of(scenario.policies.begin(), scenario.policies.end(),
                                       [&](const PolicySpec& p) { return p.id == policy.id; });
        if (taken) {
          fail(id, fmt::format("id: another policy of the scenario (or of its base) already has "
                               "the id '{}'",
                               policy.id));
        }
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
      for (const auto& n : world_.nodes) {
        if (n.kind != NodeKind::coast) ids.push_back(n.id);
      }
      fail(node, fmt::format("unknown country, corridor or group '{}'; expected an id from "
                             "data/nodes.csv ({}) or a group ({})",
                             excerpt(place), fmt::join(ids, ", "),
                             fmt::join(world_.group_names(), ", ")));
      return;
    }
    for (const auto n : nodes) {
      if (world_.nodes[n].kind == NodeKind::coast) {
        fail(node, fmt::format("'{}' is a coast of {}: policies apply to the country, and a "
                               "country's policies apply on its coasts",
                               world_.nodes[n].id, world_.nodes[world_.nodes[n].country].id));
        continue;
      }
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
  std::vector<std::string> chain_;
  bool period_known_ = false;  // start and end are set (else policy dates are not checked)
  std::vector<Diagnostic> problems_;
  size_t omitted_ = 0;
};

}  // namespace

Scenario parse_scenario_text(const std::string& text, const std::string& file_label,
                             const World& world, const ParameterRegistry& registry) {
  const YAML::Node root = load_yaml(text, file_label);
  Parser parser(file_label, world, registry, {file_identity(file_label)});
  try {
    return parser.parse(root);
  } catch (const YAML::Exception& e) {
    throw InputError(SourceLocation{file_label, e.mark.line + 1, e.mark.column + 1}, e.msg);
  }
}

Scenario parse_scenario_file(const std::string& path, const World& world,
                             const ParameterRegistry& registry) {
  const auto text = read_yaml_file(path, "scenario file", [&path](const std::string& message) {
    throw InputError(SourceLocation{path, 0, 0}, message);
  });
  return parse_scenario_text(*text, path, world, registry);
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
      fail(1, fmt::format("expected key=value, found '{}'", excerpt(assignment)));
      continue;
    }
    const auto key = assignment.substr(0, equals);
    const auto value = assignment.substr(equals + 1);
    const int value_column = int(equals + 2);
    double number = 0.0;
    const bool numeric = parse_number(value, number);
    if (key == "name") {
      if (const auto problem = name_problem(value); !problem.empty()) {
        fail(value_column, problem);
        continue;
      }
      scenario.name = value;
    } else if (key == "start" || key == "end") {
      const auto d = parse_iso_date(value);
      if (!d) {
        fail(value_column,
             fmt::format("{}: expected a date YYYY-MM-DD, found '{}'", key, excerpt(value)));
        continue;
      }
      (key == "start" ? scenario.start : scenario.end) = *d;
      if (scenario.end <= scenario.start) fail(value_column, "end must be after start");
    } else if (key == "seed" || key == "step_days") {
      const double most = key == "seed" ? double(limits::kMaxSeed) : 366.0;
      if (!numeric || number < (key == "seed" ? 0 : 1) || number != std::floor(number) ||
          number > most) {
        fail(value_column, fmt::format("{}: expected a whole number in [{}, {:.0f}], found '{}'",
                                       key, key == "seed" ? 0 : 1, most, excerpt(value)));
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
             fmt::format("scale: expected a number in [1e-06, 1], found '{}'", excerpt(value)));
        continue;
      }
      scenario.scale = number;
    } else if (const auto* spec = registry.find(key)) {
      if (!numeric) {
        fail(value_column, fmt::format("{}: expected a number, found '{}'", key, excerpt(value)));
      } else if (number < spec->min_value || number > spec->max_value) {
        fail(value_column, fmt::format("{}: {} is out of range [{}, {}] {}", key, number,
                                       spec->min_value, spec->max_value, spec->unit));
      } else {
        std::erase_if(scenario.parameters, [&](const auto& p) { return p.first == key; });
        scenario.parameters.emplace_back(key, number);
      }
    } else {
      auto message = fmt::format("unknown parameter '{}'", excerpt(key));
      const auto close = registry.suggestions(key);
      if (!close.empty()) message += fmt::format("; did you mean '{}'?", fmt::join(close, "', '"));
      fail(1, message);
    }
  }
  if (problems.empty() && scenario.end > scenario.start) {
    if (const auto problem = period_problem(scenario.start, scenario.end, scenario.step_days);
        !problem.empty()) {
      problems.push_back({{"--set", 0, 0}, problem});
    }
  }
  if (!problems.empty()) throw InputError(problems);
  fit_policies_to_run(scenario);
}

}  // namespace narcosim::io
