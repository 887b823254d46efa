#include "narcosim/ensemble/calibration_runner.hpp"

#include <stdexcept>

#include "ensemble/wire.hpp"

namespace narcosim::ensemble {

using wire::put;

std::string encode(const calibration::ReplicateRequest& request) {
  std::string bytes;
  put(bytes, uint32_t(request.values.size()));
  for (const double v : request.values) put(bytes, v);
  put(bytes, uint32_t(request.seeds.size()));
  for (const uint64_t s : request.seeds) put(bytes, s);
  put(bytes, int32_t(request.last_year));
  return bytes;
}

calibration::ReplicateRequest decode_request(const std::string& bytes) {
  size_t at = 0;
  calibration::ReplicateRequest r;
  const auto values = wire::take<uint32_t>(bytes, at, "calibration request");
  if (values > bytes.size()) throw std::runtime_error("malformed calibration request");
  for (uint32_t i = 0; i < values; ++i)
    r.values.push_back(wire::take<double>(bytes, at, "calibration request"));
  const auto seeds = wire::take<uint32_t>(bytes, at, "calibration request");
  if (seeds > bytes.size()) throw std::runtime_error("malformed calibration request");
  for (uint32_t i = 0; i < seeds; ++i)
    r.seeds.push_back(wire::take<uint64_t>(bytes, at, "calibration request"));
  r.last_year = wire::take<int32_t>(bytes, at, "calibration request");
  if (at != bytes.size()) throw std::runtime_error("malformed calibration request");
  return r;
}

CalibrationRunner::CalibrationRunner(const calibration::Calibrator& calibrator,
                                     const Cluster& cluster, RunnerSettings settings)
    : calibrator_(&calibrator), cluster_(&cluster), settings_(std::move(settings)) {}

void CalibrationRunner::execute(const calibration::ReplicateRequest& request,
                                calibration::Replicates* out) const {
  std::vector<uint32_t> ids(request.seeds.size());
  for (size_t i = 0; i < ids.size(); ++i) ids[i] = uint32_t(i);
  if (out) out->runs.assign(ids.size(), {});
  execute_runs(
      ids, *cluster_, settings_,
      [&](uint32_t id) {
        // A replicate's target values travel as a run's values: series = target index.
        const auto values =
            calibrator_->run_once(request.values, request.seeds.at(id), request.last_year);
        RunRecord record;
        record.run_id = id;
        record.values.reserve(values.size());
        for (size_t t = 0; t < values.size(); ++t) {
          record.values.push_back(SeriesValue{uint32_t(t), 0, values[t]});
        }
        return record;
      },
      [&](RunRecord&& record) {
        auto& target_values = out->runs.at(record.run_id);
        target_values.resize(record.values.size());
        for (const auto& v : record.values) target_values.at(v.series) = v.value;
      });
}

calibration::Replicates CalibrationRunner::run(const calibration::ReplicateRequest& request) const {
  std::string bytes = encode(request);
  cluster_->broadcast(bytes);
  calibration::Replicates out;
  execute(request, &out);
  return out;
}

void CalibrationRunner::serve() const {
  for (;;) {
    std::string bytes;
    cluster_->broadcast(bytes);
    if (bytes.empty()) return;  // finish()
    execute(decode_request(bytes), nullptr);
  }
}

void CalibrationRunner::finish() const {
  std::string nothing;
  cluster_->broadcast(nothing);
}

}  // namespace narcosim::ensemble
