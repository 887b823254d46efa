#include "narcosim/calibration/fit_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "narcosim/io/csv.hpp"

namespace narcosim::calibration {

namespace {

// Three significant digits, plain notation below a billion.
std::string sig3(double v) {
  if (std::isnan(v)) return "n/a";
  const double a = std::abs(v);
  if (a >= 1e9) return fmt::format("{:.3g}", v);
  if (a >= 100) return fmt::format("{:.0f}", v);
  if (a >= 10) return fmt::format("{:.1f}", v);
  if (a >= 1) return fmt::format("{:.2f}", v);
  return fmt::format("{:.3g}", v);
}

std::string cell(std::string text) {
  std::replace(text.begin(), text.end(), '|', '/');
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

std::string html_escape(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// The summaries every output shares.
struct Bands {
  std::vector<double> median, low, high, prior_median;
  explicit Bands(const CalibrationResult& r)
      : median(r.posterior.quantile(0.5)),
        low(r.posterior.quantile(0.05)),
        high(r.posterior.quantile(0.95)),
        prior_median(r.prior.quantile(0.5)) {}
};

std::string summary_markdown(const Calibrator& c, const Bands& b) {
  const auto& s = c.settings();
  const auto cal = c.calibration_targets();
  const auto oos = c.out_of_sample_targets();
  const auto fit_cal = score(c.targets(), cal, b.median);
  const auto prior_cal = score(c.targets(), cal, b.prior_median);
  const auto fit_oos = score(c.targets(), oos, b.median);
  const auto prior_oos = score(c.targets(), oos, b.prior_median);
  std::string out;
  out += fmt::format(
      "| | targets | within 1.5x | within 2x | weighted log error |\n|---|---:|---:|---:|---:|\n");
  out +=
      fmt::format("| calibration {}-{}, registered defaults | {} | {:.0f}% | {:.0f}% | {:.3f} |\n",
                  s.first_year, s.fit_last_year, prior_cal.count, 100 * prior_cal.within_1_5,
                  100 * prior_cal.within_2, prior_cal.loss);
  out += fmt::format("| calibration {}-{}, fitted | {} | **{:.0f}%** | {:.0f}% | {:.3f} |\n",
                     s.first_year, s.fit_last_year, fit_cal.count, 100 * fit_cal.within_1_5,
                     100 * fit_cal.within_2, fit_cal.loss);
  out += fmt::format(
      "| out of sample {}-{}, registered defaults | {} | {:.0f}% | {:.0f}% | {:.3f} |\n",
      s.fit_last_year + 1, s.last_year, prior_oos.count, 100 * prior_oos.within_1_5,
      100 * prior_oos.within_2, prior_oos.loss);
  out += fmt::format("| out of sample {}-{}, fitted | {} | {:.0f}% | **{:.0f}%** | {:.3f} |\n\n",
                     s.fit_last_year + 1, s.last_year, fit_oos.count, 100 * fit_oos.within_1_5,
                     100 * fit_oos.within_2, fit_oos.loss);
  out += fmt::format(
      "Goals (issue 4): at least 80% of calibration targets within a factor of 1.5 ({}), at "
      "least 70% of out-of-sample targets within a factor of 2 ({}).\n\n",
      fit_cal.within_1_5 >= 0.8 ? "met" : "not met", fit_oos.within_2 >= 0.7 ? "met" : "not met");

  // One row per indicator: the four fits joined by name.
  auto all = cal;
  all.insert(all.end(), oos.begin(), oos.end());
  std::map<std::string, std::array<IndicatorFit, 4>> rows;  // fitted, defaults, oos, all
  const std::array<std::vector<IndicatorFit>, 4> fits{
      fit_by_indicator(c.targets(), cal, b.median),
      fit_by_indicator(c.targets(), cal, b.prior_median),
      fit_by_indicator(c.targets(), oos, b.median), fit_by_indicator(c.targets(), all, b.median)};
  for (size_t k = 0; k < fits.size(); ++k) {
    for (const auto& f : fits[k]) rows[f.indicator][k] = f;
  }
  out +=
      "| indicator | calibration targets | within 1.5x, defaults | within 1.5x, fitted | "
      "out-of-sample targets | within 2x, fitted | factor off |\n"
      "|---|---:|---:|---:|---:|---:|---:|\n";
  for (const auto& [name, row] : rows) {
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {:.2f} |\n", name, row[0].count,
                       row[1].within_1_5, row[0].within_1_5, row[2].count, row[2].within_2,
                       row[3].factor_off);
  }
  out += "\n(The last column is the geometric mean of max(model/observed, observed/model).)\n\n";
  return out;
}

std::string parameters_markdown(const Calibrator& c, const CalibrationResult& r) {
  std::string out =
      "| parameter | prior range | scale | registered default | fitted | why it is free |\n"
      "|---|---|---|---:|---:|---|\n";
  const auto& free = c.free_parameters();
  for (size_t i = 0; i < free.size(); ++i) {
    out += fmt::format("| `{}` | [{}, {}] | {} | {} | {} | {} |\n", free[i].name, free[i].lower,
                       free[i].upper, free[i].log_scale ? "log" : "linear", sig3(free[i].start),
                       sig3(r.fitted[i]), cell(free[i].why));
  }
  return out + "\n";
}

std::string targets_markdown(const Calibrator& c, const std::vector<size_t>& indices,
                             const Bands& b) {
  std::string out =
      "| indicator | country | year | observed | unit | model median | 90% band | model / observed "
      "| source |\n|---|---|---:|---:|---|---:|---|---:|---|\n";
  for (const auto i : indices) {
    const auto& t = c.targets().targets[i];
    out += fmt::format("| {} | {} | {} | {} | {} | {} | {}-{} | {:.2f} | {} |\n", t.indicator,
                       t.country, t.year, sig3(t.observed), cell(t.unit), sig3(b.median[i]),
                       sig3(b.low[i]), sig3(b.high[i]), b.median[i] / t.observed, cell(t.source));
  }
  return out + "\n";
}

std::string skipped_markdown(const Calibrator& c) {
  std::map<std::string, std::pair<size_t, std::string>> reasons;
  for (const auto& s : c.targets().skipped) {
    auto& entry = reasons[s.indicator + " " + s.country];
    if (entry.first++ == 0) entry.second = s.reason;
  }
  std::string out = "| indicator and place | rows | why it is not fitted |\n|---|---:|---|\n";
  for (const auto& [key, entry] : reasons) {
    out += fmt::format("| {} | {} | {} |\n", key, entry.first, cell(entry.second));
  }
  return out + "\n";
}

// One small plot: observed points and the model's median and 90% band at each target year.
std::string svg_plot(const Calibrator& c, const std::vector<size_t>& indices, const Bands& b) {
  const auto& s = c.settings();
  constexpr double kWidth = 260, kHeight = 150, kLeft = 46, kRight = 8, kTop = 8, kBottom = 22;
  double top = 0.0;
  for (const auto i : indices) {
    top = std::max({top, c.targets().targets[i].observed, std::isnan(b.high[i]) ? 0.0 : b.high[i]});
  }
  top = top > 0 ? top * 1.1 : 1.0;
  const double years = double(s.last_year - s.first_year) + 1.0;
  auto x = [&](double year) {
    return kLeft + (year - s.first_year + 0.5) / years * (kWidth - kLeft - kRight);
  };
  auto y = [&](double v) {
    return kTop + (1.0 - std::clamp(v, 0.0, top) / top) * (kHeight - kTop - kBottom);
  };
  std::string out = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-size="9">)", kWidth,
      kHeight);
  out += fmt::format(R"(<rect x="{}" y="{}" width="{}" height="{}" fill="#fafafa" stroke="#ccc"/>)",
                     kLeft, kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom);
  const double split = x(s.fit_last_year + 0.5);
  out += fmt::format(
      R"(<line x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="#999" stroke-dasharray="3,2"/>)", split,
      kTop, kHeight - kBottom);
  out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)", kLeft - 3, kTop + 8,
                     sig3(top));
  out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">0</text>)", kLeft - 3,
                     kHeight - kBottom);
  for (int year = s.first_year; year <= s.last_year; year += 2) {
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", x(year),
                       kHeight - 8, year);
  }
  for (const auto i : indices) {
    const auto& t = c.targets().targets[i];
    const double xi = x(t.year);
    if (!std::isnan(b.low[i])) {
      out += fmt::format(
          R"(<rect x="{}" y="{}" width="10" height="{}" fill="#9ecae1"><title>model 90% band {}-{}</title></rect>)",
          xi - 5, y(b.high[i]), std::max(1.0, y(b.low[i]) - y(b.high[i])), sig3(b.low[i]),
          sig3(b.high[i]));
      out += fmt::format(
          R"(<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#08519c" stroke-width="2"/>)", xi - 6,
          xi + 6, y(b.median[i]), y(b.median[i]));
    }
    out += fmt::format(
        R"(<circle cx="{}" cy="{}" r="3" fill="#d94801"><title>observed {} ({})</title></circle>)",
        xi, y(t.observed), sig3(t.observed), html_escape(t.source.substr(0, 120)));
  }
  return out + "</svg>";
}

}  // namespace

