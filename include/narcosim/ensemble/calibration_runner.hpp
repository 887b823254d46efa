#pragma once
// Calibration on the ensemble runner: the replicates of every evaluation (and of the report's
// bands) are runs of the same runner as an ensemble's, spread over `jobs` threads per process
// and, under mpirun -n K, over K ranks with the dynamic queue. Rank 0 drives the optimiser; the
// other ranks serve: they receive each request, run their share and send the target values back.
// Results do not depend on the number of ranks or threads (each replicate is one run with its
// own seed).
#include "narcosim/calibration/calibrator.hpp"
#include "narcosim/ensemble/cluster.hpp"
#include "narcosim/ensemble/runner.hpp"

namespace narcosim::ensemble {

class CalibrationRunner {
 public:
  // `calibrator` and `cluster` must outlive the runner; every rank builds the same calibrator.
  CalibrationRunner(const calibration::Calibrator& calibrator, const Cluster& cluster,
                    RunnerSettings settings);
  // Rank 0: runs `request` on every rank (the calibrator's executor, see executor()).
  [[nodiscard]] calibration::Replicates run(const calibration::ReplicateRequest& request) const;
  [[nodiscard]] calibration::ReplicateExecutor executor() const {
    return [this](const calibration::ReplicateRequest& r) { return run(r); };
  }
  // Other ranks: runs what rank 0 sends until rank 0 calls finish().
  void serve() const;
  // Rank 0: tells the other ranks that the calibration is over.
  void finish() const;

 private:
  void execute(const calibration::ReplicateRequest& request,
               calibration::Replicates* out) const;  // out: rank 0 only
  const calibration::Calibrator* calibrator_;
  const Cluster* cluster_;
  RunnerSettings settings_;
};

// The byte image of a request between ranks (same architecture everywhere); decode throws
// std::runtime_error on a malformed image.
std::string encode(const calibration::ReplicateRequest& request);
calibration::ReplicateRequest decode_request(const std::string& bytes);

}  // namespace narcosim::ensemble
