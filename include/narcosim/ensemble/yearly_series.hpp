#pragma once
// What an ensemble keeps of a run: yearly values of its metrics. Each cell of the metric table
// (metric, node or ALL, substance or all) is a series; flows are summed over the steps that
// start in a calendar year and levels averaged over them, the aggregation of summary.csv.
// Weekly values of a thousand runs would not fit on a laptop; yearly ones do.
#include <cstdint>
#include <string>
#include <vector>

#include "narcosim/model/metrics.hpp"
#include "narcosim/run/engine.hpp"

namespace narcosim::ensemble {

// Dense, stable numbering of the cells of a world's metric table: the series ids of the
// results database.
class SeriesIndex {
 public:
  // The metric table of a world: its nodes and an ALL row, its substances and an all column.
  explicit SeriesIndex(const World& world)
      : rows_(world.nodes.size() + 1), columns_(world.substances.size() + 1) {}
  [[nodiscard]] uint32_t id(Metric metric, size_t row, size_t column) const {
    return uint32_t((size_t(metric) * rows_ + row) * columns_ + column);
  }
  struct Cell {
    Metric metric;
    size_t row;
    size_t column;
  };
  [[nodiscard]] Cell cell(uint32_t id) const {
    return {Metric(id / (rows_ * columns_)), (id / columns_) % rows_, id % columns_};
  }
  [[nodiscard]] size_t size() const { return kMetricCount * rows_ * columns_; }

 private:
  size_t rows_;
  size_t columns_;
};

struct SeriesValue {
  uint32_t series = 0;
  int32_t year = 0;
  double value = 0.0;
};

// Which series a run keeps: some metrics and some rows of the metric table (nodes, or the ALL
// row at index world.nodes.size()); empty means all.
struct SeriesFilter {
  std::vector<Metric> metrics;
  std::vector<size_t> rows;
  // A stable text for fingerprints: a resumed ensemble must keep the same series.
  [[nodiscard]] std::string describe() const;
};

class YearlyCollector final : public StepObserver {
 public:
  YearlyCollector(const World& world, const Calendar& calendar, const SeriesFilter& keep);
  void on_step(const ModelState& state, const MetricTable& metrics) override;
  // Values ordered by series, then year; a year in which a cell was never applicable is absent.
  [[nodiscard]] std::vector<SeriesValue> values() const;
  [[nodiscard]] const SeriesIndex& index() const { return index_; }

 private:
  SeriesIndex index_;
  std::vector<Metric> metrics_;
  std::vector<size_t> rows_;
  int first_year_;
  int years_;
  std::vector<double> sum_;  // per (series, year)
  std::vector<uint16_t> count_;
};

// Years of a run and the steps that start in each (weights for averaging levels over the run).
std::vector<std::pair<int, int>> steps_per_year(const Calendar& calendar);

}  // namespace narcosim::ensemble
