#pragma once
// The yearly values of an ensemble's finished runs, wherever they are kept: in results.sqlite
// (ResultsDatabase) or in memory (RunsInMemory, for a caller that wants no directory: the
// Python module, a server). Quantiles, paired differences and sensitivity measures read either.
#include <cstdint>
#include <functional>
#include <vector>

#include "narcosim/ensemble/run_record.hpp"

namespace narcosim::ensemble {

using ValueVisitor =
    std::function<void(uint32_t run_id, uint32_t series_id, int year, double value)>;

class RunValues {
 public:
  RunValues() = default;
  RunValues(const RunValues&) = default;
  RunValues(RunValues&&) noexcept = default;
  RunValues& operator=(const RunValues&) = default;
  RunValues& operator=(RunValues&&) noexcept = default;
  virtual ~RunValues() = default;
  // Visits every value of the finished runs in (run_id, series_id, year) order.
  virtual void for_each_value(const ValueVisitor& visit) const = 0;
};

class RunsInMemory final : public RunValues {
 public:
  // Keeps the records in run_id order whatever order runs finish in.
  void add(RunRecord&& record);
  void for_each_value(const ValueVisitor& visit) const override;
  [[nodiscard]] const std::vector<RunRecord>& records() const { return records_; }

 private:
  std::vector<RunRecord> records_;
};

}  // namespace narcosim::ensemble
