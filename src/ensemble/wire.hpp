#pragma once
// Byte images of the messages between ranks (run records, work requests and assignments, run
// ids, calibration requests): values copied as they are in memory, since every rank of a job
// runs on the same architecture. Readers throw std::runtime_error on a short or malformed image.
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace narcosim::ensemble::wire {

template <typename T>
void put(std::string& out, const T& value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

// The value at `at`, which moves past it; `what` names the message in the error.
template <typename T>
T take(const std::string& in, size_t& at, const char* what) {
  if (at + sizeof(T) > in.size()) throw std::runtime_error(std::string("truncated ") + what);
  T value;
  std::memcpy(&value, in.data() + at, sizeof(T));
  at += sizeof(T);
  return value;
}

// Run ids as the rest of a message.
inline void put_ids(std::string& out, const std::vector<uint32_t>& ids) {
  out.append(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(uint32_t));
}

inline std::vector<uint32_t> take_ids(const std::string& in, size_t at, const char* what) {
  if (at > in.size() || (in.size() - at) % sizeof(uint32_t) != 0) {
    throw std::runtime_error(std::string("malformed ") + what);
  }
  std::vector<uint32_t> ids((in.size() - at) / sizeof(uint32_t));
  if (!ids.empty()) std::memcpy(ids.data(), in.data() + at, ids.size() * sizeof(uint32_t));
  return ids;
}

}  // namespace narcosim::ensemble::wire
