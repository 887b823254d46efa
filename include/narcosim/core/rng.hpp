#pragma once
// Counter-based random numbers (Random123 Philox4x32-10, Salmon et al. SC'11).
// A draw is a pure function of (seed, stream, entity, step, slot), so results do not depend on
// thread count or processing order, and two scenarios with the same seed share the random
// numbers of the entities they share (common random numbers).
#include <Random123/philox.h>
#include <Random123/threefry.h>

#include <array>
#include <cstdint>

namespace narcosim {

// One stream per kind of decision, so adding draws to one mechanism never shifts another.
enum class Stream : uint32_t {
  initial_population = 1,
  farmer_choice = 2,  // eradication, crop review and choice draws of a household
  demand_transition = 4,
  initiation = 5,
  seizure = 6,
  recruitment = 8,
  worker_attrition = 9,
};

class CounterRng {
 public:
  explicit CounterRng(uint64_t seed) : key_{{uint32_t(seed), uint32_t(seed >> 32)}}, seed_(seed) {}

  // Four independent 32-bit words for (stream, entity, step, slot).
  [[nodiscard]] std::array<uint32_t, 4> words(Stream stream, uint64_t entity, uint32_t step,
                                              uint32_t slot = 0) const {
    r123::Philox4x32::ctr_type counter{{uint32_t(entity), uint32_t(entity >> 32), step,
                                        (uint32_t(stream) << 20) ^ slot}};
    const auto out = r123::Philox4x32{}(counter, key_);
    return {out[0], out[1], out[2], out[3]};
  }

  // Four uniforms in [0, 1).
  [[nodiscard]] std::array<double, 4> uniforms(Stream stream, uint64_t entity, uint32_t step,
                                               uint32_t slot = 0) const {
    const auto w = words(stream, entity, step, slot);
    return {to_unit(w[0]), to_unit(w[1]), to_unit(w[2]), to_unit(w[3])};
  }

  // Two uniforms with 53-bit resolution from Threefry-2x64-20 (Salmon et al. 2011): the cheapest draw, for the
  // per-agent hot loops (one call per agent and step).
  [[nodiscard]] std::array<double, 2> uniform_pair(Stream stream, uint64_t entity,
                                                   uint32_t step) const {
    r123::Threefry2x64::ctr_type counter{{entity, (uint64_t(stream) << 32) | step}};
    const r123::Threefry2x64::key_type key{{seed_, 0x6E6172636F73696DULL}};
    const auto out = r123::Threefry2x64{}(counter, key);
    return {double(out[0] >> 11) * 0x1.0p-53, double(out[1] >> 11) * 0x1.0p-53};
  }

  [[nodiscard]] double uniform(Stream stream, uint64_t entity, uint32_t step,
                               uint32_t slot = 0) const {
    return to_unit(words(stream, entity, step, slot)[0]);
  }

  // Poisson variate with mean `mean`: inversion for small means, a continuity-corrected normal
  // approximation above 50 (relative error of the mean below 1e-3 there).
  [[nodiscard]] uint64_t poisson(double mean, Stream stream, uint64_t entity, uint32_t step) const;

  static double to_unit(uint32_t word) { return word * (1.0 / 4294967296.0); }

 private:
  r123::Philox4x32::key_type key_;
  uint64_t seed_;
};

// Entity ids for aggregate draws: keep them apart from agent ids by a high tag.
constexpr uint64_t aggregate_entity(uint32_t tag, uint32_t index) {
  return (uint64_t(0xA66u) << 48) | (uint64_t(tag) << 24) | index;
}

}  // namespace narcosim
