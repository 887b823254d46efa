#include "narcosim/io/baseline_comparison.hpp"

#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "labels.hpp"
#include "narcosim/io/csv.hpp"

namespace narcosim::io {

namespace {

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

}  // namespace

double BaselineCheck::model_value() const {
  if (model_count == 0) return std::nan("");
  return annual_sum ? model_sum / double(nodes.size()) : model_sum / model_count;
}

BaselineComparison::BaselineComparison(const std::string& checks_csv, const World& world) {
  const auto t = read_csv(checks_csv);
  const size_t c_ind = t.column("indicator"), c_node = t.column("node"),
               c_sub = t.column("substance"), c_metric = t.column("metric"),
               c_agg = t.column("aggregation"), c_year = t.column("year"),
               c_value = t.column("value"), c_unit = t.column("unit"), c_src = t.column("source");
  std::vector<Diagnostic> problems;
  for (const auto& row : t.rows) {
    BaselineCheck check;
    check.indicator = row.fields[c_ind].text;
    for (const auto& id : split(row.fields[c_node].text, '+')) {
      const auto n = world.node_index(id);
      if (!n)
        problems.push_back({t.where(row, c_node), "unknown node '" + id + "'"});
      else
        check.nodes.push_back(*n);
    }
    const auto s = world.substance_index(row.fields[c_sub].text);
    if (!s) problems.push_back({t.where(row, c_sub), "unknown substance"});
    check.substance = s.value_or(0);
    for (const auto& name : split(row.fields[c_metric].text, '+')) {
      const auto m = metric_from_name(name);
      if (!m)
        problems.push_back({t.where(row, c_metric), "unknown metric '" + name + "'"});
      else
        check.metrics.push_back(*m);
    }
    const auto& agg = row.fields[c_agg].text;
    if (agg != "annual_sum" && agg != "annual_mean") {
      problems.push_back({t.where(row, c_agg), "expected annual_sum or annual_mean"});
    }
    check.annual_sum = agg == "annual_sum";
    double year = 0;
    if (!parse_number(row.fields[c_year].text, year))
      problems.push_back({t.where(row, c_year), "expected a year"});
    check.year = int(year);
    if (!parse_number(row.fields[c_value].text, check.observed) || check.observed <= 0) {
      problems.push_back({t.where(row, c_value), "expected a positive number"});
    }
    check.unit = row.fields[c_unit].text;
    check.source = row.fields[c_src].text;
    checks_.push_back(std::move(check));
  }
  if (!problems.empty()) throw InputError(problems);
}

void BaselineComparison::on_step(const ModelState& state, const MetricTable& metrics) {
  const int year = year_of(state.calendar.date_of_step(state.step));
  for (auto& check : checks_) {
    if (check.year != year) continue;
    double total = 0.0;
    for (const auto node : check.nodes) {
      for (const auto metric : check.metrics) {
        const double v = metrics.get(metric, node, check.substance);
        if (!std::isnan(v)) total += v;
      }
    }
    // Means are over nodes and steps; sums over steps, then averaged over nodes.
    check.model_sum += check.annual_sum ? total : total / double(check.nodes.size());
    ++check.model_count;
  }
}

std::string BaselineComparison::table() const {
  std::string out;
  int shown = 0;
  out += fmt::format("{:<32} {:>4} {:>10} {:>10} {:>6}  {}\n", "baseline check", "year", "model",
                     "data", "ratio", "source");
  for (const auto& c : checks_) {
    if (!c.has_model_value()) continue;
    const double model = c.model_value();
    std::string source = c.source.substr(0, 60);
    out += fmt::format("{:<32} {:>4} {:>10} {:>10} {:>6.2f}  {}\n", c.indicator.substr(0, 32),
                       c.year, human(model), human(c.observed), model / c.observed, source);
    ++shown;
  }
  return shown ? out : std::string();
}

}  // namespace narcosim::io
