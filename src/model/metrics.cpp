#include "narcosim/model/metrics.hpp"

#include <cmath>
#include <limits>

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

namespace {

// Sets a per-(node, substance) value and adds it into the node's "all" column and ALL row.
void put(MetricTable& t, Metric m, size_t node, size_t substance, double value) {
  t.set(m, node, substance, value);
  t.add(m, node, t.all_column(), value);
  t.add(m, t.all_row(), substance, value);
  t.add(m, t.all_row(), t.all_column(), value);
}

void put_node(MetricTable& t, Metric m, size_t node, double value) {
  t.set(m, node, t.all_column(), value);
  t.add(m, t.all_row(), t.all_column(), value);
}

}  // namespace

void collect_metrics(const ModelState& state, MetricTable& t) {
  t.clear();
  const auto& world = *state.world;
  const size_t substances = world.substances.size();
  const auto& money = state.money;
  for (const auto& source : state.sources) {
    const size_t cell = state.cell(source.node, source.substance);
    put(t, Metric::cultivation_ha, source.node, source.substance, source.illicit_ha);
    put(t, Metric::alt_crop_ha, source.node, source.substance, source.converted_ha);
    put(t, Metric::eradicated_ha, source.node, source.substance, state.flows.eradicated_ha[cell]);
    put(t, Metric::production_kg, source.node, source.substance, state.flows.production_kg[cell]);
    t.set(Metric::price_farmgate_usd_per_kg, source.node, source.substance, source.farmgate_price);
  }
  for (const auto& group : state.user_groups) {
    const size_t cell = state.cell(group.node, group.substance);
    put(t, Metric::users_light, group.node, group.substance,
        double(group.light_agents) / state.scale);
    put(t, Metric::users_heavy, group.node, group.substance,
        double(group.heavy_agents) / state.scale);
    put(t, Metric::users_in_treatment, group.node, group.substance,
        double(group.treatment_agents) / state.scale);
    put(t, Metric::new_users, group.node, group.substance, state.flows.new_users[cell]);
    put(t, Metric::consumption_kg, group.node, group.substance, state.flows.consumption_kg[cell]);
    put(t, Metric::illicit_sales_usd, group.node, group.substance,
        state.flows.illicit_sales_usd[cell]);
    put(t, Metric::overdose_deaths, group.node, group.substance, state.flows.overdose_deaths[cell]);
    put(t, Metric::delivered_kg, group.node, group.substance, state.flows.delivered_kg[cell]);
    const auto& market = state.market(group.node, group.substance);
    if (std::isfinite(market.structural_price) && market.wholesale_price > 0) {
      t.set(Metric::price_wholesale_usd_per_kg, group.node, group.substance,
            market.wholesale_price);
      t.set(Metric::price_retail_usd_per_g, group.node, group.substance, market.retail_price);
    }
  }
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    const auto node = NodeIndex(n);
    for (size_t s = 0; s < substances; ++s) {
      const double seized = state.flows.seized_kg[state.cell(node, SubstanceIndex(s))];
      put(t, Metric::seized_kg, n, s, seized);
      const double legal = state.flows.legal_sales_usd[state.cell(node, SubstanceIndex(s))];
      if (legal > 0 || world.nodes[n].is_market()) put(t, Metric::legal_sales_usd, n, s, legal);
    }
    put_node(t, Metric::spend_interdiction_usd, n, money.flow(n, Purpose::interdiction));
    if (world.nodes[n].kind == NodeKind::corridor) continue;
    put_node(t, Metric::dto_revenue_usd, n, state.flows.dto_revenue_usd[n]);
    put_node(t, Metric::spend_eradication_usd, n, money.flow(n, Purpose::eradication));
    put_node(t, Metric::spend_enforcement_usd, n, money.flow(n, Purpose::enforcement));
    put_node(t, Metric::spend_treatment_usd, n, money.flow(n, Purpose::treatment));
    put_node(t, Metric::spend_prisons_usd, n, money.flow(n, Purpose::prisons));
    put_node(t, Metric::spend_programs_usd, n, money.flow(n, Purpose::programs));
    put_node(t, Metric::tax_revenue_usd, n, money.flow(n, Purpose::tax));
    put_node(t, Metric::compensation_paid_usd, n, money.flow(n, Purpose::compensation));
    put_node(t, Metric::compensation_received_usd, n, money.received(n, Purpose::compensation));
    const auto& justice = state.justice[n];
    put_node(t, Metric::arrests_possession, n, justice.arrests[size_t(Offence::possession)]);
    put_node(t, Metric::arrests_trafficking, n,
             justice.arrests[size_t(Offence::growing)] + justice.arrests[size_t(Offence::dealing)] +
                 justice.arrests[size_t(Offence::trafficking)]);
    put_node(t, Metric::prisoners, n, justice.prisoners());
    put_node(t, Metric::prisoners_drug, n, justice.drug_prisoners());
    put_node(t, Metric::prisoners_pretrial, n, justice.pretrial_prisoners());
    put_node(t, Metric::prison_capacity, n, justice.capacity);
    if (justice.capacity > 0) {
      t.set(Metric::prison_occupancy_pct, n, t.all_column(),
            100.0 * justice.prisoners() / justice.capacity);
    }
    const auto& violence = state.violence[n];
    put_node(t, Metric::homicides, n, violence.homicides);
    put_node(t, Metric::homicides_drug_related, n, violence.homicides_drug_related);
    put_node(t, Metric::kidnappings, n, violence.kidnappings);
    put_node(t, Metric::extortions, n, violence.extortions);
    put_node(t, Metric::dto_workers, n, 0.0);
    put_node(t, Metric::dto_count, n, 0.0);
  }
  for (size_t o = 0; o < state.organizations.size(); ++o) {
    const auto home = world.organizations[o].home;
    const auto& org = state.organizations[o];
    t.add(Metric::dto_workers, home, t.all_column(), double(org.workers) / state.scale);
    t.add(Metric::dto_workers, t.all_row(), t.all_column(), double(org.workers) / state.scale);
    if (org.active) {
      t.add(Metric::dto_count, home, t.all_column(), 1.0);
      t.add(Metric::dto_count, t.all_row(), t.all_column(), 1.0);
    }
  }
  double total_error = 0.0;
  for (size_t s = 0; s < substances; ++s) {
    const double stock = state.stock_kg(SubstanceIndex(s));
    const double error = state.ledger.error_kg(SubstanceIndex(s), stock);
    t.set(Metric::stock_kg, t.all_row(), s, stock);
    t.set(Metric::mass_balance_error_kg, t.all_row(), s, error);
    total_error += error;
  }
  t.set(Metric::mass_balance_error_kg, t.all_row(), t.all_column(), total_error);
  t.set(Metric::money_balance_error_usd, t.all_row(), t.all_column(),
        double(money.imbalance_cents()) / 100.0);
  // Occupancy over all countries: total prisoners over total places.
  const double places = t.get(Metric::prison_capacity, t.all_row(), t.all_column());
  if (places > 0) {
    t.set(Metric::prison_occupancy_pct, t.all_row(), t.all_column(),
          100.0 * t.get(Metric::prisoners, t.all_row(), t.all_column()) / places);
  }
  t.clamp_rounding_below_zero();
}

}  // namespace narcosim
