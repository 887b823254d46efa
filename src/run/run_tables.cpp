#include "narcosim/run/run_tables.hpp"

#include <algorithm>
#include <stdexcept>

namespace narcosim {

RunTables::RunTables(std::shared_ptr<const World> world, TableFilter filter)
    : world_(std::move(world)),
      filter_(std::move(filter)),
      keep_metric_(kMetricCount, filter_.metrics.empty()),
      keep_place_(world_->nodes.size() + 1, filter_.places.empty()) {
  for (const auto m : filter_.metrics) keep_metric_.at(size_t(m)) = true;
  for (const auto p : filter_.places) keep_place_.at(p) = true;
}

void RunTables::on_period(Date start, const MetricTable& metrics, std::span<const double> edge_kg) {
  // Same order as timeseries.csv: metric, then place, then substance; NaN is "not applicable".
  metrics.for_each_value([&](size_t, Metric m, size_t r, size_t c, double v) {
    if (!keep_metric_[size_t(m)] || !keep_place_[r]) return;
    timeseries_.date.push_back(start);
    timeseries_.place.push_back(uint16_t(r));
    timeseries_.substance.push_back(uint8_t(c));
    timeseries_.metric.push_back(m);
    timeseries_.value.push_back(v);
  });
  if (!filter_.flows) return;
  const size_t substances = world_->substances.size();
  for (size_t i = 0; i < edge_kg.size(); ++i) {
    if (edge_kg[i] <= 0) continue;
    flows_.date.push_back(start);
    flows_.edge.push_back(uint32_t(i / substances));
    flows_.substance.push_back(uint8_t(i % substances));
    flows_.kg.push_back(edge_kg[i]);
  }
}

bool RunTables::complete() const {
  return filter_.metrics.empty() && filter_.places.empty() && filter_.flows;
}

void RunTables::replay(PeriodSink& sink) const {
  if (!complete()) throw std::logic_error("RunTables::replay needs tables kept without a filter");
  const World& world = *world_;
  const size_t substances = world.substances.size();
  MetricTable metrics(world.nodes.size(), substances);
  std::vector<double> edge_kg(world.edges.size() * substances, 0.0);
  size_t row = 0, flow = 0;
  // Rows were appended period by period, and every period reports values (the balances at
  // least), so the periods are the runs of equal dates in the timeseries.
  while (row < timeseries_.size()) {
    const Date start = timeseries_.date[row];
    metrics.clear();
    for (; row < timeseries_.size() && timeseries_.date[row] == start; ++row) {
      metrics.set(timeseries_.metric[row], timeseries_.place[row], timeseries_.substance[row],
                  timeseries_.value[row]);
    }
    std::fill(edge_kg.begin(), edge_kg.end(), 0.0);
    for (; flow < flows_.size() && flows_.date[flow] == start; ++flow) {
      edge_kg[flows_.edge[flow] * substances + flows_.substance[flow]] = flows_.kg[flow];
    }
    sink.on_period(start, metrics, edge_kg);
  }
}

std::string RunTables::place_label(uint16_t place) const {
  return place < world_->nodes.size() ? world_->nodes[place].id : "ALL";
}

std::string RunTables::substance_label(uint8_t substance) const {
  return substance < world_->substances.size() ? world_->substances[substance].id : "all";
}

}  // namespace narcosim
