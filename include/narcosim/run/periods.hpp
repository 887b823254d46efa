#pragma once
// Output resolution: a run's metrics and flows per step (a week by default), per calendar month
// or per calendar year. A PeriodAggregator watches the steps and hands each finished period to a
// PeriodSink (the CSV and SQLite writers in io/series_sinks.hpp, or RunTables in memory).
//
// A step belongs to the period that contains its first day. Over a period, metrics that are
// flows (Aggregation::sum: seizures, deaths, spending) are summed and levels (Aggregation::mean:
// users, prisoners, prices) are averaged over the steps where they apply; kg moved along each
// edge are summed. A period's date is its first day (for the step resolution, the step's first
// day, as ../shared/interface.md defines `date`).
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "narcosim/core/calendar.hpp"
#include "narcosim/model/metrics.hpp"
#include "narcosim/run/engine.hpp"

namespace narcosim {

enum class Resolution : uint8_t { step, month, year };

// "week" (each step), "month" or "year"; nullopt for anything else.
std::optional<Resolution> parse_resolution(std::string_view text);
std::string_view to_string(Resolution resolution);  // "week", "month", "year"

// The first day of the period of `resolution` that contains `day` (`day` itself for steps).
Date period_start(Resolution resolution, Date day);

class PeriodSink {
 public:
  PeriodSink() = default;
  PeriodSink(const PeriodSink&) = delete;
  PeriodSink& operator=(const PeriodSink&) = delete;
  virtual ~PeriodSink() = default;
  // One finished period: its first day, its metrics (NaN where not applicable) and the kg moved
  // along every edge, indexed [edge * substances + substance].
  virtual void on_period(Date start, const MetricTable& metrics,
                         std::span<const double> edge_kg) = 0;
};

class PeriodAggregator final : public StepObserver {
 public:
  PeriodAggregator(const World& world, Resolution resolution, PeriodSink& sink);
  void on_step(const ModelState& state, const MetricTable& metrics) override;
  void on_run_end(const ModelState& state) override;  // hands over the last period

 private:
  void add(const ModelState& state, const MetricTable& metrics);
  void emit();

  Resolution resolution_;
  PeriodSink* sink_;
  std::optional<Date> open_;  // first day of the period being summed
  MetricTable sums_;
  std::vector<int> counts_;  // steps with a value, per metric-table cell
  std::vector<double> edge_kg_;
};

}  // namespace narcosim
