#include "narcosim/ensemble/sensitivity_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "narcosim/core/errors.hpp"
#include "narcosim/ensemble/design.hpp"
#include "narcosim/ensemble/plans.hpp"
#include "narcosim/ensemble/yearly_series.hpp"
#include "narcosim/io/csv.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/labels.hpp"

namespace narcosim::ensemble {

using io::human;

namespace {

// Factors of one output in rank order.
std::vector<size_t> by_rank(const MorrisAnalysis& analysis) {
  std::vector<size_t> order(analysis.measures.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return analysis.measures[a].rank < analysis.measures[b].rank;
  });
  return order;
}

std::string number(double v) {
  return std::isnan(v) ? std::string() : fmt::format("{:.6g}", v);
}

std::string percent(double v) {
  return std::isnan(v) ? std::string("-") : fmt::format("{:.1f}%", 100.0 * v);
}

size_t count_above(const OutputScreening& o, size_t dummy) {
  const auto& m = o.analysis.measures;
  size_t n = 0;
  for (size_t f = 0; f < m.size(); ++f) n += f != dummy && above_noise_floor(m[f], m[dummy]);
  return n;
}

// "+" when every effect has the sign of mu (|mu| = mu*), "-" likewise, "+/-" when effects of
// both signs partly cancel (|mu| < mu*/2), otherwise the sign of mu followed by "?".
std::string direction(const MorrisMeasures& m) {
  if (std::isnan(m.mu) || m.mu_star == 0.0) return "0";
  const double ratio = m.mu / m.mu_star;
  if (ratio >= 0.999) return "+";
  if (ratio <= -0.999) return "-";
  if (std::abs(ratio) < 0.5) return "+/-";
  return ratio > 0 ? "+?" : "-?";
}

}  // namespace

std::vector<std::vector<double>> sample_values(const RunValues& db, const RunPlan& plan,
                                               const World& world,
                                               const std::vector<ScreenedOutput>& outputs,
                                               int year) {
  const SeriesIndex index(world);
  std::map<uint32_t, std::vector<size_t>> wanted;  // series id -> outputs that sum it
  for (size_t o = 0; o < outputs.size(); ++o) {
    for (const auto metric : outputs[o].metrics) {
      wanted[index.id(metric, world.nodes.size(), world.substances.size())].push_back(o);
    }
  }
  std::vector<std::vector<double>> per_run(outputs.size(),
                                           std::vector<double>(plan.runs.size(), std::nan("")));
  db.for_each_value([&](uint32_t run_id, uint32_t series, int y, double value) {
    if (y != year) return;
    const auto it = wanted.find(series);
    if (it == wanted.end()) return;
    for (const size_t o : it->second) {
      double& v = per_run[o].at(run_id);
      v = std::isnan(v) ? value : v + value;
    }
  });
  std::vector<std::vector<double>> out(outputs.size());
  for (size_t o = 0; o < outputs.size(); ++o) {
    std::vector<double> sum(plan.samples.size(), 0.0);
    std::vector<size_t> count(plan.samples.size(), 0);
    for (const auto& run : plan.runs) {
      const double v = per_run[o][run.run_id];
      if (std::isnan(v)) continue;
      sum[run.sample] += v;
      ++count[run.sample];
    }
    out[o].resize(plan.samples.size());
    for (size_t s = 0; s < sum.size(); ++s) {
      out[o][s] = count[s] > 0 ? sum[s] / double(count[s]) : std::nan("");
    }
  }
  return out;
}

bool above_noise_floor(const MorrisMeasures& factor, const MorrisMeasures& dummy) {
  if (factor.dimension == dummy.dimension) return false;
  // NaN compares false: a factor without effects, or a floor that could not be measured,
  // never counts as above it.
  return factor.mu_star > dummy.mu_star;
}

std::string sensitivity_csv(const ScreeningReport& report) {
  std::string out =
      "output,parameter,mu,mu_star,sigma,mu_star_scaled,rank,above_noise_floor,trajectories\n";
  for (const auto& o : report.outputs) {
    const auto& m = o.analysis.measures;
    for (const size_t f : by_rank(o.analysis)) {
      fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{},{},{}\n",
                     io::csv_field(o.output.name), io::csv_field(report.factors.at(f)),
                     number(m[f].mu), number(m[f].mu_star), number(m[f].sigma),
                     number(m[f].mu_star_scaled), m[f].rank,
                     above_noise_floor(m[f], m[report.dummy()]) ? 1 : 0, m[f].effects);
    }
  }
  return out;
}

