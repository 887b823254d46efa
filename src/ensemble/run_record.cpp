#include "narcosim/ensemble/run_record.hpp"

#include <cstring>
#include <stdexcept>

namespace narcosim::ensemble {

namespace {

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

template <typename T>
T take(const std::string& in, size_t& at) {
  if (at + sizeof(T) > in.size()) throw std::runtime_error("truncated run record");
  T value;
  std::memcpy(&value, in.data() + at, sizeof(T));
  at += sizeof(T);
  return value;
}

}  // namespace

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
  record.run_id = take<uint32_t>(bytes, at);
  record.wall_seconds = take<double>(bytes, at);
  record.steps = take<int32_t>(bytes, at);
  record.max_relative_mass_error = take<double>(bytes, at);
  const auto count = take<uint64_t>(bytes, at);
  if (count > bytes.size()) throw std::runtime_error("malformed run record");
  record.values.resize(count);
  for (auto& v : record.values) {
    v.series = take<uint32_t>(bytes, at);
    v.year = take<int32_t>(bytes, at);
    v.value = take<double>(bytes, at);
  }
  if (at != bytes.size()) throw std::runtime_error("run record has trailing bytes");
  return record;
}

}  // namespace narcosim::ensemble