std::string fitted_parameters_yaml(const Calibrator& c, const CalibrationResult& r,
                                   const ReportContext& context) {
  const auto& best = r.evaluations[r.best];
  std::string out = fmt::format(
      "# Fitted by `{}` on {} (commit {}).\n"
      "# Best of {} evaluations: weighted log error {:.4f} on {} calibration targets, {:.0f}% "
      "within a factor of 1.5 (mean of the fit seeds).\n"
      "# The report and the prior range and reason of each parameter: docs/validation.md.\n"
      "# Written by the calibration: edit data/calibration/free_parameters.csv and rerun instead.\n"
      "parameters:\n",
      context.command, context.date, context.commit, r.evaluations.size(), best.fit.loss,
      best.fit.count, 100 * best.fit.within_1_5);
  const auto& free = c.free_parameters();
  for (size_t i = 0; i < free.size(); ++i) {
    out += fmt::format("  {}: {:.6g}  # prior [{}, {}], registered default {}\n", free[i].name,
                       r.fitted[i], free[i].lower, free[i].upper, free[i].start);
  }
  return out;
}

std::string fit_csv(const Calibrator& c, const CalibrationResult& r) {
  const Bands b(r);
  std::string out =
      "indicator,country,year,set,observed,unit,model_median,model_p05,model_p95,"
      "default_median,ratio,source\n";
  const auto& s = c.settings();
  for (size_t i = 0; i < c.targets().targets.size(); ++i) {
    const auto& t = c.targets().targets[i];
    if (t.year < s.first_year || t.year > s.last_year) continue;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", io::csv_field(t.indicator),
                       io::csv_field(t.country), t.year,
                       t.year <= s.fit_last_year ? "calibration" : "out_of_sample", t.observed,
                       io::csv_field(t.unit), b.median[i], b.low[i], b.high[i], b.prior_median[i],
                       b.median[i] / t.observed, io::csv_field(t.source));
  }
  return out;
}

