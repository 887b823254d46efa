#include "narcosim/model/metrics.hpp"

#include <cmath>
#include <limits>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {
constexpr double kNotApplicable = std::numeric_limits<double>::quiet_NaN();

// One row per Metric, keyed by the enum value: the static_asserts below stop the build when the
// enum and this table disagree in length or order.
struct MetricRow {
  Metric metric;
  MetricInfo info;
};

using A = Aggregation;
constexpr std::array kMetricRows = {
    MetricRow{Metric::cultivation_ha, {"cultivation_ha", "ha", A::mean, true}},
    MetricRow{Metric::eradicated_ha, {"eradicated_ha", "ha", A::sum, true}},
    MetricRow{Metric::alt_crop_ha, {"alt_crop_ha", "ha", A::mean, true}},
    MetricRow{Metric::production_kg, {"production_kg", "kg", A::sum, true}},
    MetricRow{Metric::seized_kg, {"seized_kg", "kg", A::sum, true}},
    MetricRow{Metric::delivered_kg, {"delivered_kg", "kg", A::sum, true}},
    MetricRow{Metric::dto_revenue_usd, {"dto_revenue_usd", "USD", A::sum, false}},
    MetricRow{Metric::dto_workers, {"dto_workers", "persons", A::mean, false}},
    MetricRow{Metric::dto_count, {"dto_count", "organisations", A::mean, false}},
    MetricRow{Metric::price_farmgate_usd_per_kg,
              {"price_farmgate_usd_per_kg", "USD/kg crop", A::mean, true}},
    MetricRow{Metric::price_wholesale_usd_per_kg,
              {"price_wholesale_usd_per_kg", "USD/kg", A::mean, true}},
    MetricRow{Metric::price_retail_usd_per_g, {"price_retail_usd_per_g", "USD/g", A::mean, true}},
    MetricRow{Metric::users_light, {"users_light", "persons", A::mean, true}},
    MetricRow{Metric::users_heavy, {"users_heavy", "persons", A::mean, true}},
    MetricRow{Metric::users_in_treatment, {"users_in_treatment", "persons", A::mean, true}},
    MetricRow{Metric::new_users, {"new_users", "persons", A::sum, true}},
    MetricRow{Metric::consumption_kg, {"consumption_kg", "kg", A::sum, true}},
    MetricRow{Metric::illicit_sales_usd, {"illicit_sales_usd", "USD", A::sum, true}},
    MetricRow{Metric::overdose_deaths, {"overdose_deaths", "deaths", A::sum, true}},
    MetricRow{Metric::legal_sales_usd, {"legal_sales_usd", "USD", A::sum, true}},
    MetricRow{Metric::arrests_possession, {"arrests_possession", "persons", A::sum, false}},
    MetricRow{Metric::arrests_trafficking, {"arrests_trafficking", "persons", A::sum, false}},
    MetricRow{Metric::prisoners, {"prisoners", "persons", A::mean, false}},
    MetricRow{Metric::prisoners_drug, {"prisoners_drug", "persons", A::mean, false}},
    MetricRow{Metric::prisoners_pretrial, {"prisoners_pretrial", "persons", A::mean, false}},
    MetricRow{Metric::prison_capacity, {"prison_capacity", "places", A::mean, false}},
    MetricRow{Metric::prison_occupancy_pct, {"prison_occupancy_pct", "%", A::mean, false}},
    MetricRow{Metric::homicides, {"homicides", "deaths", A::sum, false}},
    MetricRow{Metric::homicides_drug_related, {"homicides_drug_related", "deaths", A::sum, false}},
    MetricRow{Metric::kidnappings, {"kidnappings", "events", A::sum, false}},
    MetricRow{Metric::extortions, {"extortions", "events", A::sum, false}},
    MetricRow{Metric::spend_interdiction_usd, {"spend_interdiction_usd", "USD", A::sum, false}},
    MetricRow{Metric::spend_eradication_usd, {"spend_eradication_usd", "USD", A::sum, false}},
    MetricRow{Metric::spend_enforcement_usd, {"spend_enforcement_usd", "USD", A::sum, false}},
    MetricRow{Metric::spend_treatment_usd, {"spend_treatment_usd", "USD", A::sum, false}},
    MetricRow{Metric::spend_prisons_usd, {"spend_prisons_usd", "USD", A::sum, false}},
    MetricRow{Metric::spend_programs_usd, {"spend_programs_usd", "USD", A::sum, false}},
    MetricRow{Metric::tax_revenue_usd, {"tax_revenue_usd", "USD", A::sum, false}},
    MetricRow{Metric::compensation_paid_usd, {"compensation_paid_usd", "USD", A::sum, false}},
    MetricRow{Metric::compensation_received_usd,
              {"compensation_received_usd", "USD", A::sum, false}},
    MetricRow{Metric::bribes_usd, {"bribes_usd", "USD", A::sum, false}},
    MetricRow{Metric::stock_kg, {"stock_kg", "kg", A::mean, true}},
    MetricRow{Metric::mass_balance_error_kg, {"mass_balance_error_kg", "kg", A::mean, true, true}},
    MetricRow{Metric::money_balance_error_usd,
              {"money_balance_error_usd", "USD", A::mean, false, true}},
};
static_assert(kMetricRows.size() == kMetricCount, "one row of kMetricRows per Metric");