std::string sensitivity_markdown(const ScreeningReport& report, size_t top) {
  const size_t parameters = report.factors.size() - 1;
  std::string out = fmt::format("# Morris screening of {}\n\n", report.scenario);
  out += fmt::format(
      "Period {}, scale {}, outputs of the Americas in {}. {} parameters and the seed, {} "
      "trajectories on a {}-level grid (step delta = {:.4g} of each range), {} replicate{} per "
      "point, {} runs.\n\n",
      report.period, report.scale, report.year, parameters, report.design.trajectories,
      report.design.levels, report.design.delta, report.replicates,
      report.replicates == 1 ? "" : "s", report.runs);
  out +=
      "How to read it (Morris 1991; Campolongo, Cariboni & Saltelli 2007; Saltelli et al. 2008, "
      "ch. 3). Each trajectory moves every parameter once by delta of its range (on a log scale "
      "for ranges spanning a factor of 10 or more), one at a time; an elementary effect is the "
      "change of the output divided by that step, in output units per whole range.\n\n"
      "- **mu\\*** is the mean absolute elementary effect: how much the output moves with the "
      "parameter. It ranks the parameters.\n"
      "- **step** is mu\\* x delta / |mean output|: the typical relative change of the output "
      "for one step of the parameter, comparable across outputs.\n"
      "- **mu** is the mean signed effect: |mu| close to mu\\* means the output moves in one "
      "direction with the parameter (sign given), |mu| much smaller than mu\\* means the "
      "direction depends on the other parameters.\n"
      "- **sigma** is the standard deviation of the effects: large against mu\\* means the "
      "effect is non-linear or interacts with other parameters.\n"
      "- **seed** is a dummy factor: when a trajectory moves it, only the run's random numbers "
      "change. Its mu\\* is the seed-noise floor. Within a trajectory all other steps use the "
      "same seed (common random numbers), but a parameter that changes the agents' draws still "
      "picks up some seed noise, so a parameter below the floor cannot be told from noise.\n\n";
  for (const auto& o : report.outputs) {
    const auto& a = o.analysis;
    const auto& floor = a.measures.at(report.dummy());
    out += fmt::format("## {}\n\n", o.output.name);
    out += fmt::format(
        "Mean over the design in {}: {}. Noise floor (seed): mu* = {} (step {}). {} of {} "
        "parameters are above it.\n\n",
        report.year, human(a.output_mean), human(floor.mu_star), percent(floor.mu_star_scaled),
        count_above(o, report.dummy()), parameters);
    out += "| rank | parameter | mu* | step | mu | sigma | above floor |\n";
    out += "|---:|---|---:|---:|---:|---:|:---:|\n";
    for (const size_t f : by_rank(a)) {
      const auto& m = a.measures[f];
      if (m.rank > top && f != report.dummy()) continue;
      const bool dummy = f == report.dummy();
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", m.rank,
                         dummy ? std::string("*seed (dummy)*") : "`" + report.factors[f] + "`",
                         human(m.mu_star), percent(m.mu_star_scaled), human(m.mu), human(m.sigma),
                         dummy ? "floor" : (above_noise_floor(m, floor) ? "yes" : "no"));
    }
    out += '\n';
  }
  return out;
}

std::string sensitivity_summary(const ScreeningReport& report, size_t top) {
  std::string out = fmt::format(
      "Morris screening of {} ({}, scale {}): {} parameters, {} trajectories, {} runs; "
      "outputs of the Americas in {}\n",
      report.scenario, report.period, report.scale, report.factors.size() - 1,
      report.design.trajectories, report.runs, report.year);
  out +=
      "step: mu* x delta / |mean|, the typical relative change for one Morris step; dir: sign "
      "of the effects (+/- when they cancel); *: above the seed-noise floor\n";
  for (const auto& o : report.outputs) {
    const auto& a = o.analysis;
    const auto& floor = a.measures.at(report.dummy());
    const size_t above = count_above(o, report.dummy());
    out += fmt::format("\n{} (mean {}; seed floor {} per step; {} parameter{} above it)\n",
                       o.output.name, human(a.output_mean), percent(floor.mu_star_scaled), above,
                       above == 1 ? "" : "s");
    for (const size_t f : by_rank(a)) {
      const auto& m = a.measures[f];
      if (m.rank > top) break;
      const bool dummy = f == report.dummy();
      out += fmt::format("  {:>3} {:<52} {:>8} {:>4} {:>1}\n", m.rank,
                         dummy ? std::string("(seed: noise floor)") : report.factors[f],
                         percent(m.mu_star_scaled), dummy ? "" : direction(m),
                         above_noise_floor(m, floor) ? "*" : "");
    }
  }
  return out;
}

std::vector<ScreenedOutput> parse_screened_outputs(const std::string& list,
                                                   const std::string& option) {
  std::vector<ScreenedOutput> out;
  std::vector<Diagnostic> problems;
  size_t begin = 0;
  while (begin <= list.size()) {
    const size_t end = std::min(list.find(',', begin), list.size());
    ScreenedOutput output{list.substr(begin, end - begin), {}};
    size_t term = begin;
    while (term <= end) {
      const size_t plus = std::min(list.find('+', term), end);
      const std::string name = list.substr(term, plus - term);
      if (const auto metric = metric_from_name(name)) {
        output.metrics.push_back(*metric);
      } else {
        problems.push_back({SourceLocation{option, 1, int(term + 1)},
                            fmt::format("unknown metric '{}' (see ../shared/interface.md for the "
                                        "names; sum metrics with '+')",
                                        name)});
      }
      term = plus + 1;
    }
    out.push_back(std::move(output));
    begin = end + 1;
  }
  if (!problems.empty()) throw InputError(problems);
  return out;
}

