#include "narcosim/ensemble/yearly_series.hpp"

#include <cmath>

#include "narcosim/model/state.hpp"

namespace narcosim::ensemble {

std::string SeriesFilter::describe() const {
  std::string text = "metrics:";
  for (const auto m : metrics) text += std::string(info(m).name) + ",";
  text += ";rows:";
  for (const auto r : rows) text += std::to_string(r) + ",";
  return text;
}

YearlyCollector::YearlyCollector(const World& world, const Calendar& calendar,
                                 const SeriesFilter& keep)
    : index_(world),
      metrics_(keep.metrics),
      rows_(keep.rows),
      first_year_(year_of(calendar.start())),
      years_(year_of(calendar.date_of_step(std::max(0, calendar.step_count() - 1))) - first_year_ +
             1) {
  if (metrics_.empty()) {
    for (size_t m = 0; m < kMetricCount; ++m) metrics_.push_back(Metric(m));
  }
  if (rows_.empty()) {
    for (size_t r = 0; r <= world.nodes.size(); ++r) rows_.push_back(r);
  }
  sum_.assign(index_.size() * size_t(years_), 0.0);
  count_.assign(sum_.size(), 0);
}

void YearlyCollector::on_step(const ModelState& state, const MetricTable& metrics) {
  const int year = year_of(state.calendar.date_of_step(state.step)) - first_year_;
  for (const auto metric : metrics_) {
    for (const size_t r : rows_) {
      for (size_t c = 0; c < metrics.substance_columns(); ++c) {
        const double v = metrics.get(metric, r, c);
        if (std::isnan(v)) continue;
        const size_t at = size_t(index_.id(metric, r, c)) * size_t(years_) + size_t(year);
        sum_[at] += v;
        ++count_[at];
      }
    }
  }
}

std::vector<SeriesValue> YearlyCollector::values() const {
  std::vector<SeriesValue> out;
  for (uint32_t id = 0; id < index_.size(); ++id) {
    const bool mean = info(index_.cell(id).metric).aggregation == Aggregation::mean;
    for (int y = 0; y < years_; ++y) {
      const size_t at = size_t(id) * size_t(years_) + size_t(y);
      if (count_[at] == 0) continue;
      out.push_back({id, first_year_ + y, mean ? sum_[at] / count_[at] : sum_[at]});
    }
  }
  return out;
}

std::vector<std::pair<int, int>> steps_per_year(const Calendar& calendar) {
  std::vector<std::pair<int, int>> out;
  for (int s = 0; s < calendar.step_count(); ++s) {
    const int year = year_of(calendar.date_of_step(s));
    if (out.empty() || out.back().first != year) out.emplace_back(year, 0);
    ++out.back().second;
  }
  return out;
}

}  // namespace narcosim::ensemble
