#include "narcosim/calibration/targets.hpp"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <tuple>

#include "narcosim/core/calendar.hpp"
#include "narcosim/io/csv.hpp"

namespace narcosim::calibration {

namespace {

struct MapRow {
  std::vector<Metric> metrics;
  size_t substance_column = 0;
  YearValue year_value = YearValue::mean;
  double factor = 1.0;
  double weight = 1.0;
  bool fit = true;
  std::string note;
};

std::vector<std::string> split_plus(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, '+')) parts.push_back(part);
  return parts;
}

std::map<std::string, MapRow> read_map(const std::string& path, const World& world,
                                       std::vector<Diagnostic>& problems) {
  const auto t = io::read_csv(path);
  const size_t c_ind = t.column("indicator"), c_metric = t.column("metric"),
               c_sub = t.column("substance"), c_year = t.column("year_value"),
               c_factor = t.column("factor"), c_weight = t.column("weight"),
               c_use = t.column("use"), c_note = t.column("note");
  std::map<std::string, MapRow> map;
  for (const auto& row : t.rows) {
    MapRow m;
    const auto& use = row.fields[c_use].text;
    if (use != "fit" && use != "skip") {
      problems.push_back({t.where(row, c_use), "expected fit or skip"});
    }
    m.fit = use == "fit";
    m.note = row.fields[c_note].text;
    if (!m.fit && m.note.empty()) {
      problems.push_back({t.where(row, c_note), "a skipped indicator needs the reason"});
    }
    if (m.fit) {
      for (const auto& name : split_plus(row.fields[c_metric].text)) {
        const auto metric = metric_from_name(name);
        if (!metric) {
          problems.push_back({t.where(row, c_metric), fmt::format("unknown metric '{}'", name)});
        } else {
          m.metrics.push_back(*metric);
        }
      }
      const auto& sub = row.fields[c_sub].text;
      if (sub == "all") {
        m.substance_column = world.substances.size();
      } else if (const auto s = world.substance_index(sub)) {
        m.substance_column = *s;
      } else {
        problems.push_back(
            {t.where(row, c_sub), fmt::format("unknown substance '{}'; expected all or one of: {}",
                                              sub, fmt::join(world.substance_ids(), ", "))});
      }
      const auto& yv = row.fields[c_year].text;
      if (yv == "mean") {
        m.year_value = YearValue::mean;
      } else if (yv == "sum") {
        m.year_value = YearValue::sum;
      } else if (yv == "sum_per_100k_people") {
        m.year_value = YearValue::sum_per_100k_people;
      } else if (yv == "mean_percent_of_adults") {
        m.year_value = YearValue::mean_percent_of_adults;
      } else {
        problems.push_back({t.where(row, c_year),
                            "expected mean, sum, sum_per_100k_people or mean_percent_of_adults"});
      }
      if (!io::parse_number(row.fields[c_factor].text, m.factor) || m.factor <= 0) {
        problems.push_back({t.where(row, c_factor), "expected a positive number"});
      }
      if (!io::parse_number(row.fields[c_weight].text, m.weight) || m.weight < 0) {
        problems.push_back({t.where(row, c_weight), "expected a number >= 0"});
      }
    }
    const auto& indicator = row.fields[c_ind].text;
    if (!map.emplace(indicator, std::move(m)).second) {
      problems.push_back(
          {t.where(row, c_ind), fmt::format("indicator '{}' mapped twice", indicator)});
    }
  }
  return map;
}

using RowKey = std::tuple<std::string, std::string, int>;

std::map<RowKey, std::string> read_exclusions(const std::string& path,
                                              std::vector<Diagnostic>& problems) {
  const auto t = io::read_csv(path);
  const size_t c_ind = t.column("indicator"), c_country = t.column("country"),
               c_year = t.column("year"), c_reason = t.column("reason");
  std::map<RowKey, std::string> out;
  for (const auto& row : t.rows) {
    double year = 0.0;
    if (!io::parse_number(row.fields[c_year].text, year)) {
      problems.push_back({t.where(row, c_year), "expected a year"});
    }
    if (row.fields[c_reason].text.empty()) {
      problems.push_back({t.where(row, c_reason), "an excluded target needs the reason"});
    }
    out[{row.fields[c_ind].text, row.fields[c_country].text, int(year)}] =
        row.fields[c_reason].text;
  }
  return out;
}

}  // namespace

std::vector<size_t> TargetSet::in_years(int first_year, int last_year) const {
  std::vector<size_t> out;
  for (size_t i = 0; i < targets.size(); ++i) {
    if (targets[i].year >= first_year && targets[i].year <= last_year) out.push_back(i);
  }
  return out;
}

