#pragma once
// Parameter designs for ensembles and sensitivity analysis. A design is a list of points in the
// unit cube of the varied parameters; calibration::FreeParameter::from_unit maps a coordinate to
// a value on the parameter's linear or log scale. Designs are reproducible from their seed on
// any platform (std::mt19937_64 is fully specified; its words are turned into doubles here, not
// by a library distribution).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace narcosim::ensemble {

using UnitPoint = std::vector<double>;

// Latin hypercube (McKay, Beckman & Conover 1979): `points` points; along every dimension each
// of the `points` equal strata holds exactly one point, placed at random within it.
std::vector<UnitPoint> latin_hypercube(size_t dimensions, size_t points, uint64_t seed);

// Full factorial grid: `levels` evenly spaced values per dimension including both ends of the
// range (0.5 alone when levels is 1), levels^dimensions points, the last dimension fastest.
std::vector<UnitPoint> full_grid(size_t dimensions, size_t levels);

// Morris (1991) elementary-effects design: `trajectories` one-at-a-time paths of
// dimensions + 1 points on a `levels`-level grid (levels even), each step moving one dimension
// by delta = levels / (2 (levels - 1)) up or down, every dimension once, in random order.
struct MorrisDesign {
  size_t dimensions = 0;
  size_t trajectories = 0;
  size_t levels = 0;
  double delta = 0.0;
  std::vector<UnitPoint> points;  // trajectory-major: trajectories x (dimensions + 1)
  // For point j > 0 of a trajectory (index t * (dimensions + 1) + j): the dimension it moved
  // and the signed step; unused for the first point of each trajectory.
  std::vector<size_t> moved;
  std::vector<double> step;
};

MorrisDesign morris_design(size_t dimensions, size_t trajectories, size_t levels, uint64_t seed);

}  // namespace narcosim::ensemble
