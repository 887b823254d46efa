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

std::FILE* open_for_writing(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wbx");
  if (!file) throw OutputError(path, "cannot create: " + describe_errno(errno));
  return file;
}

void flush_buffer(std::string& buffer, std::FILE* file, const std::string& dir) {
  if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), file) != buffer.size()) {
    throw OutputError(dir, "cannot write: " + describe_errno(errno));
  }
  buffer.clear();
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
  timeseries_ = open_for_writing(out_dir_ + "/timeseries.csv");
  flows_ = open_for_writing(out_dir_ + "/flows.csv");
  std::fputs("scenario,replicate,date,country,substance,metric,value\n", timeseries_);
  std::fputs("scenario,replicate,date,from,to,substance,kg\n", flows_);
  summary_ =
      std::make_unique<SummaryCollector>(world.nodes.size() + 1, world.substances.size() + 1);
}

RunOutput::~RunOutput() {
  if (timeseries_) std::fclose(timeseries_);
  if (flows_) std::fclose(flows_);
}

void RunOutput::on_step(const ModelState& state, const MetricTable& metrics) {
  const auto date = format_iso_date(state.calendar.date_of_step(state.step));
  summary_->add(metrics, year_of(state.calendar.date_of_step(state.step)));
  // Rows are "<scenario>,<replicate>,<date>," + "<country>,<substance>,<metric>," + value; the
  // middle part is formatted once per run (about a million rows a run).
  if (cell_labels_.empty()) {
    for (size_t m = 0; m < kMetricCount; ++m) {
      for (size_t r = 0; r < metrics.node_rows(); ++r) {
        for (size_t c = 0; c < metrics.substance_columns(); ++c) {
          cell_labels_.push_back(fmt::format("{},{},{},", csv_field(node_label(world_, r)),
                                             csv_field(substance_label(world_, c)),
                                             info(Metric(m)).name));
        }
      }
    }
  }
  const auto prefix = fmt::format("{},{},{},", csv_field(scenario_.name), info_.replicate, date);
  size_t label = 0;
  for (size_t m = 0; m < kMetricCount; ++m) {
    for (size_t r = 0; r < metrics.node_rows(); ++r) {
      for (size_t c = 0; c < metrics.substance_columns(); ++c, ++label) {
        const double v = metrics.get(Metric(m), r, c);
        if (std::isnan(v)) continue;
        buffer_ += prefix;
        buffer_ += cell_labels_[label];
        fmt::format_to(std::back_inserter(buffer_), "{:.6g}\n", v);
      }
    }
  }
  flush_buffer(buffer_, timeseries_, out_dir_);
  const size_t substances = world_.substances.size();
  for (size_t e = 0; e < world_.edges.size(); ++e) {
    for (size_t s = 0; s < substances; ++s) {
      const double kg = state.flows.edge_kg[e * substances + s];
      if (kg <= 0) continue;
      fmt::format_to(std::back_inserter(buffer_), "{}{},{},{},{:.6g}\n", prefix,
                     csv_field(world_.nodes[world_.edges[e].from].id),
                     csv_field(world_.nodes[world_.edges[e].to].id),
                     csv_field(world_.substances[s].id), kg);
    }
  }
  flush_buffer(buffer_, flows_, out_dir_);
}

void RunOutput::finish(const Engine& engine, const RunResult& result) {
  if (std::fclose(timeseries_) != 0 || std::fclose(flows_) != 0) {
    timeseries_ = flows_ = nullptr;
    throw OutputError(out_dir_, "cannot finish writing the output files: " + describe_errno(errno));
  }
  timeseries_ = flows_ = nullptr;
  std::string summary =
      "scenario,replicate,country,substance,metric,aggregation,value,final_year_value\n";
  for (size_t m = 0; m < kMetricCount; ++m) {
    const auto& mi = info(Metric(m));
    for (size_t r = 0; r < world_.nodes.size() + 1; ++r) {
      for (size_t c = 0; c < world_.substances.size() + 1; ++c) {
        if (!summary_->present(Metric(m), r, c)) continue;
        fmt::format_to(std::back_inserter(summary), "{},{},{},{},{},{},{:.8g},{:.8g}\n",
                       csv_field(scenario_.name), info_.replicate, csv_field(node_label(world_, r)),
                       csv_field(substance_label(world_, c)), mi.name,
                       mi.aggregation == Aggregation::sum ? "total" : "mean",
                       summary_->value(Metric(m), r, c), summary_->final_year(Metric(m), r, c));
      }
    }
  }
  write_file_atomically(out_dir_ + "/summary.csv", summary);

  nlohmann::json parameters = nlohmann::json::object();
  const auto& values = engine.parameters().values();
  const auto& specs = engine.registry().specs();
  for (size_t i = 0; i < specs.size(); ++i) parameters[specs[i].name] = values[i];
  nlohmann::json policies = nlohmann::json::array();
  for (const auto& p : scenario_.policies) {
    nlohmann::json substances = nlohmann::json::array();
    for (const auto s : p.substances) substances.push_back(world_.substances[s].id);
    policies.push_back({{"type", p.type},
                        {"countries", p.places},
                        {"substances", substances},
                        {"start", format_iso_date(p.start)},
                        {"end", p.end ? nlohmann::json(format_iso_date(*p.end)) : nlohmann::json()},
                        {"fields", policy_fields_json(p)}});
  }
  nlohmann::json timings = nlohmann::json::object();
  for (const auto& t : result.timings) timings[t.module] = t.seconds;
  const nlohmann::json manifest = {
      {"narcosim_version", NARCOSIM_VERSION},
      {"git_commit", NARCOSIM_GIT_COMMIT},
      {"scenario",
       {{"name", scenario_.name},
        {"description", scenario_.description},
        {"file", info_.scenario_yaml_path},
        {"start", format_iso_date(scenario_.start)},
        {"end", format_iso_date(scenario_.end)},
        {"step_days", scenario_.step_days},
        {"parameters", parameters},
        {"policies", policies}}},
      {"seed", scenario_.seed},
      {"scale", scenario_.scale},
      {"threads", info_.threads},
      {"replicate", info_.replicate},
      {"steps", result.steps},
      {"wall_seconds", result.wall_seconds},
      {"module_seconds", timings},
      {"peak_memory_mib", peak_memory_mib()},
      {"max_relative_mass_balance_error", result.max_relative_mass_error}};
  // The resolved scenario (every policy field explicit), runnable as it is.
  write_file_atomically(out_dir_ + "/scenario.yaml", scenario_to_yaml(scenario_, world_));
  write_file_atomically(
      out_dir_ + "/manifest.json",
      manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
  record_output_listing(out_dir_, "run");
}

double peak_memory_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;
}

}  // namespace narcosim::io
