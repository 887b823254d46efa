#include "narcosim/ensemble/paired.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "narcosim/ensemble/quantiles.hpp"
#include "narcosim/io/comparison.hpp"
#include "narcosim/io/csv.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/labels.hpp"

namespace narcosim::ensemble {

namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return quantile_sorted(values, 0.5);
}

// Run-level values of one run: totals of flows, step-weighted means of levels, final year.
struct ValuesOfRun {
  std::vector<double> total, weight, final;
};

struct Differences {
  std::vector<double> sorted;  // B - A per pair, ascending
  double mean = 0.0;
  double lower = 0.0;   // share of pairs with B < A
  double higher = 0.0;  // share of pairs with B > A
};

Differences differences(const std::vector<double>& a, const std::vector<double>& b) {
  Differences d;
  for (size_t i = 0; i < a.size(); ++i) {
    const double diff = b[i] - a[i];
    d.sorted.push_back(diff);
    d.lower += b[i] < a[i] ? 1.0 : 0.0;
    d.higher += b[i] > a[i] ? 1.0 : 0.0;
  }
  const auto n = double(std::max<size_t>(1, a.size()));
  d.mean = std::accumulate(d.sorted.begin(), d.sorted.end(), 0.0) / n;
  d.lower /= n;
  d.higher /= n;
  std::sort(d.sorted.begin(), d.sorted.end());
  return d;
}

double relative_median(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> relative;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != 0.0) relative.push_back((b[i] - a[i]) / std::abs(a[i]));
  }
  return relative.empty() ? std::nan("") : median(relative);
}

}  // namespace

std::vector<PairedSeries> paired_series(const RunValues& db, const RunPlan& plan,
                                        const World& world) {
  const Scenario& a = plan.scenarios.at(0);
  // Steps per calendar year of the run, consecutive from its first year: the weights of levels.
  const auto years = steps_per_year(Calendar(a.start, a.end, a.step_days));
  const int first_year = years.empty() ? 0 : years.front().first;
  const int final_year = years.empty() ? 0 : years.back().first;
  const SeriesIndex index(world);
  std::vector<ValuesOfRun> runs(plan.runs.size());
  db.for_each_value([&](uint32_t run_id, uint32_t series, int year, double value) {
    auto& r = runs.at(run_id);
    if (r.total.empty()) {
      r.total.assign(index.size(), std::nan(""));
      r.weight.assign(index.size(), 0.0);
      r.final.assign(index.size(), std::nan(""));
    }
    const bool level = info(index.cell(series).metric).aggregation == Aggregation::mean;
    const double w = level ? double(years.at(size_t(year - first_year)).second) : 1.0;
    r.total[series] = (std::isnan(r.total[series]) ? 0.0 : r.total[series]) + w * value;
    r.weight[series] += w;
    if (year == final_year) r.final[series] = value;
  });
  for (uint32_t id = 0; id < index.size(); ++id) {
    if (info(index.cell(id).metric).aggregation != Aggregation::mean) continue;
    for (auto& r : runs) {
      if (!r.total.empty() && r.weight[id] > 0) r.total[id] /= r.weight[id];
    }
  }
  // Run ids are laid out sample, replicate, scenario: pair p is runs 2p (A) and 2p + 1 (B).
  std::vector<PairedSeries> out(index.size());
  for (size_t p = 0; p + 1 < runs.size(); p += 2) {
    const auto& ra = runs[p];
    const auto& rb = runs[p + 1];
    if (ra.total.empty() || rb.total.empty()) continue;
    for (uint32_t id = 0; id < index.size(); ++id) {
      if (std::isnan(ra.total[id]) && std::isnan(rb.total[id])) continue;
      auto& s = out[id];
      s.series = id;
      s.a_run.push_back(ra.total[id]);
      s.b_run.push_back(rb.total[id]);
      s.a_final.push_back(ra.final[id]);
      s.b_final.push_back(rb.final[id]);
    }
  }
  std::erase_if(out, [](const PairedSeries& s) { return s.a_run.empty(); });
  return out;
}

std::string paired_differences_csv(const std::vector<PairedSeries>& pairs, const World& world) {
  const SeriesIndex index(world);
  std::string out =
      "period,country,substance,metric,pairs,a_median,b_median,difference_mean,difference_q05,"
      "difference_q25,difference_q50,difference_q75,difference_q95,relative_difference_median,"
      "probability_lower,probability_higher\n";
  for (const bool final : {false, true}) {
    for (const auto& s : pairs) {
      const auto cell = index.cell(s.series);
      const auto& a = final ? s.a_final : s.a_run;
      const auto& b = final ? s.b_final : s.b_run;
      const auto d = differences(a, b);
      fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{:.9g},{:.9g},{:.9g}",
                     final ? "final_year" : "run", io::csv_field(io::node_label(world, cell.row)),
                     io::csv_field(io::substance_label(world, cell.column)), info(cell.metric).name,
                     a.size(), median(a), median(b), d.mean);
      for (const double q : kQuantiles) {
        fmt::format_to(std::back_inserter(out), ",{:.9g}", quantile_sorted(d.sorted, q));
      }
      fmt::format_to(std::back_inserter(out), ",{:.6g},{:.4f},{:.4f}\n", relative_median(a, b),
                     d.lower, d.higher);
    }
  }
  return out;
}

