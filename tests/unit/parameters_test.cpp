// The parameter registry: templates expand per substance, every declaration is documented and
// consistent, lookups of unknown names fail loudly, and typos get a "did you mean". Modules
// declare the parameters: no name twice, in the order of the module list.
#include <gtest/gtest.h>

#include <cmath>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "narcosim/core/parameters.hpp"
#include "narcosim/model/module.hpp"

namespace narcosim {
namespace {

const std::vector<std::string> kSubstances = {"cocaine", "cannabis", "heroin"};

TEST(ParameterRegistry, ExpandsSubstanceTemplatesForEverySubstance) {
  const ParameterRegistry registry(kSubstances);
  size_t templates = 0;
  size_t plain = 0;
  for (const auto& declaration : parameter_declarations()) {
    std::string name = declaration.name;
    const auto slot = name.find("{substance}");
    if (slot == std::string::npos) {
      ++plain;
      EXPECT_NE(registry.find(name), nullptr) << name;
      continue;
    }
    ++templates;
    for (const auto& substance : kSubstances) {
      std::string expanded = name;
      expanded.replace(slot, std::string("{substance}").size(), substance);
      EXPECT_NE(registry.find(expanded), nullptr) << expanded;
    }
    // The template itself is not a parameter.
    EXPECT_EQ(registry.find(name), nullptr) << name;
  }
  ASSERT_GT(templates, 0u);
  // Each template gives one spec per substance, each plain declaration one spec.
  EXPECT_EQ(registry.specs().size(), plain + templates * kSubstances.size());
  for (const auto& spec : registry.specs()) {
    EXPECT_EQ(spec.name.find('{'), std::string::npos) << spec.name;
  }
}

TEST(ParameterRegistry, ExpansionFollowsTheWorldsSubstances) {
  // A world with one substance gets only that substance's parameters.
  const ParameterRegistry registry({"cocaine"});
  EXPECT_NE(registry.find("demand.cocaine.price_elasticity"), nullptr);
  EXPECT_EQ(registry.find("demand.heroin.price_elasticity"), nullptr);
}

TEST(ParameterRegistry, PerSubstanceOverridesApply) {
  const ParameterRegistry registry(kSubstances);
  for (const auto& declaration : parameter_declarations()) {
    std::string name = declaration.name;
    const auto slot = name.find("{substance}");
    for (const auto& o : declaration.per_substance) {
      ASSERT_NE(slot, std::string::npos) << name;
      std::string expanded = name;
      expanded.replace(slot, std::string("{substance}").size(), o.substance);
      const auto* spec = registry.find(expanded);
      ASSERT_NE(spec, nullptr) << expanded;
      EXPECT_EQ(spec->default_value, o.default_value) << expanded;
      EXPECT_EQ(spec->min_value, o.min_value) << expanded;
      EXPECT_EQ(spec->max_value, o.max_value) << expanded;
      EXPECT_EQ(spec->source, std::string(o.source)) << expanded;
    }
  }
}

TEST(ParameterRegistry, EverySpecIsDocumentedAndConsistent) {
  const ParameterRegistry registry(kSubstances);
  ASSERT_FALSE(registry.specs().empty());
  for (const auto& spec : registry.specs()) {
    EXPECT_FALSE(spec.unit.empty()) << spec.name;
    EXPECT_FALSE(spec.description.empty()) << spec.name;
    EXPECT_FALSE(spec.source.empty()) << spec.name;
    // (min <= default <= max is enforced by the registry's constructor, which throws.)
    EXPECT_LT(spec.min_value, spec.max_value) << spec.name << ": an empty range cannot be set";
  }
}

TEST(ParameterRegistry, IndexAndFindAgree) {
  const ParameterRegistry registry(kSubstances);
  for (size_t i = 0; i < registry.specs().size(); ++i) {
    const auto& name = registry.specs()[i].name;
    ASSERT_TRUE(registry.index_of(name).has_value()) << name;
    EXPECT_EQ(*registry.index_of(name), i);
    EXPECT_EQ(registry.find(name), &registry.specs()[i]);
  }
  EXPECT_FALSE(registry.index_of("no.such.parameter").has_value());
  EXPECT_EQ(registry.find("no.such.parameter"), nullptr);
}

TEST(ParameterValues, StartAtDefaultsAndCanBeSet) {
  const ParameterRegistry registry(kSubstances);
  ParameterValues values(registry);
  for (const auto& spec : registry.specs()) EXPECT_EQ(values.get(spec.name), spec.default_value);
  values.set("demand.cocaine.price_elasticity", -1.25);
  EXPECT_EQ(values.get("demand.cocaine.price_elasticity"), -1.25);
  EXPECT_EQ(values.get("demand", "cocaine", "price_elasticity"), -1.25);
  // Other substances keep their own value.
  EXPECT_EQ(values.get("demand.heroin.price_elasticity"),
            registry.find("demand.heroin.price_elasticity")->default_value);
}

TEST(ParameterValues, UnknownNameThrowsOutOfRange) {
  const ParameterRegistry registry(kSubstances);
  ParameterValues values(registry);
  EXPECT_THROW((void)values.get("demand.cocaine.price_elastcity"), std::out_of_range);
  EXPECT_THROW((void)values.get("demand", "crack", "price_elasticity"), std::out_of_range);
  EXPECT_THROW((void)values.get(""), std::out_of_range);
  EXPECT_THROW(values.set("no.such.parameter", 1.0), std::out_of_range);
}

TEST(ParameterValues, RequireFailsAsABugNamingAParameterThatIsNotDeclared) {
  // What modules read their parameters with when the engine builds them: a typo in a module is a
  // logic error, not a user's mistake.
  const ParameterRegistry registry(kSubstances);
  const ParameterValues values(registry);
  EXPECT_EQ(values.require("demand.cocaine.price_elasticity"),
            registry.find("demand.cocaine.price_elasticity")->default_value);
  try {
    (void)values.require("violence.drug_related_shar");
    FAIL() << "no exception";
  } catch (const std::logic_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("violence.drug_related_shar"), std::string::npos) << message;
    EXPECT_NE(message.find("not declared"), std::string::npos) << message;
  }
}

TEST(ParameterValues, ValuesOutsideTheRangeAreRefused) {
  const ParameterRegistry registry(kSubstances);
  ParameterValues values(registry);
  const auto* spec = registry.find("demand.cocaine.price_elasticity");
  ASSERT_NE(spec, nullptr);
  EXPECT_THROW(values.set(spec->name, spec->max_value + 1.0), std::out_of_range);
  EXPECT_THROW(values.set(spec->name, spec->min_value - 1.0), std::out_of_range);
  EXPECT_THROW(values.set(spec->name, std::nan("")), std::out_of_range);
  // The value is unchanged by a refused set; the range ends themselves are accepted.
  EXPECT_EQ(values.get(spec->name), spec->default_value);
  values.set(spec->name, spec->min_value);
  EXPECT_EQ(values.get(spec->name), spec->min_value);
  values.set(spec->name, spec->max_value);
  EXPECT_EQ(values.get(spec->name), spec->max_value);
}

TEST(ParameterRegistry, SuggestsTheIntendedNameForATypo) {
  const ParameterRegistry registry(kSubstances);
  // One letter dropped: edit distance 1 from the real name.
  const auto close = registry.suggestions("demand.cocaine.price_elastcity");
  EXPECT_NE(std::find(close.begin(), close.end(), "demand.cocaine.price_elasticity"), close.end());
  // Closest first.
  ASSERT_FALSE(close.empty());
  EXPECT_EQ(close.front(), "demand.cocaine.price_elasticity");
  // Nothing resembles gibberish.
  EXPECT_TRUE(registry.suggestions("zzzzzzzzzzzzzzzzzzzzzzzz").empty());
}

TEST(ParameterRegistry, RefusesANameDeclaredTwice) {
  const auto declaration = [](const char* name) {
    return ParameterDeclaration{name, "1", 0.5, 0.0, 1.0, "a parameter", "assumption", {}};
  };
  EXPECT_NO_THROW(ParameterRegistry(kSubstances, {declaration("a.x"), declaration("a.y")}));
  EXPECT_THROW(ParameterRegistry(kSubstances, {declaration("a.x"), declaration("a.x")}),
               std::logic_error);
  // Also when a template expands to a name declared on its own.
  EXPECT_THROW(
      ParameterRegistry(kSubstances, {declaration("a.{substance}.x"), declaration("a.heroin.x")}),
      std::logic_error);
}

void declare_first(std::vector<ParameterDeclaration>& t) {
  t.push_back({"first.x", "1", 0.5, 0.0, 1.0, "a parameter", "assumption", {}});
  t.push_back({"shared.y", "1", 0.5, 0.0, 1.0, "a parameter", "assumption", {}});
}

void declare_second(std::vector<ParameterDeclaration>& t) {
  t.push_back({"second.x", "1", 0.5, 0.0, 1.0, "a parameter", "assumption", {}});
  t.push_back({"shared.y", "1", 0.5, 0.0, 1.0, "a parameter", "assumption", {}});
}

TEST(ModuleParameters, TwoModulesCannotDeclareTheSameName) {
  ModuleSpec first;
  first.name = "first";
  first.declare_parameters = declare_first;
  ModuleSpec second;
  second.name = "second";
  second.declare_parameters = declare_second;
  ModuleSpec silent;  // declares nothing
  silent.name = "silent";
  EXPECT_EQ(module_parameter_declarations({&first, &silent}).size(), 2u);
  try {
    (void)module_parameter_declarations({&first, &silent, &second});
    FAIL() << "no exception";
  } catch (const std::logic_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("shared.y"), std::string::npos) << message;
    EXPECT_NE(message.find("first"), std::string::npos) << message;
    EXPECT_NE(message.find("second"), std::string::npos) << message;
  }
  EXPECT_THROW((void)module_parameter_declarations({&first, &first}), std::logic_error);
}

TEST(ModuleParameters, TheModelsParametersAreTheModulesInListOrder) {
  // parameter_declarations() is what the registered modules declare, in the order of
  // src/modules/module_list.inc: the order of `narcosim parameters` and docs/parameters.md.
  const auto& all = parameter_declarations();
  const auto from_modules = module_parameter_declarations(module_catalog());
  ASSERT_EQ(all.size(), from_modules.size());
  for (size_t i = 0; i < all.size(); ++i) EXPECT_STREQ(all[i].name, from_modules[i].name);
  std::vector<std::string> groups;
  for (const auto& declaration : all) {
    const std::string name = declaration.name;
    const auto group = name.substr(0, name.find('.'));
    if (groups.empty() || groups.back() != group) groups.push_back(group);
  }
  const std::vector<std::string> expected = {"production", "trafficking", "markets",  "demand",
                                             "legal",      "justice",     "violence", "labour",
                                             "money",      "corruption"};
  EXPECT_EQ(groups, expected);
}

}  // namespace
}  // namespace narcosim
