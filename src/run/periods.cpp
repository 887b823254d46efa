#include "narcosim/run/periods.hpp"

#include <algorithm>

#include "narcosim/model/state.hpp"

namespace narcosim {

std::optional<Resolution> parse_resolution(std::string_view text) {
  if (text == "week" || text == "step") return Resolution::step;
  if (text == "month") return Resolution::month;
  if (text == "year") return Resolution::year;
  return std::nullopt;
}

std::string_view to_string(Resolution resolution) {
  switch (resolution) {
    case Resolution::step:
      return "week";
    case Resolution::month:
      return "month";
    case Resolution::year:
      return "year";
  }
  return "week";
}

Date period_start(Resolution resolution, Date day) {
  const std::chrono::year_month_day ymd(day);
  switch (resolution) {
    case Resolution::step:
      return day;
    case Resolution::month:
      return Date(ymd.year() / ymd.month() / std::chrono::day(1));
    case Resolution::year:
      return Date(ymd.year() / std::chrono::January / std::chrono::day(1));
  }
  return day;
}

PeriodAggregator::PeriodAggregator(const World& world, Resolution resolution, PeriodSink& sink)
    : resolution_(resolution),
      sink_(&sink),
      sums_(world.nodes.size(), world.substances.size()),
      counts_(kMetricCount * (world.nodes.size() + 1) * (world.substances.size() + 1), 0),
      edge_kg_(world.edges.size() * world.substances.size(), 0.0) {}

void PeriodAggregator::on_step(const ModelState& state, const MetricTable& metrics) {
  const Date day = state.calendar.date_of_step(state.step);
  if (resolution_ == Resolution::step) {
    // A period of one step is the step itself, passed on unchanged (bit for bit).
    sink_->on_period(day, metrics, state.flows.edge_kg);
    return;
  }
  const Date start = period_start(resolution_, day);
  if (open_ && *open_ != start) emit();
  open_ = start;
  add(state, metrics);
}

void PeriodAggregator::add(const ModelState& state, const MetricTable& metrics) {
  // MetricTable::add takes a cell's first value as it is (NaN marks an empty cell).
  metrics.for_each_value([&](size_t cell, Metric m, size_t r, size_t c, double v) {
    sums_.add(m, r, c, v);
    ++counts_[cell];
  });
  const auto& kg = state.flows.edge_kg;
  for (size_t i = 0; i < edge_kg_.size() && i < kg.size(); ++i) edge_kg_[i] += kg[i];
}

void PeriodAggregator::emit() {
  // Cells no step filled are still NaN (not applicable); levels become means.
  sums_.for_each_value([&](size_t cell, Metric m, size_t r, size_t c, double v) {
    if (info(m).aggregation == Aggregation::mean && counts_[cell] > 1) {
      sums_.set(m, r, c, v / double(counts_[cell]));
    }
  });
  sink_->on_period(*open_, sums_, edge_kg_);
  sums_.clear();
  std::fill(counts_.begin(), counts_.end(), 0);
  std::fill(edge_kg_.begin(), edge_kg_.end(), 0.0);
  open_.reset();
}

void PeriodAggregator::on_run_end(const ModelState& /*state*/) {
  if (open_) emit();
}

}  // namespace narcosim
