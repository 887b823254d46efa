#pragma once
// Helpers for the integration tests: short baseline scenarios, and per-step series of metrics
// read by an observer.
#include <string>
#include <vector>

#include "test_support.hpp"

namespace narcosim::test {

// Baseline world, short run: YAML text through the real parser, plus optional extra YAML
// (parameters:, policies:).
inline Scenario short_scenario(const std::string& start, const std::string& end, double scale,
                               uint64_t seed, const std::string& extra_yaml = "") {
  const std::string yaml = "name: test\nstart: " + start + "\nend: " + end +
                           "\nseed: " + std::to_string(seed) + "\nscale: " + std::to_string(scale) +
                           "\n" + extra_yaml;
  return scenario_from_yaml(yaml);
}

// One value per step of a metric cell, with the step's year.
struct Series {
  std::vector<int> years;
  std::vector<double> values;
  // Mean over the steps whose year is in [first_year, last_year].
  [[nodiscard]] double mean_over_years(int first_year, int last_year) const {
    double sum = 0.0;
    int count = 0;
    for (size_t i = 0; i < values.size(); ++i) {
      if (years[i] >= first_year && years[i] <= last_year) {
        sum += values[i];
        ++count;
      }
    }
    return count > 0 ? sum / count : std::nan("");
  }
  [[nodiscard]] double sum_over_years(int first_year, int last_year) const {
    double sum = 0.0;
    for (size_t i = 0; i < values.size(); ++i) {
      if (years[i] >= first_year && years[i] <= last_year) sum += values[i];
    }
    return sum;
  }
  [[nodiscard]] double last() const { return values.empty() ? std::nan("") : values.back(); }
};

// Records several named series; `read` returns each step's value.
class SeriesRecorder final : public StepObserver {
 public:
  using Reader = std::function<double(const ModelState&, const MetricTable&)>;
  void add(const std::string& name, Reader read) {
    names_.push_back(name);
    readers_.push_back(std::move(read));
    series_.emplace_back();
  }
  void on_step(const ModelState& state, const MetricTable& metrics) override {
    const int year = year_of(state.calendar.date_of_step(state.step));
    for (size_t i = 0; i < readers_.size(); ++i) {
      series_[i].years.push_back(year);
      series_[i].values.push_back(readers_[i](state, metrics));
    }
  }
  [[nodiscard]] const Series& operator[](const std::string& name) const {
    for (size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return series_[i];
    }
    throw std::out_of_range("no series " + name);
  }

 private:
  std::vector<std::string> names_;
  std::vector<Reader> readers_;
  std::vector<Series> series_;
};

// Reads a metric of (node, substance); `node_id` "ALL" is the all-nodes row and
// `substance_id` "all" the all-substances column.
inline SeriesRecorder::Reader metric_reader(Metric metric, const std::string& node_id,
                                            const std::string& substance_id) {
  // "all" is the all-substances column.
  const size_t column =
      substance_id == "all" ? shipped_world().substances.size() : size_t(substance(substance_id));
  if (node_id == "ALL") {
    return [metric, column](const ModelState&, const MetricTable& m) {
      return m.get(metric, m.all_row(), column);
    };
  }
  const size_t row = node(node_id);
  return [metric, row, column](const ModelState&, const MetricTable& m) {
    return m.get(metric, row, column);
  };
}

// Kilograms of a substance entering a node along edges this step (sum of edge flows into it).
inline SeriesRecorder::Reader inflow_reader(const std::string& node_id,
                                            const std::string& substance_id) {
  const NodeIndex target = node(node_id);
  const SubstanceIndex s = substance(substance_id);
  return [target, s](const ModelState& state, const MetricTable&) {
    const size_t substances = state.substance_count();
    double kg = 0.0;
    for (size_t e = 0; e < state.world->edges.size(); ++e) {
      if (state.world->edges[e].to == target) kg += state.flows.edge_kg[e * substances + s];
    }
    return kg;
  };
}

}  // namespace narcosim::test
