#include "narcosim/ensemble/run_values.hpp"

#include <algorithm>

namespace narcosim::ensemble {

void RunsInMemory::add(RunRecord&& record) {
  // Runs finish nearly in plan order, so this is almost always an append.
  const auto at = std::upper_bound(records_.begin(), records_.end(), record.run_id,
                                   [](uint32_t id, const RunRecord& r) { return id < r.run_id; });
  records_.insert(at, std::move(record));
}

void RunsInMemory::for_each_value(const ValueVisitor& visit) const {
  // A record's values are already ordered by series, then year (YearlyCollector::values).
  for (const auto& record : records_) {
    for (const auto& v : record.values) visit(record.run_id, v.series, v.year, v.value);
  }
}

}  // namespace narcosim::ensemble
