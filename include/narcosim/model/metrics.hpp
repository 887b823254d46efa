#pragma once
// The metrics a run reports (names fixed by ../shared/interface.md) and the per-step table they
// are collected into. A cell is (node or ALL, substance or all); NaN marks "not applicable".
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace narcosim {

struct ModelState;

enum class Metric : uint8_t {
  cultivation_ha,
  eradicated_ha,
  alt_crop_ha,
  production_kg,
  seized_kg,
  delivered_kg,
  dto_revenue_usd,
  dto_workers,
  dto_count,
  price_farmgate_usd_per_kg,
  price_wholesale_usd_per_kg,
  price_retail_usd_per_g,
  users_light,
  users_heavy,
  users_in_treatment,
  new_users,
  consumption_kg,
  illicit_sales_usd,
  overdose_deaths,
  legal_sales_usd,
  arrests_possession,
  arrests_trafficking,
  prisoners,
  prisoners_drug,
  prisoners_pretrial,
  prison_capacity,
  prison_occupancy_pct,
  homicides,
  homicides_drug_related,
  kidnappings,
  extortions,
  spend_interdiction_usd,
  spend_eradication_usd,
  spend_enforcement_usd,
  spend_treatment_usd,
  spend_prisons_usd,
  spend_programs_usd,
  tax_revenue_usd,
  compensation_paid_usd,
  compensation_received_usd,
  bribes_usd,
  stock_kg,
  mass_balance_error_kg,
  money_balance_error_usd,
  count_
};

// How a metric aggregates over time in summary.csv: flows are summed, levels averaged.
enum class Aggregation : uint8_t { sum, mean };

struct MetricInfo {
  std::string_view name;
  std::string_view unit;
  Aggregation aggregation;
  bool per_substance;            // false: substance column is "all"
  bool may_be_negative = false;  // an error term; counts, stocks, prices and money are >= 0
};

// A count or stock that a subtraction leaves just below zero (arrests_trafficking was -2.7e-16
// with justice.drug_share at its declared minimum) is rounding, reported as 0; anything more
// negative is a bug that the invariant checks report.
inline constexpr double kRoundingToleranceBelowZero = 1e-6;

constexpr size_t kMetricCount = size_t(Metric::count_);
const std::array<MetricInfo, kMetricCount>& metric_infos();
const MetricInfo& info(Metric metric);
// The metric of an interface name ("seized_kg"), if there is one.
std::optional<Metric> metric_from_name(std::string_view name);

// Values for one step. Rows: nodes, then one ALL row; columns: substances, then "all".
class MetricTable {
 public:
  MetricTable(size_t nodes, size_t substances);
  void clear();
  void set(Metric metric, size_t node_row, size_t substance_column, double value);
  void add(Metric metric, size_t node_row, size_t substance_column, double value);
  // Sets the value of (node, substance) and adds it to the node's total over substances, the
  // substance's total over nodes and the grand total.
  void put(Metric metric, size_t node, size_t substance, double value);
  // Sets a per-node value (substance "all") and adds it to the total over nodes.
  void put_node(Metric metric, size_t node, double value);
  [[nodiscard]] double get(Metric metric, size_t node_row, size_t substance_column) const;
  // Visits every applicable (not NaN) value in metric, row, column order:
  // visit(cell, metric, node_row, substance_column, value), `cell` counting every cell in that
  // order (the same numbering for every table of a world).
  template <typename Visit>
  void for_each_value(Visit&& visit) const {
    size_t cell = 0;
    for (size_t m = 0; m < kMetricCount; ++m) {
      for (size_t r = 0; r < node_rows(); ++r) {
        for (size_t c = 0; c < substance_columns(); ++c, ++cell) {
          if (!std::isnan(values_[cell])) visit(cell, Metric(m), r, c, values_[cell]);
        }
      }
    }
  }
  // Sets values of metrics that cannot be negative to 0 where rounding left them within
  // kRoundingToleranceBelowZero below it.
  void clamp_rounding_below_zero();
  [[nodiscard]] size_t node_rows() const { return nodes_ + 1; }
  [[nodiscard]] size_t substance_columns() const { return substances_ + 1; }
  [[nodiscard]] size_t all_row() const { return nodes_; }
  [[nodiscard]] size_t all_column() const { return substances_; }

 private:
  [[nodiscard]] size_t offset(Metric metric, size_t row, size_t column) const;
  size_t nodes_;
  size_t substances_;
  std::vector<double> values_;
};

// Fills `table` from the state at the end of a step: every module reports its own metrics
// (ModuleSpec::report, model/module.hpp), then the core reports core_metrics().
void collect_metrics(const ModelState& state, MetricTable& table);
// The metrics of the run as a whole rather than of one mechanism: stocks and the two balances.
const std::vector<Metric>& core_metrics();

}  // namespace narcosim
