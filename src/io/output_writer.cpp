#include "narcosim/io/output_writer.hpp"

#include <sys/resource.h>

#include <fmt/format.h>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "narcosim/io/csv.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/labels.hpp"
#include "narcosim/io/output_dir.hpp"
#include "narcosim/io/scenario_writer.hpp"
#include "narcosim/model/policy.hpp"

#ifndef NARCOSIM_GIT_COMMIT
#define NARCOSIM_GIT_COMMIT "unknown"
#endif
#ifndef NARCOSIM_VERSION
#define NARCOSIM_VERSION "0.0.0"
#endif

namespace narcosim::io {

namespace {

// Policy fields for the manifest: numbers, or the option name of a choice field.
nlohmann::json policy_fields_json(const PolicySpec& policy) {
  nlohmann::json fields = nlohmann::json::object();
  const auto* type = find_policy_type(policy.type);
  for (const auto& entry : policy.fields) {
    const std::string& name = entry.first;
    const double value = entry.second;
    const auto field = std::find_if(type->fields.begin(), type->fields.end(),
                                    [&name](const PolicyField& f) { return f.name == name; });
    if (field != type->fields.end() && field->is_choice()) {
      fields[name] = field->choices[size_t(value)];
    } else {
      fields[name] = value;
    }
  }
  return fields;
}

}  // namespace

SummaryCollector::SummaryCollector(size_t node_rows, size_t substance_columns)
    : rows_(node_rows),
      columns_(substance_columns),
      cells_(kMetricCount * node_rows * substance_columns) {}

void SummaryCollector::add(const MetricTable& metrics, int year) {
  if (year != last_year_) {
    for (auto& c : cells_) c.final_sum = 0, c.final_count = 0;
    last_year_ = year;
  }
  for (size_t m = 0; m < kMetricCount; ++m) {
    for (size_t r = 0; r < rows_; ++r) {
      for (size_t c = 0; c < columns_; ++c) {
        const double v = metrics.get(Metric(m), r, c);
        if (std::isnan(v)) continue;
        auto& cell = cells_[(m * rows_ + r) * columns_ + c];
        cell.sum += v;
        ++cell.count;
        cell.final_sum += v;
        ++cell.final_count;
      }
    }
  }
}

const SummaryCollector::Cell& SummaryCollector::cell(Metric m, size_t row, size_t column) const {
  return cells_[(size_t(m) * rows_ + row) * columns_ + column];
}

bool SummaryCollector::present(Metric m, size_t row, size_t column) const {
  return cell(m, row, column).count > 0;
}

double SummaryCollector::value(Metric m, size_t row, size_t column) const {
  const auto& c = cell(m, row, column);
  if (c.count == 0) return std::nan("");
  return info(m).aggregation == Aggregation::sum ? c.sum : c.sum / c.count;
}

double SummaryCollector::final_year(Metric m, size_t row, size_t column) const {
  const auto& c = cell(m, row, column);
  if (c.final_count == 0) return std::nan("");
  return info(m).aggregation == Aggregation::sum ? c.final_sum : c.final_sum / c.final_count;
}

RunOutput::RunOutput(std::string out_dir, const World& world, const Scenario& scenario,
                     RunInfo info)
    : out_dir_(std::move(out_dir)), world_(world), scenario_(scenario), info_(std::move(info)) {
  std::error_code error;
  std::filesystem::create_directories(out_dir_, error);
  if (error) throw OutputError(out_dir_, "cannot create: " + error.message());
  series_ = make_series_writer(info_.series, out_dir_, world, scenario_.name, info_.replicate,
                               info_.resolution);
  recorder_ = std::make_unique<RunRecorder>(world, info_.resolution, *series_);
}

RunOutput::~RunOutput() = default;

void RunOutput::on_step(const ModelState& state, const MetricTable& metrics) {
  recorder_->on_step(state, metrics);
}

void RunOutput::on_run_end(const ModelState& state) {
  recorder_->on_run_end(state);
}

RunRecorder::RunRecorder(const World& world, Resolution resolution, PeriodSink& sink)
    : periods_(world, resolution, sink),
      summary_(world.nodes.size() + 1, world.substances.size() + 1) {}

void RunRecorder::on_step(const ModelState& state, const MetricTable& metrics) {
  // The summary sees every step, the sink only finished periods.
  summary_.add(metrics, year_of(state.calendar.date_of_step(state.step)));
  periods_.on_step(state, metrics);
}

void RunRecorder::on_run_end(const ModelState& state) {
  periods_.on_run_end(state);
}

std::string summary_csv(const World& world, const std::string& scenario_name, int replicate,
                        const SummaryCollector& summary) {
  std::string out =
      "scenario,replicate,country,substance,metric,aggregation,value,final_year_value\n";
  for (size_t m = 0; m < kMetricCount; ++m) {
    const auto& mi = info(Metric(m));
    for (size_t r = 0; r < world.nodes.size() + 1; ++r) {
      for (size_t c = 0; c < world.substances.size() + 1; ++c) {
        if (!summary.present(Metric(m), r, c)) continue;
        fmt::format_to(std::back_inserter(out), "{},{},{},{},{},{},{:.8g},{:.8g}\n",
                       csv_field(scenario_name), replicate, csv_field(node_label(world, r)),
                       csv_field(substance_label(world, c)), mi.name,
                       mi.aggregation == Aggregation::sum ? "total" : "mean",
                       summary.value(Metric(m), r, c), summary.final_year(Metric(m), r, c));
      }
    }
  }
  return out;
}

std::string run_manifest_json(const Engine& engine, const RunResult& result, const RunInfo& info) {
  const Scenario& scenario = engine.scenario();
  const World& world = engine.world();
  nlohmann::json parameters = nlohmann::json::object();
  const auto& values = engine.parameters().values();
  const auto& specs = engine.registry().specs();
  for (size_t i = 0; i < specs.size(); ++i) parameters[specs[i].name] = values[i];
  nlohmann::json policies = nlohmann::json::array();
  for (const auto& p : scenario.policies) {
    nlohmann::json substances = nlohmann::json::array();
    for (const auto s : p.substances) substances.push_back(world.substances[s].id);
    policies.push_back({{"type", p.type},
                        {"countries", p.places},
                        {"substances", substances},
                        {"start", format_iso_date(p.start)},
                        {"end", p.end ? nlohmann::json(format_iso_date(*p.end)) : nlohmann::json()},
                        {"fields", policy_fields_json(p)}});
  }
  nlohmann::json timings = nlohmann::json::object();
  for (const auto& t : result.timings) timings[t.module] = t.seconds;
  nlohmann::json manifest = {{"narcosim_version", NARCOSIM_VERSION},
                             {"git_commit", NARCOSIM_GIT_COMMIT},
                             {"scenario",
                              {{"name", scenario.name},
                               {"description", scenario.description},
                               {"file", info.scenario_yaml_path},
                               {"start", format_iso_date(scenario.start)},
                               {"end", format_iso_date(scenario.end)},
                               {"step_days", scenario.step_days},
                               {"parameters", parameters},
                               {"policies", policies}}},
                             {"seed", scenario.seed},
                             {"scale", scenario.scale},
                             {"threads", info.threads},
                             {"replicate", info.replicate},
                             {"steps", result.steps},
                             {"wall_seconds", result.wall_seconds},
                             {"module_seconds", timings},
                             {"peak_memory_mib", peak_memory_mib()},
                             {"max_relative_mass_balance_error", result.max_relative_mass_error}};
  // Written only when not the default (every step, CSV), as in manifests before they existed.
  if (info.resolution != Resolution::step) {
    manifest["resolution"] = std::string(to_string(info.resolution));
  }
  if (info.series != SeriesFormat::csv) manifest["series_format"] = "sqlite";
  return manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void write_run_files(const std::string& out_dir, const World& world, const Scenario& scenario,
                     const std::string& summary, const std::string& manifest) {
  write_file_atomically(out_dir + "/summary.csv", summary);
  // The resolved scenario (every policy field explicit), runnable as it is.
  write_file_atomically(out_dir + "/scenario.yaml", scenario_to_yaml(scenario, world));
  write_file_atomically(out_dir + "/manifest.json", manifest);
  record_output_listing(out_dir, "run");
}

void RunOutput::finish(const Engine& engine, const RunResult& result) {
  series_->finish();
  write_run_files(out_dir_, world_, scenario_,
                  summary_csv(world_, scenario_.name, info_.replicate, recorder_->summary()),
                  run_manifest_json(engine, result, info_));
}

double peak_memory_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;
}

}  // namespace narcosim::io
