#pragma once
// A run's results in memory as tidy tables, one row per value: what the Python module turns into
// DataFrames and a server into JSON. Columns follow timeseries.csv and flows.csv
// (../shared/interface.md); places, substances and metrics are kept as indices and named by the
// accessors, so a run of 2010-2030 by month holds about 16 bytes per value.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "narcosim/run/periods.hpp"

namespace narcosim {

struct TimeseriesTable {
  std::vector<Date> date;          // first day of the period
  std::vector<uint16_t> place;     // a node index, or the node count for ALL
  std::vector<uint8_t> substance;  // a substance index, or the substance count for all
  std::vector<Metric> metric;
  std::vector<double> value;
  [[nodiscard]] size_t size() const { return value.size(); }
};

struct FlowTable {
  std::vector<Date> date;
  std::vector<uint32_t> edge;  // index into World::edges (from, to)
  std::vector<uint8_t> substance;
  std::vector<double> kg;
  [[nodiscard]] size_t size() const { return kg.size(); }
};

// Which values to keep; empty lists keep everything.
struct TableFilter {
  std::vector<Metric> metrics;
  std::vector<uint16_t> places;  // node indices; the node count means ALL
  bool flows = true;
};

class RunTables final : public PeriodSink {
 public:
  explicit RunTables(std::shared_ptr<const World> world, TableFilter filter = {});
  void on_period(Date start, const MetricTable& metrics, std::span<const double> edge_kg) override;

  [[nodiscard]] const TimeseriesTable& timeseries() const { return timeseries_; }
  [[nodiscard]] const FlowTable& flows() const { return flows_; }
  [[nodiscard]] const World& world() const { return *world_; }
  // Whether every value and flow was kept (no filter): what replay() needs.
  [[nodiscard]] bool complete() const;
  // Hands every period to `sink` again as the run did (same dates, same values, NaN where not
  // applicable, kg per edge): how a run held in memory is written to files afterwards. Throws
  // std::logic_error if the tables are not complete().
  void replay(PeriodSink& sink) const;
  // Labels as the CSV files write them.
  [[nodiscard]] std::string place_label(uint16_t place) const;         // ISO3, corridor id, ALL
  [[nodiscard]] std::string substance_label(uint8_t substance) const;  // id, or all

 private:
  std::shared_ptr<const World> world_;
  TableFilter filter_;
  std::vector<bool> keep_metric_;
  std::vector<bool> keep_place_;
  TimeseriesTable timeseries_;
  FlowTable flows_;
};

}  // namespace narcosim
