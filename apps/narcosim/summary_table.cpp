#include "summary_table.hpp"

#include <fmt/format.h>

#include <cmath>

namespace narcosim::cli {

namespace {

std::string cell(double v, double divisor = 1.0, int decimals = 0) {
  if (std::isnan(v)) return "-";
  return fmt::format("{:.{}f}", v / divisor, decimals);
}

}  // namespace

std::string summary_table(const World& world, const io::SummaryCollector& summary) {
  const auto cocaine = world.substance_index("cocaine").value_or(0);
  const size_t all = world.substances.size();
  std::string out =
      fmt::format("Final year {} (cocaine; * = all substances; flows are annual totals)\n",
                  summary.last_year());
  out += fmt::format("{:<4} {:>9} {:>9} {:>8} {:>8} {:>10} {:>9} {:>8} {:>10} {:>9}\n", "",
                     "coca ha", "prod t", "seized t", "deliv t", "users k", "whsl $/kg",
                     "retail $/g", "OD deaths*", "DTO rev $M*");
  auto row = [&](size_t r, const std::string& label) {
    out += fmt::format("{:<4} {:>9} {:>9} {:>8} {:>8} {:>10} {:>9} {:>8} {:>10} {:>9}\n", label,
                       cell(summary.final_year(Metric::cultivation_ha, r, cocaine)),
                       cell(summary.final_year(Metric::production_kg, r, cocaine), 1000.0),
                       cell(summary.final_year(Metric::seized_kg, r, cocaine), 1000.0, 1),
                       cell(summary.final_year(Metric::delivered_kg, r, cocaine), 1000.0, 1),
                       cell(summary.final_year(Metric::users_light, r, cocaine) +
                                summary.final_year(Metric::users_heavy, r, cocaine) +
                                summary.final_year(Metric::users_in_treatment, r, cocaine),
                            1000.0),
                       cell(summary.final_year(Metric::price_wholesale_usd_per_kg, r, cocaine)),
                       cell(summary.final_year(Metric::price_retail_usd_per_g, r, cocaine), 1.0, 1),
                       cell(summary.final_year(Metric::overdose_deaths, r, all)),
                       cell(summary.final_year(Metric::dto_revenue_usd, r, all), 1e6));
  };
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    if (!world.nodes[n].is_market()) continue;
    row(n, world.nodes[n].id);
  }
  row(world.nodes.size(), "ALL");
  return out;
}

}  // namespace narcosim::cli
