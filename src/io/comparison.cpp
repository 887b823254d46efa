#include "narcosim/io/comparison.hpp"

#include "narcosim/io/csv.hpp"
#include "narcosim/io/labels.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace narcosim::io {

namespace {

double relative(double a, double b) {
  return a != 0.0 ? (b - a) / std::abs(a) : std::nan("");
}

}  // namespace

const std::vector<Headline>& headlines() {
  static const std::vector<Headline> list = {
      {"homicides", {Metric::homicides}, true},
      {"  drug-related homicides", {Metric::homicides_drug_related}, false},
      {"kidnappings and extortions", {Metric::kidnappings, Metric::extortions}, false},
      {"prisoners", {Metric::prisoners}, true},
      {"  held for drug offences", {Metric::prisoners_drug}, false},
      {"users (light+heavy+treatment)",
       {Metric::users_light, Metric::users_heavy, Metric::users_in_treatment},
       true},
      {"overdose deaths", {Metric::overdose_deaths}, false},
      {"consumption kg", {Metric::consumption_kg}, false},
      {"seized kg", {Metric::seized_kg}, false},
      {"coca/poppy/cannabis ha", {Metric::cultivation_ha}, false},
      {"illicit retail sales USD", {Metric::illicit_sales_usd}, true},
      {"trafficking revenue USD", {Metric::dto_revenue_usd}, false},
      {"legal sales USD", {Metric::legal_sales_usd}, false},
      {"public spending USD",
       {Metric::spend_interdiction_usd, Metric::spend_eradication_usd,
        Metric::spend_enforcement_usd, Metric::spend_treatment_usd, Metric::spend_prisons_usd,
        Metric::spend_programs_usd},
       true},
      {"tax revenue USD", {Metric::tax_revenue_usd}, false},
      {"compensation paid USD", {Metric::compensation_paid_usd}, false},
      {"bribes USD", {Metric::bribes_usd}, false},
  };
  return list;
}

std::string differences_csv(const World& world, const SummaryCollector& a,
                            const SummaryCollector& b) {
  std::string out =
      "country,substance,metric,aggregation,a,b,difference,relative_difference,final_year_a,"
      "final_year_b,final_year_difference\n";
  for (size_t m = 0; m < kMetricCount; ++m) {
    const auto metric = Metric(m);
    for (size_t r = 0; r < world.nodes.size() + 1; ++r) {
      for (size_t c = 0; c < world.substances.size() + 1; ++c) {
        if (!a.present(metric, r, c) && !b.present(metric, r, c)) continue;
        const double va = a.value(metric, r, c);
        const double vb = b.value(metric, r, c);
        const double fa = a.final_year(metric, r, c);
        const double fb = b.final_year(metric, r, c);
        fmt::format_to(std::back_inserter(out),
                       "{},{},{},{},{:.8g},{:.8g},{:.8g},{:.6g},{:.8g},{:.8g},{:.8g}\n",
                       csv_field(node_label(world, r)), csv_field(substance_label(world, c)),
                       info(metric).name,
                       info(metric).aggregation == Aggregation::sum ? "total" : "mean", va, vb,
                       vb - va, relative(va, vb), fa, fb, fb - fa);
      }
    }
  }
  return out;
}

std::string headline_table(const World& world, const std::string& name_a, const SummaryCollector& a,
                           const std::string& name_b, const SummaryCollector& b) {
  const auto& rows = headlines();
  const size_t all_row = world.nodes.size();
  const size_t all_column = world.substances.size();
  auto total = [&](const SummaryCollector& s, const Headline& h, size_t row, bool final) {
    double sum = 0.0;
    bool any = false;
    for (const auto metric : h.metrics) {
      const double v =
          final ? s.final_year(metric, row, all_column) : s.value(metric, row, all_column);
      if (!std::isnan(v)) {
        sum += v;
        any = true;
      }
    }
    return any ? sum : std::nan("");
  };
  std::string out = fmt::format("{} (A) against {} (B), same seed: B - A\n", name_a, name_b);
  out += fmt::format("{:<30} {:>11} {:>11} {:>8} | {:>11} {:>11} {:>8}\n", "Americas and XEU",
                     "run A", "run B - A", "%", "final A", "final B - A", "%");
  auto pct = [](double x) {
    return std::isnan(x) ? std::string("-") : fmt::format("{:+.1f}", 100 * x);
  };
  for (const auto& h : rows) {
    const double ra = total(a, h, all_row, false);
    const double rb = total(b, h, all_row, false);
    const double fa = total(a, h, all_row, true);
    const double fb = total(b, h, all_row, true);
    out += fmt::format("{:<30} {:>11} {:>11} {:>8} | {:>11} {:>11} {:>8}\n", h.label, human(ra),
                       human(rb - ra), pct(relative(ra, rb)), human(fa), human(fb - fa),
                       pct(relative(fa, fb)));
  }
  out +=
      "(Run columns: totals over the run for flows, means for users, prisoners and hectares;\n"
      " final: the last full year.)\n";
  // The countries where the headline metrics move most, in relative terms over the run.
  struct Mover {
    double score;
    size_t row;
  };
  std::vector<Mover> movers;
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    if (!world.nodes[n].is_market()) continue;
    double score = 0.0;
    for (const auto& h : rows) {
      if (!h.in_country_table) continue;
      const double d = relative(total(a, h, n, false), total(b, h, n, false));
      if (!std::isnan(d)) score = std::max(score, std::abs(d));
    }
    if (score > 1e-9) movers.push_back({score, n});
  }
  std::sort(movers.begin(), movers.end(), [](const Mover& x, const Mover& y) {
    return x.score != y.score ? x.score > y.score : x.row < y.row;
  });
  if (movers.empty()) {
    out += "No headline metric differs in any country.\n";
    return out;
  }
  out += fmt::format("\nCountries that move most (B - A over the run, %):\n{:<5}", "");
  for (const auto& h : rows) {
    if (h.in_country_table) out += fmt::format(" {:>10.10}", h.label);
  }
  out += "\n";
  for (size_t i = 0; i < movers.size() && i < 8; ++i) {
    const size_t row = movers[i].row;
    out += fmt::format("{:<5}", world.nodes[row].id);
    for (const auto& h : rows) {
      if (!h.in_country_table) continue;
      out +=
          fmt::format(" {:>10}", pct(relative(total(a, h, row, false), total(b, h, row, false))));
    }
    out += "\n";
  }
  return out;
}

}  // namespace narcosim::io
