// The demand module's agent loop (vectorised, branch-free, one build per instruction set) gives
// exactly what the plain state machine gives with the scalar Philox draw, for many keys, steps,
// group sizes and thresholds, including the probabilities 0 and 1.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "modules/demand/user_transitions.hpp"

namespace narcosim::demand {
namespace {

// The model as documented (docs/ODD.md "Demand"), one agent at a time.
UseState reference_step(UseState s, const Rates& r, uint32_t key, uint32_t id, uint32_t step,
                        uint64_t& deaths) {
  const auto w = CounterRng::agent_words(key, id, step);
  const uint32_t u = w[0], v = w[1];
  const auto below = [&](double p) { return u < CounterRng::probability_threshold(p); };
  switch (s) {
    case UseState::light:
      if (below(r.light_quit)) return UseState::gone;
      if (below(r.light_quit + r.light_escalate)) return UseState::heavy;
      return s;
    case UseState::heavy:
      if (below(r.heavy_death)) {
        ++deaths;
        return UseState::gone;
      }
      if (below(r.heavy_death + r.heavy_treatment)) return UseState::treatment;
      if (below(r.heavy_death + r.heavy_treatment + r.heavy_quit)) return UseState::recovered;
      return s;
    case UseState::treatment:
      if (below(r.treatment_exit)) {
        return v < CounterRng::probability_threshold(r.treatment_success) ? UseState::recovered
                                                                          : UseState::heavy;
      }
      return s;
    case UseState::recovered:
      if (below(r.recovered_relapse)) return UseState::heavy;
      if (below(r.recovered_relapse + r.recovered_exit)) return UseState::gone;
      return s;
    case UseState::gone:
      return s;
  }
  return s;
}

Tally reference_tally(const std::vector<UseState>& states, uint64_t deaths) {
  Tally t;
  t.deaths = deaths;
  for (const auto s : states) {
    t.light += s == UseState::light;
    t.heavy += s == UseState::heavy;
    t.treatment += s == UseState::treatment;
    t.recovered += s == UseState::recovered;
    t.gone += s == UseState::gone;
  }
  return t;
}

// Large rates so that every event happens often in a few hundred agents; `p` scales them.
Rates rates(double p) {
  Rates r;
  r.light_quit = 0.1 * p;
  r.light_escalate = 0.2 * p;
  r.heavy_death = 0.05 * p;
  r.heavy_treatment = 0.1 * p;
  r.heavy_quit = 0.15 * p;
  r.treatment_exit = 0.5 * p;
  r.treatment_success = 0.4;
  r.recovered_relapse = 0.2 * p;
  r.recovered_exit = 0.1 * p;
  return r;
}

void expect_same_as_reference(const Rates& r, uint32_t key, size_t agents, uint32_t steps) {
  std::vector<UseState> fast(agents), slow(agents);
  std::vector<uint32_t> ids(agents);
  constexpr UseState kStates[] = {UseState::light, UseState::heavy, UseState::treatment,
                                  UseState::recovered, UseState::gone};
  for (size_t i = 0; i < agents; ++i) {
    fast[i] = slow[i] = kStates[(i * 7 + key) % 5];
    ids[i] = uint32_t(i * 2654435761u + key);  // scattered ids, as after compaction
  }
  const Thresholds thresholds(r);
  for (uint32_t step = 0; step < steps; ++step) {
    uint64_t deaths = 0;
    for (size_t i = 0; i < agents; ++i)
      slow[i] = reference_step(slow[i], r, key, ids[i], step, deaths);
    const Tally got = advance_users(fast, ids, thresholds, key, step);
    const Tally want = reference_tally(slow, deaths);
    ASSERT_EQ(fast, slow) << "key " << key << ", " << agents << " agents, step " << step;
    EXPECT_EQ(got.light, want.light);
    EXPECT_EQ(got.heavy, want.heavy);
    EXPECT_EQ(got.treatment, want.treatment);
    EXPECT_EQ(got.recovered, want.recovered);
    EXPECT_EQ(got.gone, want.gone);
    EXPECT_EQ(got.deaths, want.deaths);
  }
}

TEST(UserTransitions, MatchTheScalarStateMachine) {
  // Sizes around the vector widths exercise the loop's remainder handling.
  for (const size_t agents : {size_t{0}, size_t{1}, size_t{3}, size_t{15}, size_t{16}, size_t{17},
                              size_t{63}, size_t{257}, size_t{1000}}) {
    for (const uint32_t key : {0u, 1u, 0xDEADBEEFu, 0xFFFFFFFFu}) {
      expect_same_as_reference(rates(1.0), key, agents, 20);
    }
  }
}

TEST(UserTransitions, HandleProbabilitiesZeroAndOne) {
  expect_same_as_reference(rates(0.0), 12345, 500, 5);  // nobody moves
  Rates certain = rates(1.0);
  certain.treatment_success = 1.0;  // a threshold of 2^32: every finished treatment succeeds
  certain.light_quit = 1.0;         // every light user quits
  certain.heavy_death = 0.5;
  certain.heavy_treatment = 0.5;  // death or treatment, cumulatively certain
  certain.recovered_relapse = 0.7;
  certain.recovered_exit = 0.6;  // cumulative probability above 1
  for (const uint32_t key : {7u, 99u}) expect_same_as_reference(certain, key, 300, 10);
}

}  // namespace
}  // namespace narcosim::demand
