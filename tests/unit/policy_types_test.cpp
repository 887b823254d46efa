// Every registered policy type does something: with its defaults it moves at least one lever
// at some point of its first ten years, and each of its fields changes the levers somewhere
// between the field's minimum and maximum (a field that moves nothing would be a lie to the
// user who sets it). The effects are applied through apply_policy, the function the policy
// module runs.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "narcosim/model/policy.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

constexpr double kYearsPerStep = 7.0 / 365.25;
// The first step, the next, half a year, one, two and ten years in.
constexpr int kSteps[] = {0, 1, 26, 52, 104, 520};

Levers baseline(const World& world) {
  Levers levers;
  levers.reset(world.nodes.size(), world.substances.size());
  return levers;
}

ActivePolicy with_defaults(const PolicyType& type, const World& world) {
  ActivePolicy policy;
  policy.type = &type;
  // A consumer country with a retail market for every substance (legalize_all prices from it).
  policy.nodes = {*world.node_index("USA")};
  policy.start_step = 0;
  policy.end_step = 1000;
  for (const auto& field : type.fields) policy.values.push_back(field.default_value);
  return policy;
}

Levers levers_at(const ActivePolicy& policy, const World& world, int step) {
  Levers levers = baseline(world);
  apply_policy(policy, world, step, kYearsPerStep, levers);
  return levers;
}

TEST(PolicyTypes, AreRegisteredSortedAndFoundByName) {
  const auto& types = policy_types();
  ASSERT_FALSE(types.empty());
  std::set<std::string> names;
  for (const auto& type : types) {
    EXPECT_TRUE(names.insert(type.name).second) << type.name << " registered twice";
    EXPECT_EQ(find_policy_type(type.name), &type);
  }
  EXPECT_TRUE(std::is_sorted(types.begin(), types.end(),
                             [](const auto& a, const auto& b) { return a.name < b.name; }));
  EXPECT_EQ(find_policy_type("no_such_policy"), nullptr);
}

TEST(PolicyTypes, EachMovesSomeLeverWithItsDefaults) {
  const auto& world = test::shipped_world();
  for (const auto& type : policy_types()) {
    const auto policy = with_defaults(type, world);
    bool moved = false;
    for (const int step : kSteps)
      moved = moved || !(levers_at(policy, world, step) == baseline(world));
    EXPECT_TRUE(moved) << type.name << " moves no lever in its first ten years";
  }
}

TEST(PolicyTypes, EachFieldChangesTheLevers) {
  const auto& world = test::shipped_world();
  for (const auto& type : policy_types()) {
    for (size_t f = 0; f < type.fields.size(); ++f) {
      auto low = with_defaults(type, world);
      auto high = low;
      low.values[f] = type.fields[f].min_value;
      high.values[f] = type.fields[f].max_value;
      bool differs = false;
      for (const int step : kSteps) {
        differs = differs || !(levers_at(low, world, step) == levers_at(high, world, step));
      }
      EXPECT_TRUE(differs) << type.name << "." << type.fields[f].name
                           << " changes no lever between its minimum and maximum";
    }
  }
}

TEST(PolicyTypes, AreInForceOnlyInTheirPeriod) {
  const auto& world = test::shipped_world();
  for (const auto& type : policy_types()) {
    auto policy = with_defaults(type, world);
    policy.start_step = 10;
    policy.end_step = 20;
    EXPECT_EQ(levers_at(policy, world, 9), baseline(world)) << type.name << " before its start";
    EXPECT_EQ(levers_at(policy, world, 20), baseline(world)) << type.name << " after its end";
  }
}

TEST(PolicyTypes, MoveNoLeverOfUncoveredSubstances) {
  const auto& world = test::shipped_world();
  ASSERT_GE(world.substances.size(), 2U);
  const size_t substances = world.substances.size();
  for (const auto& type : policy_types()) {
    if (!type.substance_specific) continue;
    auto policy = with_defaults(type, world);
    policy.substances = {SubstanceIndex(0)};
    for (const int step : kSteps) {
      const auto moved = levers_at(policy, world, step);
      const auto base = baseline(world);
      for (size_t cell = 1; cell < world.nodes.size() * substances; ++cell) {
        if (cell % substances == 0) continue;  // substance 0 of some node
        EXPECT_EQ(moved.interdiction_multiplier[cell], base.interdiction_multiplier[cell]);
        EXPECT_EQ(moved.legal_transport_share[cell], base.legal_transport_share[cell]);
        EXPECT_EQ(moved.possession_threshold_days[cell], base.possession_threshold_days[cell]);
        EXPECT_EQ(moved.legal_channel[cell], base.legal_channel[cell]) << type.name;
        EXPECT_EQ(moved.compensation_share[cell], base.compensation_share[cell]);
        EXPECT_EQ(moved.medical_licensed_ha[cell], base.medical_licensed_ha[cell]);
      }
    }
  }
}

TEST(PolicyTypes, FieldsHaveUnitsRangesAndSources) {
  for (const auto& type : policy_types()) {
    EXPECT_FALSE(type.summary.empty()) << type.name;
    EXPECT_FALSE(type.mechanism.empty()) << type.name;
    for (const auto& field : type.fields) {
      EXPECT_LT(field.min_value, field.max_value) << type.name << "." << field.name;
      EXPECT_EQ(type.field(field.name), &field);
      if (field.is_choice()) {
        EXPECT_EQ(field.max_value, double(field.choices.size() - 1)) << field.name;
      }
    }
  }
}

}  // namespace
}  // namespace narcosim
