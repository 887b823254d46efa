#pragma once
// Labels and number formats shared by the writers and tables of the I/O library.
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "narcosim/model/world.hpp"

namespace narcosim::io {

// Row label of a metric table: a node id, or ALL for the row after the nodes.
inline std::string node_label(const World& world, size_t row) {
  return row < world.nodes.size() ? world.nodes[row].id : "ALL";
}

// Column label of a metric table: a substance id, or all for the column after them.
inline std::string substance_label(const World& world, size_t column) {
  return column < world.substances.size() ? world.substances[column].id : "all";
}

// A number for a person to read in a table: 1.23bn, 4.56M, 78.9k, 123, 4.56; "-" for NaN.
inline std::string human(double v) {
  if (std::isnan(v)) return "-";
  const double a = std::abs(v);
  if (a >= 1e9) return fmt::format("{:.2f}bn", v / 1e9);
  if (a >= 1e6) return fmt::format("{:.2f}M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.1f}k", v / 1e3);
  if (a >= 10) return fmt::format("{:.0f}", v);
  return fmt::format("{:.2f}", v);
}

}  // namespace narcosim::io