TargetSet load_targets(const std::string& data_dir, const World& world) {
  std::vector<Diagnostic> problems;
  const std::string map_csv = data_dir + "/calibration/target_map.csv";
  const auto map = read_map(map_csv, world, problems);
  auto exclusions = read_exclusions(data_dir + "/calibration/excluded_targets.csv", problems);
  const auto t = io::read_csv(data_dir + "/targets.csv");
  const size_t c_ind = t.column("indicator"), c_country = t.column("country"),
               c_year = t.column("year"), c_value = t.column("value"), c_unit = t.column("unit"),
               c_src = t.column("source");
  TargetSet set;
  for (const auto& row : t.rows) {
    const auto& indicator = row.fields[c_ind].text;
    const auto& country = row.fields[c_country].text;
    double year = 0.0;
    if (!io::parse_number(row.fields[c_year].text, year)) {
      problems.push_back({t.where(row, c_year), "expected a year"});
      continue;
    }
    const auto m = map.find(indicator);
    if (m == map.end()) {
      problems.push_back(
          {t.where(row, c_ind),
           fmt::format("indicator '{}' is not in {}; map it or skip it with a reason", indicator,
                       map_csv)});
      continue;
    }
    if (!m->second.fit) {
      set.skipped.push_back({indicator, country, int(year), m->second.note});
      continue;
    }
    if (const auto e = exclusions.find({indicator, country, int(year)}); e != exclusions.end()) {
      set.skipped.push_back({indicator, country, int(year), e->second});
      exclusions.erase(e);
      continue;
    }
    const auto node = world.node_index(country);
    if (!node) {
      set.skipped.push_back(
          {indicator, country, int(year), "not a model node (the model has the whole country)"});
      continue;
    }
    Target target;
    target.indicator = indicator;
    target.country = country;
    target.node = *node;
    target.year = int(year);
    if (!io::parse_number(row.fields[c_value].text, target.observed) || target.observed <= 0) {
      // A zero cannot enter a log-error fit; it is reported, not fitted.
      set.skipped.push_back({indicator, country, int(year), "observed value is not positive"});
      continue;
    }
    target.unit = row.fields[c_unit].text;
    target.source = row.fields[c_src].text;
    target.metrics = m->second.metrics;
    target.substance_column = m->second.substance_column;
    target.year_value = m->second.year_value;
    target.factor = m->second.factor;
    target.group_weight = m->second.weight;
    if (target.year_value == YearValue::sum_per_100k_people ||
        target.year_value == YearValue::mean_percent_of_adults) {
      target.denominator = world.figure_or(*node, std::nullopt, "population", 0.0);
      if (target.year_value == YearValue::mean_percent_of_adults) {
        target.denominator *= world.figure_or(*node, std::nullopt, "adult_share", 0.0);
      }
      if (target.denominator <= 0) {
        problems.push_back({t.where(row, c_country),
                            fmt::format("no population or adult_share figure for {}", country)});
        continue;
      }
    }
    set.targets.push_back(std::move(target));
  }
  // An exclusion that matches no target is a stale line: say so rather than ignore it.
  for (const auto& [key, reason] : exclusions) {
    problems.push_back({SourceLocation{data_dir + "/calibration/excluded_targets.csv", 0, 0},
                        fmt::format("excluded target {} {} {} is not in targets.csv with a "
                                    "fitted indicator",
                                    std::get<0>(key), std::get<1>(key), std::get<2>(key))});
  }
  if (!problems.empty()) throw InputError(problems);
  return set;
}

TargetSet load_targets_if_present(const std::string& data_dir, const World& world) {
  return std::filesystem::exists(data_dir + "/targets.csv") ? load_targets(data_dir, world)
                                                            : TargetSet{};
}

TargetRecorder::TargetRecorder(const TargetSet& set)
    : set_(&set), sums_(set.targets.size(), 0.0), steps_(set.targets.size(), 0) {}

void TargetRecorder::on_step(const ModelState& state, const MetricTable& metrics) {
  step_days_ = state.calendar.step_days();
  const int year = year_of(state.calendar.date_of_step(state.step));
  for (size_t i = 0; i < set_->targets.size(); ++i) {
    const auto& target = set_->targets[i];
    if (target.year != year) continue;
    double value = 0.0;
    for (const auto metric : target.metrics) {
      const double v = metrics.get(metric, target.node, target.substance_column);
      if (!std::isnan(v)) value += v;
    }
    sums_[i] += value;
    ++steps_[i];
  }
}

std::vector<double> TargetRecorder::values() const {
  std::vector<double> out(sums_.size(), std::nan(""));
  for (size_t i = 0; i < sums_.size(); ++i) {
    if (steps_[i] == 0) continue;
    const auto& target = set_->targets[i];
    double value = sums_[i];
    if (target.year_value == YearValue::mean) {
      value /= steps_[i];
    } else if (target.year_value == YearValue::mean_percent_of_adults) {
      value = value / steps_[i] * 100.0 / target.denominator;
    } else {
      // A year holds 52 or 53 weekly steps: rescale the sum to one calendar year.
      value *= kDaysPerYear / (double(step_days_) * steps_[i]);
      if (target.year_value == YearValue::sum_per_100k_people) {
        value *= 1e5 / target.denominator;
      }
    }
    out[i] = value * target.factor;
  }
  return out;
}

}  // namespace narcosim::calibration
