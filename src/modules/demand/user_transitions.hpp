#pragma once
// The per-agent step of the demand module: light use, heavy use, treatment and recovery as
// competing events drawn from one Philox word per agent and step. Defined in demand.cpp;
// declared here so that tests/unit/user_transitions_test.cpp can hold it to a plain
// reference state machine.
#include <algorithm>
#include <cstdint>
#include <span>

#include "narcosim/core/rng.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim::demand {

struct Rates {  // per-step probabilities
  double light_quit = 0, light_escalate = 0;
  double heavy_death = 0, heavy_treatment = 0, heavy_quit = 0;
  double treatment_exit = 0, treatment_success = 0;
  double recovered_relapse = 0, recovered_exit = 0;
};

// "word < threshold" for a 32-bit word and a threshold from probability_threshold(), which may
// be 2^32 (probability 1), in 32-bit arithmetic so that the agent loop vectorises: 2^32 is kept
// as a flag (a uint32_t: a bool among 32-bit lanes stops GCC vectorising the loop).
struct Below {
  uint32_t bound;
  uint32_t always;  // 1 for a threshold of 2^32
  explicit Below(uint64_t threshold)
      : bound(uint32_t(std::min<uint64_t>(threshold, UINT32_MAX))),
        always(threshold > UINT32_MAX ? 1 : 0) {}
  [[nodiscard]] bool operator()(uint32_t word) const { return (word < bound) | (always != 0); }
};

// Competing events as cumulative thresholds on one 32-bit word (u) per agent and step; v decides
// the outcome of a finished treatment.
struct Thresholds {
  Below light_quit, light_escalate;
  Below heavy_death, heavy_treatment, heavy_quit;
  Below treatment_exit, treatment_success;
  Below recovered_relapse, recovered_exit;
  explicit Thresholds(const Rates& r)
      : light_quit(CounterRng::probability_threshold(r.light_quit)),
        light_escalate(CounterRng::probability_threshold(r.light_quit + r.light_escalate)),
        heavy_death(CounterRng::probability_threshold(r.heavy_death)),
        heavy_treatment(CounterRng::probability_threshold(r.heavy_death + r.heavy_treatment)),
        heavy_quit(
            CounterRng::probability_threshold(r.heavy_death + r.heavy_treatment + r.heavy_quit)),
        treatment_exit(CounterRng::probability_threshold(r.treatment_exit)),
        treatment_success(CounterRng::probability_threshold(r.treatment_success)),
        recovered_relapse(CounterRng::probability_threshold(r.recovered_relapse)),
        recovered_exit(CounterRng::probability_threshold(r.recovered_relapse + r.recovered_exit)) {}
};

// Agents by state after a step (gone counts those gone before it too), and overdose deaths.
struct Tally {
  uint64_t light = 0, heavy = 0, treatment = 0, recovered = 0, deaths = 0, gone = 0;
  void add(const Tally& o) {
    light += o.light;
    heavy += o.heavy;
    treatment += o.treatment;
    recovered += o.recovered;
    deaths += o.deaths;
    gone += o.gone;
  }
};

// Moves agents `use` (with ids `ids`) one step: agent i draws
// CounterRng::agent_words(key, ids[i], step) and leaves its state by the first event whose
// threshold is above the first word. Gone agents stay gone.
Tally advance_users(std::span<UseState> use, std::span<const uint32_t> ids,
                    const Thresholds& thresholds, uint32_t key, uint32_t step);

}  // namespace narcosim::demand
