#pragma once
// One declaration per parameter: name, unit, default, range, description, source.
// The registry expands per-substance templates ("demand.{substance}.price_elasticity") over the
// substances in the world data, and is the single origin of the JSON Schema, the docs'
// parameter table and validation of scenario overrides.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace narcosim {

// A substance's own default, range and source in a "{substance}" declaration.
struct SubstanceOverride {
  const char* substance;
  double default_value;
  double min_value;
  double max_value;
  const char* source;
};

// A parameter as a module declares it, in its folder's parameters.cpp (model/module.hpp).
struct ParameterDeclaration {
  const char* name;  // may contain "{substance}"
  const char* unit;
  double default_value;
  double min_value;
  double max_value;
  const char* description;
  const char* source;
  std::vector<SubstanceOverride> per_substance;
};

struct ParameterSpec {
  std::string name;
  std::string unit;
  double default_value = 0.0;
  double min_value = 0.0;
  double max_value = 0.0;
  std::string description;
  std::string source;  // a citation, or "assumption: ..."
};

class ParameterRegistry {
 public:
  // The parameters of every module (parameter_declarations()), or of `declarations`.
  explicit ParameterRegistry(const std::vector<std::string>& substances);
  ParameterRegistry(const std::vector<std::string>& substances,
                    const std::vector<ParameterDeclaration>& declarations);
  [[nodiscard]] const std::vector<ParameterSpec>& specs() const { return specs_; }
  [[nodiscard]] const ParameterSpec* find(std::string_view name) const;
  [[nodiscard]] std::optional<size_t> index_of(std::string_view name) const;
  // Names close to `name` (same prefix or small edit distance), for "did you mean" hints.
  [[nodiscard]] std::vector<std::string> suggestions(std::string_view name) const;

 private:
  // Looked up by string_view without building a std::string.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>{}(name); }
  };
  std::vector<ParameterSpec> specs_;
  std::unordered_map<std::string, size_t, NameHash, std::equal_to<>> index_;
};

// Values for one run: defaults overridden by the scenario and --set.
class ParameterValues {
 public:
  explicit ParameterValues(const ParameterRegistry& registry);
  // Throw std::out_of_range for an unknown name or a value outside the parameter's range (NaN
  // included): callers validate user input first (model/validate.hpp), so this is a bug guard.
  [[nodiscard]] double get(std::string_view name) const;
  [[nodiscard]] double get(std::string_view prefix, std::string_view substance,
                           std::string_view suffix) const;
  // The value of a parameter a module reads when the engine builds it: a name that is not
  // declared is a bug in the module (a typo, or a declaration missing from its folder's
  // parameters.cpp) and throws std::logic_error naming it, before the run starts.
  [[nodiscard]] double require(std::string_view name) const;
  [[nodiscard]] double require(std::string_view prefix, std::string_view substance,
                               std::string_view suffix) const;
  void set(std::string_view name, double value);
  [[nodiscard]] const ParameterRegistry& registry() const { return *registry_; }
  [[nodiscard]] const std::vector<double>& values() const { return values_; }

 private:
  const ParameterRegistry* registry_;
  std::vector<double> values_;
};

// Every parameter of the model: the declarations of the registered modules, in the order of
// src/modules/module_list.inc (src/modules/module_parameters.cpp). The order is that of
// `narcosim parameters` and docs/parameters.md.
const std::vector<ParameterDeclaration>& parameter_declarations();

}  // namespace narcosim
