// Counter-based random numbers: a draw is a pure function of its coordinates, uniforms are in
// [0, 1) with the right moments, and Poisson variates have mean and variance lambda.
// Statistical tolerances are 5 standard errors: a correct generator fails such a check with
// probability below 1e-6, and the draws are deterministic, so the tests cannot flicker.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <set>
#include <vector>

#include "narcosim/core/rng.hpp"

namespace narcosim {
namespace {

// Streams as modules declare them (any numbers above the core's would do).
constexpr Stream kStreamA{6};
constexpr Stream kStreamB{9};
constexpr Stream kStreamC{8};

TEST(CounterRng, IsAPureFunctionOfItsArguments) {
  const CounterRng a(42);
  const CounterRng b(42);  // a separate object with the same seed: no hidden state
  for (uint64_t entity : {uint64_t{0}, uint64_t{1}, uint64_t{123456789}, uint64_t{1} << 40}) {
    for (uint32_t step : {0u, 1u, 999u}) {
      const auto first = a.words(kStreamA, entity, step, 3);
      EXPECT_EQ(first, a.words(kStreamA, entity, step, 3));  // repeated call
      EXPECT_EQ(first, b.words(kStreamA, entity, step, 3));
      EXPECT_EQ(a.uniform(kStreamA, entity, step, 3), b.uniform(kStreamA, entity, step, 3));
    }
  }
  // Interleaving other draws changes nothing.
  const double before = a.uniform(kStreamC, 7, 7);
  for (uint32_t i = 0; i < 100; ++i) (void)a.uniform(kStreamC, i, i);
  EXPECT_EQ(before, a.uniform(kStreamC, 7, 7));
}

TEST(CounterRng, EachCoordinateChangesTheDraw) {
  // Philox is a bijection of the counter for a fixed key, so changing any counter word changes
  // the 128-bit output; the 4 words of two different outputs all coinciding is impossible.
  const CounterRng rng(42);
  const auto base = rng.words(kStreamA, 10, 20, 1);
  EXPECT_NE(base, rng.words(kStreamB, 10, 20, 1));                        // stream
  EXPECT_NE(base, rng.words(kStreamA, 11, 20, 1));                        // entity, low word
  EXPECT_NE(base, rng.words(kStreamA, 10 + (uint64_t{1} << 32), 20, 1));  // high word
  EXPECT_NE(base, rng.words(kStreamA, 10, 21, 1));                        // step
  EXPECT_NE(base, rng.words(kStreamA, 10, 20, 2));                        // slot
  EXPECT_NE(base, CounterRng(43).words(kStreamA, 10, 20, 1));             // seed
  EXPECT_NE(base, CounterRng(42 + (uint64_t{1} << 32)).words(kStreamA, 10, 20, 1));
}

TEST(CounterRng, DrawsOverEntitiesAreDistinct) {
  // 10k 32-bit words: the expected number of birthday collisions is n^2/2^33 ~ 0.012, so a
  // handful of duplicates would reveal a broken counter mapping.
  const CounterRng rng(7);
  std::set<uint32_t> seen;
  for (uint64_t e = 0; e < 10000; ++e) seen.insert(rng.words(kStreamA, e, 0)[0]);
  EXPECT_GE(seen.size(), 9998u);
}

TEST(CounterRng, UniformsAreInUnitIntervalWithMeanOneHalf) {
  const CounterRng rng(2024);
  constexpr int kDraws = 100000;
  double sum = 0.0;
  double sum_squares = 0.0;
  std::vector<double> sums_by_word(4, 0.0);
  for (int i = 0; i < kDraws; ++i) {
    const auto u = rng.uniforms(kStreamB, uint64_t(i), 5);
    for (size_t k = 0; k < 4; ++k) {
      ASSERT_GE(u[k], 0.0);
      ASSERT_LT(u[k], 1.0);
      sums_by_word[k] += u[k];
    }
    sum += u[0];
    sum_squares += u[0] * u[0];
  }
  // U(0,1): variance 1/12, so the standard error of the mean of N draws is sqrt(1/(12 N)).
  const double standard_error = std::sqrt(1.0 / (12.0 * kDraws));
  EXPECT_NEAR(sum / kDraws, 0.5, 5 * standard_error);
  for (size_t k = 0; k < 4; ++k) EXPECT_NEAR(sums_by_word[k] / kDraws, 0.5, 5 * standard_error);
  // E[U^2] = 1/3; Var(U^2) = 1/5 - 1/9 = 4/45.
  EXPECT_NEAR(sum_squares / kDraws, 1.0 / 3.0, 5 * std::sqrt(4.0 / 45.0 / kDraws));
  // The largest word maps below 1.
  EXPECT_LT(CounterRng::to_unit(0xFFFFFFFFu), 1.0);
  EXPECT_EQ(CounterRng::to_unit(0u), 0.0);
}

class PoissonMoments : public ::testing::TestWithParam<double> {};

TEST_P(PoissonMoments, MeanAndVarianceEqualLambda) {
  const double lambda = GetParam();
  const CounterRng rng(99);
  constexpr int kDraws = 20000;
  std::vector<double> xs;
  xs.reserve(kDraws);
  int zeros = 0;
  for (int i = 0; i < kDraws; ++i) {
    const auto x = rng.poisson(lambda, kStreamA, uint64_t(i), 3);
    xs.push_back(double(x));
    if (x == 0) ++zeros;
  }
  double mean = 0.0;
  for (double x : xs) mean += x;
  mean /= kDraws;
  double variance = 0.0;
  for (double x : xs) variance += (x - mean) * (x - mean);
  variance /= (kDraws - 1);
  // Poisson: Var = lambda, so SE(mean) = sqrt(lambda / N). The sample variance has variance
  // (mu4 - sigma^4)/N with mu4 = lambda (1 + 3 lambda), i.e. (lambda + 2 lambda^2) / N.
  const double se_mean = std::sqrt(lambda / kDraws);
  const double se_variance = std::sqrt((lambda + 2.0 * lambda * lambda) / kDraws);
  EXPECT_NEAR(mean, lambda, 5 * se_mean);
  EXPECT_NEAR(variance, lambda, 5 * se_variance);
  // P(X = 0) = exp(-lambda); a binomial proportion has SE sqrt(p (1-p) / N).
  const double p0 = std::exp(-lambda);
  EXPECT_NEAR(double(zeros) / kDraws, p0, 5 * std::sqrt(p0 * (1 - p0) / kDraws) + 1e-12);
}

INSTANTIATE_TEST_SUITE_P(Lambdas, PoissonMoments, ::testing::Values(0.3, 7.0, 400.0));

TEST(CounterRng, PoissonOfNonPositiveMeanIsZero) {
  const CounterRng rng(1);
  EXPECT_EQ(rng.poisson(0.0, kStreamA, 1, 1), 0u);
  EXPECT_EQ(rng.poisson(-3.0, kStreamA, 1, 1), 0u);
}

TEST(CounterRng, PoissonIsPure) {
  const CounterRng rng(5);
  EXPECT_EQ(rng.poisson(7.0, kStreamA, 3, 4), CounterRng(5).poisson(7.0, kStreamA, 3, 4));
  EXPECT_EQ(rng.poisson(400.0, kStreamA, 3, 4), CounterRng(5).poisson(400.0, kStreamA, 3, 4));
}

}  // namespace
}  // namespace narcosim