int screened_year(const Scenario& scenario, int year, const std::string& option) {
  const auto years = steps_per_year(Calendar(scenario.start, scenario.end, scenario.step_days));
  if (years.empty()) {
    throw InputError(SourceLocation{scenario.source_file, 0, 0}, "the run has no steps");
  }
  if (year == 0) return years.back().first;
  if (year < years.front().first || year > years.back().first) {
    throw InputError(SourceLocation{option, 1, 1},
                     fmt::format("{} {} is outside the run ({} to {})", option, year,
                                 years.front().first, years.back().first));
  }
  return year;
}

ScreeningReport screening_report(const RunValues& db, const RunPlan& plan,
                                 const MorrisDesign& design, const World& world,
                                 const std::vector<ScreenedOutput>& outputs, int year) {
  const auto& s = plan.scenarios.front();
  ScreeningReport report;
  report.scenario = s.name;
  report.period = format_iso_date(s.start) + " to " + format_iso_date(s.end);
  report.scale = s.scale;
  report.year = year;
  report.runs = plan.runs.size();
  report.replicates = plan.replicates;
  report.design = design;
  for (const auto& p : plan.varied) report.factors.push_back(p.name);
  report.factors.emplace_back("seed");
  const auto values = sample_values(db, plan, world, outputs, year);
  for (size_t o = 0; o < outputs.size(); ++o) {
    report.outputs.push_back({outputs[o], analyse_morris(design, values[o])});
  }
  return report;
}

ScreeningPlan screening_plan(Scenario scenario, std::vector<calibration::FreeParameter> varied,
                             int trajectories, int levels, int replicates,
                             const std::string& option_prefix) {
  // The CLI's flags check the same ranges; a library caller gets the same messages.
  const auto require_range = [&option_prefix](const char* name, int value, int lo, int hi) {
    if (value < lo || value > hi) {
      throw InputError(
          SourceLocation{option_prefix + name, 1, 1},
          fmt::format("{}{} {} is outside [{}, {}]", option_prefix, name, value, lo, hi));
    }
  };
  require_range("trajectories", trajectories, 1, 100000);
  require_range("levels", levels, 2, 1000);
  require_range("replicates", replicates, 1, 1000);
  if (levels % 2 != 0) {
    throw InputError(SourceLocation{option_prefix + "levels", 1, 1},
                     fmt::format("{}levels {} is odd; a Morris design needs an even number of "
                                 "levels (Morris 1991; 4 is usual)",
                                 option_prefix, levels));
  }
  // One more dimension than parameters: the dummy seed factor.
  check_run_count(double(trajectories) * double(varied.size() + 2) * double(replicates),
                  option_prefix + "trajectories");
  ScreeningPlan out;
  out.design =
      morris_design(varied.size() + 1, size_t(trajectories), size_t(levels), scenario.seed);
  out.plan = morris_plan(out.design, std::move(scenario), std::move(varied), uint32_t(replicates));
  return out;
}

ScreeningReport run_screening(const std::shared_ptr<const World>& world, const RunPlan& plan,
                              const ScreeningRequest& request, const Cluster& cluster,
                              EnsembleSettings settings) {
  auto& keep = settings.runner.keep;
  for (const auto& o : request.outputs) {
    for (const auto m : o.metrics) {
      if (std::find(keep.metrics.begin(), keep.metrics.end(), m) == keep.metrics.end()) {
        keep.metrics.push_back(m);
      }
    }
  }
  // The screening reads the Americas (the ALL row). Nothing else is stored unless asked for:
  // every country would make rank 0's database 20 times larger and slower (docs/scaling.md).
  const size_t all_row = world->nodes.size();
  if (std::find(keep.rows.begin(), keep.rows.end(), all_row) == keep.rows.end()) {
    keep.rows.push_back(all_row);
  }
  ScreeningReport report;
  const auto analyse = [&](const std::string& work, const RunValues& db,
                           const EnsembleOutcome& /*outcome*/) {
    report = screening_report(db, plan, request.design, *world, request.outputs, request.year);
    if (work.empty()) return;  // in memory
    io::write_file_atomically(work + "/sensitivity.csv", sensitivity_csv(report));
    io::write_file_atomically(work + "/sensitivity.md",
                              sensitivity_markdown(report, request.markdown_top));
  };
  run_ensemble(world, plan, cluster, settings, analyse);
  return report;
}

}  // namespace narcosim::ensemble
