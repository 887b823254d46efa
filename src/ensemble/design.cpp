#include "narcosim/ensemble/design.hpp"

#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

namespace narcosim::ensemble {

namespace {

// Uniform double in [0, 1) from the top 53 bits of a 64-bit word.
double unit_double(std::mt19937_64& engine) {
  return double(engine() >> 11) * 0x1.0p-53;
}

// Uniform integer in [0, n), n > 0, by rejection (no modulo bias).
size_t below(std::mt19937_64& engine, size_t n) {
  const uint64_t limit =
      std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % uint64_t(n);
  uint64_t word = engine();
  while (word >= limit) word = engine();
  return size_t(word % uint64_t(n));
}

void shuffle(std::vector<size_t>& order, std::mt19937_64& engine) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[below(engine, i)]);
}

}  // namespace

std::vector<UnitPoint> latin_hypercube(size_t dimensions, size_t points, uint64_t seed) {
  std::mt19937_64 engine(seed);
  std::vector<UnitPoint> design(points, UnitPoint(dimensions, 0.0));
  std::vector<size_t> strata(points);
  for (size_t d = 0; d < dimensions; ++d) {
    std::iota(strata.begin(), strata.end(), size_t{0});
    shuffle(strata, engine);
    for (size_t p = 0; p < points; ++p) {
      design[p][d] = (double(strata[p]) + unit_double(engine)) / double(points);
    }
  }
  return design;
}

std::vector<UnitPoint> full_grid(size_t dimensions, size_t levels) {
  if (levels == 0) throw std::invalid_argument("a grid needs at least one level");
  size_t count = 1;
  for (size_t d = 0; d < dimensions; ++d) count *= levels;
  std::vector<UnitPoint> design(count, UnitPoint(dimensions, 0.0));
  for (size_t p = 0; p < count; ++p) {
    size_t rest = p;
    for (size_t d = dimensions; d-- > 0;) {
      const size_t level = rest % levels;
      rest /= levels;
      design[p][d] = levels == 1 ? 0.5 : double(level) / double(levels - 1);
    }
  }
  return design;
}

MorrisDesign morris_design(size_t dimensions, size_t trajectories, size_t levels, uint64_t seed) {
  if (levels < 2 || levels % 2 != 0) {
    throw std::invalid_argument("a Morris design needs an even number of levels");
  }
  MorrisDesign design;
  design.dimensions = dimensions;
  design.trajectories = trajectories;
  design.levels = levels;
  // With p even, delta = p / (2 (p - 1)) pairs each lower-half level with one upper-half level,
  // so every level is sampled equally often (Morris 1991; Saltelli et al. 2008, ch. 3).
  design.delta = double(levels) / (2.0 * double(levels - 1));
  std::mt19937_64 engine(seed);
  const size_t per = dimensions + 1;
  design.points.reserve(trajectories * per);
  design.moved.assign(trajectories * per, 0);
  design.step.assign(trajectories * per, 0.0);
  std::vector<size_t> order(dimensions);
  for (size_t t = 0; t < trajectories; ++t) {
    UnitPoint x(dimensions);
    std::vector<double> direction(dimensions);
    for (size_t d = 0; d < dimensions; ++d) {
      const double lower = double(below(engine, levels / 2)) / double(levels - 1);
      const bool up = below(engine, 2) == 0;
      direction[d] = up ? 1.0 : -1.0;
      x[d] = up ? lower : lower + design.delta;
    }
    std::iota(order.begin(), order.end(), size_t{0});
    shuffle(order, engine);
    design.points.push_back(x);
    for (size_t j = 0; j < dimensions; ++j) {
      const size_t d = order[j];
      x[d] += direction[d] * design.delta;
      design.points.push_back(x);
      design.moved[t * per + j + 1] = d;
      design.step[t * per + j + 1] = direction[d] * design.delta;
    }
  }
  return design;
}

}  // namespace narcosim::ensemble
