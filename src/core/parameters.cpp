#include "narcosim/core/parameters.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <iterator>
#include <stdexcept>

namespace narcosim {

namespace {

constexpr std::string_view kSubstanceSlot = "{substance}";

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

ParameterRegistry::ParameterRegistry(const std::vector<std::string>& substances)
    : ParameterRegistry(substances, parameter_declarations()) {}

ParameterRegistry::ParameterRegistry(const std::vector<std::string>& substances,
                                     const std::vector<ParameterDeclaration>& declarations) {
  for (const auto& declaration : declarations) {
    const std::string name = declaration.name;
    const auto slot = name.find(kSubstanceSlot);
    if (slot == std::string::npos) {
      specs_.push_back({name, declaration.unit, declaration.default_value, declaration.min_value,
                        declaration.max_value, declaration.description, declaration.source});
      continue;
    }
    for (const auto& substance : substances) {
      ParameterSpec spec{name,
                         declaration.unit,
                         declaration.default_value,
                         declaration.min_value,
                         declaration.max_value,
                         declaration.description,
                         declaration.source};
      spec.name.replace(slot, kSubstanceSlot.size(), substance);
      for (const auto& o : declaration.per_substance) {
        if (substance == o.substance) {
          spec.default_value = o.default_value;
          spec.min_value = o.min_value;
          spec.max_value = o.max_value;
          spec.source = o.source;
        }
      }
      specs_.push_back(std::move(spec));
    }
  }
  for (size_t i = 0; i < specs_.size(); ++i) {
    const auto& spec = specs_[i];
    if (!(spec.min_value <= spec.default_value && spec.default_value <= spec.max_value)) {
      throw std::logic_error(fmt::format("parameter {}: default {} outside its range [{}, {}]",
                                         spec.name, spec.default_value, spec.min_value,
                                         spec.max_value));
    }
    if (!index_.emplace(spec.name, i).second) {
      throw std::logic_error("parameter declared twice: " + spec.name);
    }
  }
}

const ParameterSpec* ParameterRegistry::find(std::string_view name) const {
  const auto it = index_.find(name);
  return it == index_.end() ? nullptr : &specs_[it->second];
}

std::optional<size_t> ParameterRegistry::index_of(std::string_view name) const {
  const auto it = index_.find(name);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> ParameterRegistry::suggestions(std::string_view name) const {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const auto& spec : specs_) {
    const size_t distance = edit_distance(name, spec.name);
    if (distance <= 3) scored.emplace_back(distance, spec.name);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
  return out;
}

ParameterValues::ParameterValues(const ParameterRegistry& registry) : registry_(&registry) {
  values_.reserve(registry.specs().size());
  for (const auto& spec : registry.specs()) values_.push_back(spec.default_value);
}

double ParameterValues::get(std::string_view name) const {
  const auto index = registry_->index_of(name);
  if (!index) throw std::out_of_range(fmt::format("unknown parameter '{}'", name));
  return values_[*index];
}

namespace {

// Calls look(name) with "prefix.substance.suffix", composed on the stack (names are short).
template <typename Look>
double with_substance_name(std::string_view prefix, std::string_view substance,
                           std::string_view suffix, Look look) {
  fmt::basic_memory_buffer<char, 128> name;
  fmt::format_to(std::back_inserter(name), "{}.{}.{}", prefix, substance, suffix);
  return look(std::string_view(name.data(), name.size()));
}

}  // namespace

double ParameterValues::get(std::string_view prefix, std::string_view substance,
                            std::string_view suffix) const {
  return with_substance_name(prefix, substance, suffix,
                             [this](std::string_view name) { return get(name); });
}

double ParameterValues::require(std::string_view prefix, std::string_view substance,
                                std::string_view suffix) const {
  return with_substance_name(prefix, substance, suffix,
                             [this](std::string_view name) { return require(name); });
}

double ParameterValues::require(std::string_view name) const {
  const auto index = registry_->index_of(name);
  if (!index) {
    throw std::logic_error(
        fmt::format("parameter '{}' is not declared: a module reads it, but no module declares it "
                    "(src/modules/*/parameters.cpp)",
                    name));
  }
  return values_[*index];
}

void ParameterValues::set(std::string_view name, double value) {
  const auto index = registry_->index_of(name);
  if (!index) throw std::out_of_range(fmt::format("unknown parameter '{}'", name));
  const auto& spec = registry_->specs()[*index];
  if (!(value >= spec.min_value && value <= spec.max_value)) {
    throw std::out_of_range(fmt::format("parameter {}: {} is out of range [{}, {}] {}", name, value,
                                        spec.min_value, spec.max_value, spec.unit));
  }
  values_[*index] = value;
}

}  // namespace narcosim