constexpr bool rows_in_enum_order() {
  for (size_t m = 0; m < kMetricRows.size(); ++m) {
    if (size_t(kMetricRows[m].metric) != m) return false;
  }
  return true;
}
static_assert(rows_in_enum_order(), "kMetricRows must list the metrics in the enum's order");

std::array<MetricInfo, kMetricCount> infos_of_rows() {
  std::array<MetricInfo, kMetricCount> infos{};
  for (size_t m = 0; m < kMetricCount; ++m) infos[m] = kMetricRows[m].info;
  return infos;
}

}  // namespace

const std::array<MetricInfo, kMetricCount>& metric_infos() {
  static const std::array<MetricInfo, kMetricCount> infos = infos_of_rows();
  return infos;
}

const MetricInfo& info(Metric metric) {
  return metric_infos()[size_t(metric)];
}

std::optional<Metric> metric_from_name(std::string_view name) {
  for (size_t m = 0; m < kMetricCount; ++m) {
    if (info(Metric(m)).name == name) return Metric(m);
  }
  return std::nullopt;
}

MetricTable::MetricTable(size_t nodes, size_t substances)
    : nodes_(nodes),
      substances_(substances),
      values_(kMetricCount * (nodes + 1) * (substances + 1), kNotApplicable) {}

void MetricTable::clear() {
  std::fill(values_.begin(), values_.end(), kNotApplicable);
}

size_t MetricTable::offset(Metric metric, size_t row, size_t column) const {
  return (size_t(metric) * (nodes_ + 1) + row) * (substances_ + 1) + column;
}

void MetricTable::set(Metric metric, size_t row, size_t column, double value) {
  values_[offset(metric, row, column)] = value;
}

void MetricTable::add(Metric metric, size_t row, size_t column, double value) {
  double& cell = values_[offset(metric, row, column)];
  cell = std::isnan(cell) ? value : cell + value;
}

void MetricTable::clamp_rounding_below_zero() {
  const size_t cells = (nodes_ + 1) * (substances_ + 1);
  for (size_t m = 0; m < kMetricCount; ++m) {
    if (info(Metric(m)).may_be_negative) continue;
    for (size_t i = m * cells; i < (m + 1) * cells; ++i) {
      // isless/isgreaterequal: quiet on the NaN of cells that do not apply.
      if (std::isless(values_[i], 0.0) &&
          std::isgreaterequal(values_[i], -kRoundingToleranceBelowZero)) {
        values_[i] = 0.0;
      }
    }
  }
}

double MetricTable::get(Metric metric, size_t row, size_t column) const {
  return values_[offset(metric, row, column)];
}

void MetricTable::put(Metric metric, size_t node, size_t substance, double value) {
  set(metric, node, substance, value);
  add(metric, node, all_column(), value);
  add(metric, all_row(), substance, value);
  add(metric, all_row(), all_column(), value);
}

void MetricTable::put_node(Metric metric, size_t node, double value) {
  set(metric, node, all_column(), value);
  add(metric, all_row(), all_column(), value);
}

const std::vector<Metric>& core_metrics() {
  static const std::vector<Metric> metrics = {Metric::stock_kg, Metric::mass_balance_error_kg,
                                              Metric::money_balance_error_usd};
  return metrics;
}

void collect_metrics(const ModelState& state, MetricTable& t) {
  t.clear();
  for (const auto* spec : module_catalog()) {
    if (spec->report) spec->report(state, t);
  }
  double total_error = 0.0;
  for (size_t s = 0; s < state.substance_count(); ++s) {
    const double stock = state.stock_kg(SubstanceIndex(s));
    const double error = state.ledger.error_kg(SubstanceIndex(s), stock);
    t.set(Metric::stock_kg, t.all_row(), s, stock);
    t.set(Metric::mass_balance_error_kg, t.all_row(), s, error);
    total_error += error;
  }
  t.set(Metric::mass_balance_error_kg, t.all_row(), t.all_column(), total_error);
  t.set(Metric::money_balance_error_usd, t.all_row(), t.all_column(),
        double(state.money.imbalance_cents()) / 100.0);
  t.clamp_rounding_below_zero();
}

}  // namespace narcosim
