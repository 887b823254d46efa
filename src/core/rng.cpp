#include "narcosim/core/rng.hpp"

#include <cmath>
#include <numbers>

namespace narcosim {

uint64_t CounterRng::poisson(double mean, Stream stream, uint64_t entity, uint32_t step) const {
  if (!(mean > 0.0)) return 0;
  if (mean > 50.0) {
    // Box-Muller on one Philox block.
    const auto u = uniforms(stream, entity, step, 0);
    const double u1 = u[0] > 0.0 ? u[0] : 1e-300;
    const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u[1]);
    const double draw = std::floor(mean + std::sqrt(mean) * z + 0.5);
    return draw < 0.0 ? 0 : uint64_t(draw);
  }
  // Inversion: walk the CDF with uniforms drawn four at a time from successive slots.
  const auto u0 = uniforms(stream, entity, step, 0);
  const double target = u0[0];
  double probability = std::exp(-mean);
  double cumulative = probability;
  uint64_t k = 0;
  while (target > cumulative && k < 1000) {
    ++k;
    probability *= mean / double(k);
    cumulative += probability;
  }
  return k;
}

}  // namespace narcosim
