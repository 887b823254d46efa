#include "narcosim/io/run_in_memory.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace narcosim::io {

RunInMemory::RunInMemory(std::shared_ptr<const World> world, Scenario scenario, RunInfo info)
    : world_(std::move(world)),
      scenario_(std::move(scenario)),
      info_(std::move(info)),
      tables_(std::make_unique<RunTables>(world_)),
      recorder_(std::make_unique<RunRecorder>(*world_, info_.resolution, *tables_)) {
  info_.series = SeriesFormat::csv;
}

RunInMemory::~RunInMemory() = default;

void RunInMemory::on_step(const ModelState& state, const MetricTable& metrics) {
  recorder_->on_step(state, metrics);
}

void RunInMemory::on_run_end(const ModelState& state) {
  recorder_->on_run_end(state);
}

void RunInMemory::finish(const Engine& engine, const RunResult& result) {
  manifest_ = run_manifest_json(engine, result, info_);
}

std::string RunInMemory::summary_csv() const {
  return io::summary_csv(*world_, scenario_.name, info_.replicate, recorder_->summary());
}

std::string RunInMemory::manifest_json(SeriesFormat series) const {
  if (manifest_.empty() || series == SeriesFormat::csv) return manifest_;
  auto manifest = nlohmann::json::parse(manifest_);
  manifest["series_format"] = "sqlite";  // as run_manifest_json writes it for such a run
  return manifest.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

void RunInMemory::write(const std::string& out_dir, SeriesFormat series) const {
  if (manifest_.empty()) throw std::logic_error("RunInMemory::write before finish()");
  const auto writer = make_series_writer(series, out_dir, *world_, scenario_.name, info_.replicate,
                                         info_.resolution);
  tables_->replay(*writer);
  writer->finish();
  write_run_files(out_dir, *world_, scenario_, summary_csv(), manifest_json(series));
}

}  // namespace narcosim::io
