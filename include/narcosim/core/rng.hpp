#pragma once
// Counter-based random numbers (Random123 Philox4x32-10, Salmon et al. SC'11).
// A draw is a pure function of (seed, stream, entity, step, slot), so results do not depend on
// thread count or processing order, and two scenarios with the same seed share the random
// numbers of the entities they share (common random numbers).
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstdint>

namespace narcosim {

// One stream per kind of decision, so adding draws to one mechanism never shifts another. The
// core owns initial_population (agent_count below); every other stream is declared by the module
// that draws from it, in its own file (e.g. `constexpr Stream kSeizureStream{6}`), and listed in
// its ModuleSpec (model/module.hpp), which refuses a number claimed twice. Numbers in use: 2, 4-12
// (narcosim plan lists them); 3 was retired with eradication draws.
enum class Stream : uint32_t {
  initial_population = 1,
};
// A stream number fills the top 12 bits of one 32-bit counter word (the slot the low 20).
inline constexpr uint32_t kMaxStream = (1U << 12) - 1;

class CounterRng {
 public:
  explicit CounterRng(uint64_t seed) : key_{{uint32_t(seed), uint32_t(seed >> 32)}}, seed_(seed) {}

  // Four independent 32-bit words for (stream, entity, step, slot); slot < 2^20.
  [[nodiscard]] std::array<uint32_t, 4> words(Stream stream, uint64_t entity, uint32_t step,
                                              uint32_t slot = 0) const {
    r123::Philox4x32::ctr_type counter{
        {uint32_t(entity), uint32_t(entity >> 32), step, (uint32_t(stream) << 20) ^ slot}};
    const auto out = r123::Philox4x32{}(counter, key_);
    return {out[0], out[1], out[2], out[3]};
  }

  // Four uniforms in [0, 1).
  [[nodiscard]] std::array<double, 4> uniforms(Stream stream, uint64_t entity, uint32_t step,
                                               uint32_t slot = 0) const {
    const auto w = words(stream, entity, step, slot);
    return {to_unit(w[0]), to_unit(w[1]), to_unit(w[2]), to_unit(w[3])};
  }

  // Key of a per-agent stream for one population (e.g. one user group): mixes seed, stream
  // and population into the 32-bit key of Philox-2x32, so the hot loop draws with one cheap
  // call per agent and step.
  [[nodiscard]] uint32_t population_key(Stream stream, uint32_t population) const {
    uint64_t z = seed_ + 0x9E3779B97F4A7C15ULL * (uint64_t(stream) << 32 | population);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;  // splitmix64 finaliser
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return uint32_t(z ^ (z >> 31));
  }

  // Two 32-bit words for agent `agent` at `step`; compare them with thresholds from
  // probability_threshold() to avoid floating point in hot loops. Philox-2x32 with 7 rounds:
  // the Random123 authors know of no statistical flaws with 6 or more (philox.h, Nov 2011), and
  // this draw is the cost of the demand module.
  using AgentGenerator = r123::Philox2x32_R<7>;
  [[nodiscard]] static std::array<uint32_t, 2> agent_words(uint32_t key, uint32_t agent,
                                                           uint32_t step) {
    const auto out =
        AgentGenerator{}(AgentGenerator::ctr_type{{agent, step}}, AgentGenerator::key_type{{key}});
    return {out[0], out[1]};
  }

  // A word w is below the threshold with probability p (to 2^-32).
  [[nodiscard]] static uint64_t probability_threshold(double p) {
    if (!(p > 0.0)) return 0;
    if (p >= 1.0) return uint64_t{1} << 32;
    return uint64_t(p * 4294967296.0);
  }

  [[nodiscard]] double uniform(Stream stream, uint64_t entity, uint32_t step,
                               uint32_t slot = 0) const {
    return to_unit(words(stream, entity, step, slot)[0]);
  }

  // Poisson variate with mean `mean`: inversion for small means, a continuity-corrected normal
  // approximation above 50 (relative error of the mean below 1e-3 there).
  [[nodiscard]] uint64_t poisson(double mean, Stream stream, uint64_t entity, uint32_t step) const;

  // Agents standing for `persons` real people at `scale`: floor(persons * scale), plus one with
  // probability equal to the fractional part, so the expected count is exact at any scale.
  [[nodiscard]] uint64_t agent_count(double persons, double scale, uint64_t entity) const {
    const double expected = persons * scale;
    const double whole = std::floor(expected);
    const double u = uniform(Stream::initial_population, entity, 0);
    return uint64_t(whole) + (u < expected - whole ? 1U : 0U);
  }

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
