#include "narcosim/ensemble/run_record.hpp"

#include <stdexcept>

#include "ensemble/wire.hpp"

namespace narcosim::ensemble {

using wire::put;

std::string encode(const RunRecord& record) {
  std::string out;
  out.reserve(32 + record.values.size() * 16);
  put(out, record.run_id);
  put(out, record.wall_seconds);
  put(out, record.steps);
  put(out, record.max_relative_mass_error);
  put(out, uint64_t(record.values.size()));
  for (const auto& v : record.values) {
    put(out, v.series);
    put(out, v.year);
    put(out, v.value);
  }
  return out;
}

RunRecord decode(const std::string& bytes) {
  size_t at = 0;
  RunRecord record;
  record.run_id = wire::take<uint32_t>(bytes, at, "run record");
  record.wall_seconds = wire::take<double>(bytes, at, "run record");
  record.steps = wire::take<int32_t>(bytes, at, "run record");
  record.max_relative_mass_error = wire::take<double>(bytes, at, "run record");
  const auto count = wire::take<uint64_t>(bytes, at, "run record");
  if (count > bytes.size()) throw std::runtime_error("malformed run record");
  record.values.resize(count);
  for (auto& v : record.values) {
    v.series = wire::take<uint32_t>(bytes, at, "run record");
    v.year = wire::take<int32_t>(bytes, at, "run record");
    v.value = wire::take<double>(bytes, at, "run record");
  }
  if (at != bytes.size()) throw std::runtime_error("run record has trailing bytes");
  return record;
}

}  // namespace narcosim::ensemble