std::vector<HeadlineRow> paired_headline_rows(const std::vector<PairedSeries>& pairs,
                                              const World& world) {
  const SeriesIndex index(world);
  const size_t all_row = world.nodes.size();
  const size_t all_column = world.substances.size();
  auto find = [&](Metric m) -> const PairedSeries* {
    const uint32_t id = index.id(m, all_row, all_column);
    const auto it = std::find_if(pairs.begin(), pairs.end(),
                                 [id](const PairedSeries& s) { return s.series == id; });
    return it == pairs.end() ? nullptr : &*it;
  };
  const size_t n = pairs.empty() ? 0 : pairs.front().a_run.size();
  std::vector<HeadlineRow> rows;
  for (const auto& h : io::headlines()) {
    std::vector<double> a(n, 0.0), b(n, 0.0);
    bool any = false;
    for (const auto metric : h.metrics) {
      const auto* s = find(metric);
      if (s == nullptr) continue;
      any = true;
      for (size_t i = 0; i < n; ++i) {
        a[i] += std::isnan(s->a_run[i]) ? 0.0 : s->a_run[i];
        b[i] += std::isnan(s->b_run[i]) ? 0.0 : s->b_run[i];
      }
    }
    if (!any) continue;
    const auto d = differences(a, b);
    HeadlineRow row;
    row.label = h.label;
    for (const auto metric : h.metrics) row.metrics.emplace_back(info(metric).name);
    row.pairs = n;
    row.a_median = median(a);
    row.b_median = median(b);
    row.difference_median = quantile_sorted(d.sorted, 0.5);
    row.difference_q05 = quantile_sorted(d.sorted, 0.05);
    row.difference_q95 = quantile_sorted(d.sorted, 0.95);
    row.relative_median = relative_median(a, b);
    row.probability_lower = d.lower;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string paired_headline(const std::vector<PairedSeries>& pairs, const RunPlan& plan,
                            const World& world) {
  const size_t n = pairs.empty() ? 0 : pairs.front().a_run.size();
  std::string out = fmt::format(
      "{} (A) against {} (B): {} pairs of runs with common random numbers, B - A over the run\n",
      plan.scenarios.at(0).name, plan.scenarios.at(1).name, n);
  out += fmt::format("{:<30} {:>11} {:>11} {:>23} {:>8} {:>9}\n", "Americas and XEU", "A median",
                     "B-A median", "90% interval of B-A", "median%", "P(lower)");
  for (const auto& row : paired_headline_rows(pairs, world)) {
    out += fmt::format(
        "{:<30} {:>11} {:>11} {:>23} {:>8} {:>9.2f}\n", row.label, io::human(row.a_median),
        io::human(row.difference_median),
        fmt::format("[{}, {}]", io::human(row.difference_q05), io::human(row.difference_q95)),
        std::isnan(row.relative_median) ? std::string("-")
                                        : fmt::format("{:+.1f}", 100 * row.relative_median),
        row.probability_lower);
  }
  out +=
      "P(lower): share of pairs in which B is below A. The interval is the 5th to 95th "
      "percentile of the paired differences (seed noise and, with parameter samples, parameter "
      "uncertainty).\n";
  return out;
}

PairedComparison run_paired_comparison(const std::shared_ptr<const World>& world,
                                       const RunPlan& plan, const Cluster& cluster,
                                       const EnsembleSettings& settings) {
  PairedComparison comparison;
  const auto analyse = [&](const std::string& work, const RunValues& db,
                           const EnsembleOutcome& /*outcome*/) {
    comparison.pairs = paired_series(db, plan, *world);
    comparison.headline = paired_headline(comparison.pairs, plan, *world);
    if (work.empty()) return;  // in memory
    io::write_file_atomically(work + "/paired_differences.csv",
                              paired_differences_csv(comparison.pairs, *world));
    io::write_file_atomically(work + "/headline.txt", comparison.headline);
  };
  comparison.outcome = run_ensemble(world, plan, cluster, settings, analyse);
  return comparison;
}

}  // namespace narcosim::ensemble
