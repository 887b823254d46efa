// The parameters of the model, as the modules declare them (each module's folder has a
// parameters.cpp, named by its ModuleSpec), and the reader modules resolve them with once per
// run.
#include <fmt/format.h>

#include <stdexcept>
#include <string_view>

#include "narcosim/model/module.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim {

std::vector<ParameterDeclaration> module_parameter_declarations(
    const std::vector<const ModuleSpec*>& specs) {
  std::vector<ParameterDeclaration> declarations;
  std::vector<std::string_view> declared_by;  // the module of each declaration
  for (const auto* spec : specs) {
    if (spec->declare_parameters == nullptr) continue;
    const size_t first = declarations.size();
    spec->declare_parameters(declarations);
    for (size_t i = first; i < declarations.size(); ++i) {
      const std::string_view name = declarations[i].name;
      for (size_t j = 0; j < i; ++j) {
        if (name != declarations[j].name) continue;
        throw std::logic_error(
            j < first
                ? fmt::format("parameter {} is declared by two modules, {} and {}", name,
                              declared_by[j], spec->name)
                : fmt::format("parameter {} is declared twice by module {}", name, spec->name));
      }
      declared_by.push_back(spec->name);
    }
  }
  return declarations;
}

const std::vector<ParameterDeclaration>& parameter_declarations() {
  static const std::vector<ParameterDeclaration> declarations =
      module_parameter_declarations(module_catalog());
  return declarations;
}

ParameterReader::ParameterReader(const ModuleContext& context)
    : values_(context.parameters), world_(context.world) {
  if (values_ == nullptr || world_ == nullptr) {
    throw std::logic_error("ParameterReader: the module context has no world or no parameters");
  }
}

ParameterReader::ParameterReader(const ParameterValues& values, const World& world)
    : values_(&values), world_(&world) {}

double ParameterReader::get(std::string_view name) const {
  return values_->require(name);
}

std::vector<double> ParameterReader::per_substance(std::string_view prefix,
                                                   std::string_view suffix) const {
  std::vector<double> values;
  values.reserve(world_->substances.size());
  for (const auto& substance : world_->substances) {
    values.push_back(values_->require(prefix, substance.id, suffix));
  }
  return values;
}

}  // namespace narcosim
