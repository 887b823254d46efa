#pragma once
// A run kept in memory, for a program that reads the results rather than files (the Python
// module, a server): the series as tidy tables at the run's resolution, the summary and the
// manifest. write() later produces the same files, byte for byte, that `narcosim run --out`
// writes as it runs (tests/python/test_cli_equality.py).
#include <memory>
#include <string>

#include "narcosim/io/output_writer.hpp"
#include "narcosim/run/engine.hpp"
#include "narcosim/run/run_tables.hpp"

namespace narcosim::io {

class RunInMemory final : public StepObserver {
 public:
  // `info` says the run's resolution, threads and replicate (its series format is chosen at
  // write()).
  RunInMemory(std::shared_ptr<const World> world, Scenario scenario, RunInfo info);
  ~RunInMemory() override;
  RunInMemory(const RunInMemory&) = delete;
  RunInMemory& operator=(const RunInMemory&) = delete;

  void on_step(const ModelState& state, const MetricTable& metrics) override;
  void on_run_end(const ModelState& state) override;
  // Records the manifest once the engine has run.
  void finish(const Engine& engine, const RunResult& result);

  [[nodiscard]] const RunTables& tables() const { return *tables_; }
  [[nodiscard]] const SummaryCollector& summary() const { return recorder_->summary(); }
  [[nodiscard]] std::string summary_csv() const;
  // manifest.json as a run with series `series` would write it (empty before finish()).
  [[nodiscard]] std::string manifest_json(SeriesFormat series = SeriesFormat::csv) const;
  [[nodiscard]] const Scenario& scenario() const { return scenario_; }
  [[nodiscard]] const RunInfo& info() const { return info_; }
  [[nodiscard]] const World& world() const { return *world_; }

  // Writes timeseries.csv and flows.csv (or timeseries.sqlite), summary.csv, scenario.yaml and
  // manifest.json into `out_dir`, an existing empty directory such as an OutputClaim's work
  // directory. Throws OutputError if a file cannot be written, std::logic_error before finish().
  void write(const std::string& out_dir, SeriesFormat series = SeriesFormat::csv) const;

 private:
  std::shared_ptr<const World> world_;
  Scenario scenario_;
  RunInfo info_;
  std::unique_ptr<RunTables> tables_;
  std::unique_ptr<RunRecorder> recorder_;
  std::string manifest_;  // for csv series
};

}  // namespace narcosim::io
