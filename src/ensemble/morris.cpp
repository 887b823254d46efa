#include "narcosim/ensemble/morris.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace narcosim::ensemble {

MorrisAnalysis analyse_morris(const MorrisDesign& design, const std::vector<double>& outputs) {
  const size_t per = design.dimensions + 1;
  if (design.points.size() != design.trajectories * per || outputs.size() != design.points.size()) {
    throw std::invalid_argument("analyse_morris: one output per design point is needed");
  }
  MorrisAnalysis analysis;
  double sum = 0.0;
  size_t valued = 0;
  for (const double y : outputs) {
    if (std::isnan(y)) continue;
    sum += y;
    ++valued;
  }
  analysis.output_mean = valued > 0 ? sum / double(valued) : std::nan("");

  std::vector<std::vector<double>> effects(design.dimensions);
  for (size_t t = 0; t < design.trajectories; ++t) {
    for (size_t j = 1; j < per; ++j) {
      const size_t i = t * per + j;
      const double before = outputs[i - 1];
      const double after = outputs[i];
      if (std::isnan(before) || std::isnan(after)) continue;
      effects.at(design.moved[i]).push_back((after - before) / design.step[i]);
    }
  }

  analysis.measures.resize(design.dimensions);
  for (size_t d = 0; d < design.dimensions; ++d) {
    auto& m = analysis.measures[d];
    const auto& e = effects[d];
    m.dimension = d;
    m.effects = e.size();
    if (e.empty()) {
      m.mu = m.mu_star = m.sigma = m.mu_star_scaled = std::nan("");
      continue;
    }
    const auto n = double(e.size());
    m.mu = std::accumulate(e.begin(), e.end(), 0.0) / n;
    m.mu_star = std::accumulate(e.begin(), e.end(), 0.0,
                                [](double a, double v) { return a + std::abs(v); }) /
                n;
    double squares = 0.0;
    for (const double v : e) squares += (v - m.mu) * (v - m.mu);
    m.sigma = e.size() > 1 ? std::sqrt(squares / (n - 1.0)) : std::nan("");
    // mu* x delta is the mean absolute change of the output in one step of the design.
    m.mu_star_scaled = analysis.output_mean != 0.0
                           ? m.mu_star * design.delta / std::abs(analysis.output_mean)
                           : std::nan("");
  }

  // Rank by mu*, largest first; ties keep dimension order, dimensions without effects go last.
  std::vector<size_t> order(design.dimensions);
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const double x = analysis.measures[a].mu_star;
    const double y = analysis.measures[b].mu_star;
    if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);
    return x > y;
  });
  for (size_t r = 0; r < order.size(); ++r) analysis.measures[order[r]].rank = r + 1;
  return analysis;
}

}  // namespace narcosim::ensemble
