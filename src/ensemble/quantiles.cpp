#include "narcosim/ensemble/quantiles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "narcosim/io/csv.hpp"
#include "narcosim/io/labels.hpp"

namespace narcosim::ensemble {

using io::human;
using io::node_label;
using io::substance_label;

double quantile_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double position = q * double(sorted.size() - 1);
  const auto below = size_t(std::floor(position));
  const size_t above = std::min(below + 1, sorted.size() - 1);
  const double weight = position - double(below);
  return sorted[below] + weight * (sorted[above] - sorted[below]);
}

std::vector<Distribution> distributions(const RunValues& db, const RunPlan& plan,
                                        const World& world) {
  // Values are grouped in a dense table over (scenario, series, year), not a map: there are
  // tens of millions of values in a large ensemble and this loop is rank 0's serial tail.
  int first_year = std::numeric_limits<int>::max();
  int last_year = std::numeric_limits<int>::min();
  for (const auto& s : plan.scenarios) {
    first_year = std::min(first_year, year_of(s.start));
    last_year = std::max(last_year, year_of(s.end));
  }
  const auto years = size_t(std::max(0, last_year - first_year + 1));
  const size_t series = SeriesIndex(world).size();
  std::vector<std::vector<double>> grouped(plan.scenarios.size() * series * years);
  db.for_each_value([&](uint32_t run_id, uint32_t id, int year, double value) {
    const size_t scenario = plan.runs.at(run_id).scenario;
    grouped.at((scenario * series + id) * years + size_t(year - first_year)).push_back(value);
  });
  std::vector<Distribution> out;
  for (size_t slot = 0; slot < grouped.size(); ++slot) {
    auto& values = grouped[slot];
    if (values.empty()) continue;
    // The mean is summed in run order, before sorting: the same runs give the same bits.
    const double mean = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
    std::sort(values.begin(), values.end());
    const SeriesKey key{uint32_t(slot / (series * years)), uint32_t(slot / years % series),
                        first_year + int(slot % years)};
    out.push_back(Distribution{key, std::move(values), mean});
  }
  return out;
}

std::string quantiles_csv(const std::vector<Distribution>& distributions, const RunPlan& plan,
                          const World& world) {
  const SeriesIndex index(world);
  std::string out = "scenario,date,country,substance,metric,runs,mean,q05,q25,q50,q75,q95\n";
  for (const auto& d : distributions) {
    const auto cell = index.cell(d.key.series);
    fmt::format_to(std::back_inserter(out), "{},{}-01-01,{},{},{},{},{:.9g}",
                   io::csv_field(plan.scenarios.at(d.key.scenario).name), d.key.year,
                   io::csv_field(node_label(world, cell.row)),
                   io::csv_field(substance_label(world, cell.column)), info(cell.metric).name,
                   d.sorted.size(), d.mean);
    for (const double q : kQuantiles) {
      fmt::format_to(std::back_inserter(out), ",{:.9g}", quantile_sorted(d.sorted, q));
    }
    out += '\n';
  }
  return out;
}

std::string ensemble_summary(const std::vector<Distribution>& distributions, const RunPlan& plan,
                             const World& world) {
  const SeriesIndex index(world);
  const size_t all_row = world.nodes.size();
  const size_t all_column = world.substances.size();
  const Metric headline[] = {
      Metric::homicides,       Metric::kidnappings,     Metric::extortions,
      Metric::prisoners,       Metric::prisoners_drug,  Metric::users_light,
      Metric::users_heavy,     Metric::overdose_deaths, Metric::consumption_kg,
      Metric::seized_kg,       Metric::cultivation_ha,  Metric::illicit_sales_usd,
      Metric::dto_revenue_usd, Metric::legal_sales_usd, Metric::tax_revenue_usd};
  int final_year = 0;
  for (const auto& d : distributions) final_year = std::max(final_year, d.key.year);
  std::string out;
  for (uint32_t s = 0; s < plan.scenarios.size(); ++s) {
    out += fmt::format("{}: the Americas in {}, median and 90% band over runs\n",
                       plan.scenarios[s].name, final_year);
    out += fmt::format("  {:<24} {:>10} {:>10} {:>10}  {:>5}\n", "metric", "median", "5%", "95%",
                       "runs");
    for (const auto metric : headline) {
      const SeriesKey key{s, index.id(metric, all_row, all_column), final_year};
      const auto it =
          std::lower_bound(distributions.begin(), distributions.end(), key,
                           [](const Distribution& d, const SeriesKey& k) { return d.key < k; });
      if (it == distributions.end() || it->key != key) continue;
      out += fmt::format("  {:<24} {:>10} {:>10} {:>10}  {:>5}\n", info(metric).name,
                         human(quantile_sorted(it->sorted, 0.5)),
                         human(quantile_sorted(it->sorted, 0.05)),
                         human(quantile_sorted(it->sorted, 0.95)), it->sorted.size());
    }
  }
  return out;
}

}  // namespace narcosim::ensemble
