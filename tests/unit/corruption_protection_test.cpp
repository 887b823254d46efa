// What bribes buy (docs/ODD.md 7.15): protection rises with bribes per budget dollar, with
// diminishing returns, never beyond its ceiling; the hazard factor is 1 at the 2010 protection
// and rises when protection falls below it.
#include <gtest/gtest.h>

#include "modules/corruption/protection.hpp"

namespace narcosim {
namespace {

using corruption::hazard_factor;
using corruption::protection;

TEST(CorruptionProtection, RisesWithBribesWithDiminishingReturnsUpToTheCeiling) {
  const double budget = 1e8, ceiling = 0.5, scale = 1.0;
  double previous = 0.0, previous_gain = 1.0;
  for (double bribes = 2e7; bribes <= 2e9; bribes += 2e7) {
    const double p = protection(bribes, budget, ceiling, scale);
    const double gain = p - previous;
    EXPECT_GT(gain, 0.0) << bribes;            // more bribes buy more
    EXPECT_LT(gain, previous_gain) << bribes;  // each dollar buys less than the one before
    EXPECT_LT(p, ceiling) << bribes;           // never the whole force
    previous = p;
    previous_gain = gain;
  }
  EXPECT_GT(previous, 0.999 * ceiling);  // 20 budgets' worth of bribes: at the ceiling
}

TEST(CorruptionProtection, ALargerBudgetCostsMoreToBuy) {
  EXPECT_GT(protection(1e8, 1e8, 0.5, 1.0), protection(1e8, 2e8, 0.5, 1.0));
  // Only the ratio of bribes to budget matters.
  EXPECT_DOUBLE_EQ(protection(1e8, 1e8, 0.5, 1.0), protection(3e8, 3e8, 0.5, 1.0));
}

TEST(CorruptionProtection, NothingIsBoughtWithoutBribesOrWithoutABudget) {
  EXPECT_EQ(protection(0.0, 1e8, 0.5, 1.0), 0.0);
  EXPECT_EQ(protection(1e8, 0.0, 0.5, 1.0), 0.0);  // no interdiction to buy off
  EXPECT_EQ(protection(1e8, 1e8, 0.0, 1.0), 0.0);  // a ceiling of zero: incorruptible
}

TEST(CorruptionProtection, TheHazardFactorIsRelativeToTheStart) {
  EXPECT_DOUBLE_EQ(hazard_factor(0.3, 0.3), 1.0);
  EXPECT_GT(hazard_factor(0.1, 0.3), 1.0);  // less protection than in 2010: more seizures
  EXPECT_LT(hazard_factor(0.4, 0.3), 1.0);
  EXPECT_DOUBLE_EQ(hazard_factor(0.0, 0.5), 2.0);  // (1 - 0) / (1 - 0.5)
}

}  // namespace
}  // namespace narcosim
