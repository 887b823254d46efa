// Floating-point traps in checking builds (core/fp_traps.hpp): on inside the model's
// arithmetic, off outside it, and fatal at the operation that produces a NaN or infinity.
#include <gtest/gtest.h>

#include <cfenv>

#include "narcosim/core/fp_traps.hpp"
#include "run_support.hpp"

namespace narcosim {
namespace {

constexpr int kTrapped = FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW;

TEST(FloatingPointTraps, AreOnInsideTheScopeOnlyInBuildsThatHaveThem) {
  ASSERT_EQ(enabled_floating_point_traps(), 0);
  {
    const FloatingPointTraps traps;
    EXPECT_EQ(enabled_floating_point_traps(), floating_point_traps_built() ? kTrapped : 0);
  }
  EXPECT_EQ(enabled_floating_point_traps(), 0);
}

TEST(FloatingPointTraps, AreOnWhileTheModelRunsAndOffAfterwards) {
  const Scenario scenario = test::short_scenario("2010-01-01", "2010-02-28", 0.0005, 1);
  int during = -1;
  test::LambdaObserver observer([&during](const ModelState&, const MetricTable&) {
    during = enabled_floating_point_traps();
  });
  Engine engine(test::shared_world(), scenario, EngineOptions::with_threads(2));
  (void)engine.run(&observer);
  EXPECT_EQ(during, floating_point_traps_built() ? kTrapped : 0);
  EXPECT_EQ(enabled_floating_point_traps(), 0);
}

TEST(FloatingPointTrapsDeathTest, ADivisionByZeroInTheModelStopsTheProcess) {
  if (!floating_point_traps_built()) GTEST_SKIP() << "this build has no floating-point traps";
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        const FloatingPointTraps traps;
        volatile double zero = 0.0;
        volatile double infinite = 1.0 / zero;
        (void)infinite;
      },
      "");
  EXPECT_DEATH(
      {
        const FloatingPointTraps traps;
        volatile double missing = std::nan("");
        volatile bool below = missing < 0.0;  // an ordered comparison with NaN is invalid
        (void)below;
      },
      "");
}

}  // namespace
}  // namespace narcosim