std::string evaluations_csv(const Calibrator& c, const CalibrationResult& r) {
  std::string out = "evaluation,loss,within_1_5,within_2,seconds";
  for (const auto& p : c.free_parameters()) out += "," + io::csv_field(p.name);
  out += "\n";
  for (size_t e = 0; e < r.evaluations.size(); ++e) {
    const auto& ev = r.evaluations[e];
    out += fmt::format("{},{},{},{},{:.2f}", e + 1, ev.fit.loss, ev.fit.within_1_5, ev.fit.within_2,
                       ev.seconds);
    for (size_t i = 0; i < ev.unit.size(); ++i) {
      out += fmt::format(",{}", c.free_parameters()[i].from_unit(ev.unit[i]));
    }
    out += "\n";
  }
  return out;
}

std::string fit_markdown(const Calibrator& c, const CalibrationResult& r,
                         const ReportContext& context) {
  const Bands b(r);
  const auto& s = c.settings();
  std::string out = fmt::format(
      "## Fit to {}-{}\n\n"
      "Generated by `{}` on {} (commit {}) in {:.0f} s: {} evaluations of the {} free parameters "
      "with NLopt {} (each the mean of seeds {} at scale {}), then {} replicates (seeds 1001-{}) "
      "of the registered defaults and of the fit, {}-{}. Model values are the median of the "
      "replicates and the band their 5th-95th percentiles. The optimiser saw the {}-{} targets "
      "only.\n\n",
      s.first_year, s.last_year, context.command, context.date, context.commit, r.wall_seconds,
      r.evaluations.size(), c.free_parameters().size(), s.algorithm, fmt::join(s.fit_seeds, ", "),
      s.scale, s.report_seeds, 1000 + s.report_seeds, s.first_year, s.last_year, s.first_year,
      s.fit_last_year);
  out += summary_markdown(c, b);
  out += "### Fitted parameters\n\n" + parameters_markdown(c, r);
  out += fmt::format("### Calibration targets {}-{}\n\n", s.first_year, s.fit_last_year);
  out += targets_markdown(c, c.calibration_targets(), b);
  out += fmt::format("### Out-of-sample targets {}-{}\n\n", s.fit_last_year + 1, s.last_year);
  out += targets_markdown(c, c.out_of_sample_targets(), b);
  out += "### Targets not fitted\n\n" + skipped_markdown(c);
  return out;
}

std::string fit_html(const Calibrator& c, const CalibrationResult& r, const std::string& markdown) {
  const Bands b(r);
  // Markdown tables are kept as preformatted text: the plots are what the HTML adds.
  std::string out =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>narcosim calibration</title>"
      "<style>body{font-family:sans-serif;margin:1.5em}figure{display:inline-block;margin:4px}"
      "figcaption{font-size:11px;max-width:260px}pre{font-size:11px;white-space:pre-wrap}"
      "</style></head><body><h1>narcosim calibration</h1>";
  out +=
      "<p>Orange dots: observed values (hover for the source). Blue: model median and 90% "
      "band of the fitted baseline. Left of the dashed line: calibration years; right: "
      "out of sample.</p>";
  std::map<std::pair<std::string, std::string>, std::vector<size_t>> series;
  const auto& s = c.settings();
  for (size_t i = 0; i < c.targets().targets.size(); ++i) {
    const auto& t = c.targets().targets[i];
    if (t.year >= s.first_year && t.year <= s.last_year)
      series[{t.indicator, t.country}].push_back(i);
  }
  std::string indicator;
  for (const auto& [key, indices] : series) {
    if (key.first != indicator) {
      indicator = key.first;
      out += fmt::format("<h2>{}</h2>", html_escape(indicator));
    }
    out += fmt::format("<figure>{}<figcaption>{} ({})</figcaption></figure>",
                       svg_plot(c, indices, b), html_escape(key.second),
                       html_escape(c.targets().targets[indices.front()].unit));
  }
  out += "<h2>Tables</h2><pre>" + html_escape(markdown) + "</pre></body></html>\n";
  return out;
}

}  // namespace narcosim::calibration
