#pragma once
// The run output directory (../shared/interface.md): timeseries.csv and flows.csv (or
// timeseries.sqlite; per step, month or year), summary.csv, scenario.yaml and manifest.json.
// Everything is written into a temporary sibling directory that is renamed into place only when
// complete, so an interrupted run never leaves a directory that looks complete.
#include <memory>
#include <string>
#include <vector>

#include "narcosim/io/series_sinks.hpp"
#include "narcosim/run/engine.hpp"
#include "narcosim/run/periods.hpp"

namespace narcosim::io {

// Totals and means per (node row, substance column, metric), over the run and the final year.
class SummaryCollector {
 public:
  SummaryCollector(size_t node_rows, size_t substance_columns);
  void add(const MetricTable& metrics, int year);
  [[nodiscard]] double value(Metric m, size_t row, size_t column) const;
  [[nodiscard]] double final_year(Metric m, size_t row, size_t column) const;
  [[nodiscard]] bool present(Metric m, size_t row, size_t column) const;
  [[nodiscard]] int last_year() const { return last_year_; }

 private:
  struct Cell {
    double sum = 0, final_sum = 0;
    int count = 0, final_count = 0;
  };
  [[nodiscard]] const Cell& cell(Metric m, size_t row, size_t column) const;
  size_t rows_, columns_;
  int last_year_ = 0;
  std::vector<Cell> cells_;
};

// What every run records as it goes, whether it writes files as it runs (RunOutput) or keeps them
// in memory (RunInMemory): each step into the summary, each finished period into `sink`.
class RunRecorder final : public StepObserver {
 public:
  RunRecorder(const World& world, Resolution resolution, PeriodSink& sink);
  void on_step(const ModelState& state, const MetricTable& metrics) override;
  void on_run_end(const ModelState& state) override;
  [[nodiscard]] const SummaryCollector& summary() const { return summary_; }

 private:
  PeriodAggregator periods_;
  SummaryCollector summary_;
};

struct RunInfo {
  std::string scenario_yaml_path;
  int threads = 1;
  int replicate = 0;
  Resolution resolution = Resolution::step;  // of timeseries and flows
  SeriesFormat series = SeriesFormat::csv;   // timeseries.csv + flows.csv, or timeseries.sqlite
};

class RunOutput final : public StepObserver {
 public:
  RunOutput(std::string out_dir, const World& world, const Scenario& scenario, RunInfo info);
  ~RunOutput() override;
  void on_step(const ModelState& state, const MetricTable& metrics) override;
  void on_run_end(const ModelState& state) override;
  // Writes summary and manifest and moves the directory into place.
  void finish(const Engine& engine, const RunResult& result);
  [[nodiscard]] const SummaryCollector& summary() const { return recorder_->summary(); }
  [[nodiscard]] const std::string& out_dir() const { return out_dir_; }

 private:
  std::string out_dir_;
  std::string temp_dir_;
  const World& world_;
  const Scenario& scenario_;
  RunInfo info_;
  std::unique_ptr<SeriesWriter> series_;
  std::unique_ptr<RunRecorder> recorder_;
  bool finished_ = false;
};

// The files of a run directory besides the series, shared by RunOutput and RunInMemory so that
// a run written from memory has the same bytes as one written as it ran.
// summary.csv: per country, substance and metric, total or mean over the run and the final year.
std::string summary_csv(const World& world, const std::string& scenario_name, int replicate,
                        const SummaryCollector& summary);
// manifest.json: version, commit, the resolved scenario with every parameter, seed, scale,
// threads, steps, wall time per module, peak memory, mass-balance error.
std::string run_manifest_json(const Engine& engine, const RunResult& result, const RunInfo& info);
// Writes summary.csv, scenario.yaml and manifest.json (with the directory's listing) into out_dir.
void write_run_files(const std::string& out_dir, const World& world, const Scenario& scenario,
                     const std::string& summary, const std::string& manifest);

// Peak resident memory of this process in MiB.
double peak_memory_mib();

}  // namespace narcosim::io
