// Shorter sentences for minor drug offences and a review of prisoners held for small amounts
// (Guatemala, seed 001).
#include "policies/policy_type.hpp"

namespace narcosim::policy_catalog {

namespace {
void on_country(const PolicyInForce& p, Levers& l, NodeIndex node) {
  l.sentence_multiplier_minor[node] *= p.field("sentence_multiplier");
  if (p.is_first_step()) l.review_release_share[node] = p.field("review_release_share");
}
}  // namespace

PolicyType ease_sentences_policy() {
  return {
      "ease_sentences",
      "Shorter sentences for minor drug offences and review of prisoners held for small "
      "amounts (Guatemala, seed 001)",
      "multiplies sentences for possession, growing and low-level dealing; at the start a "
      "review releases a share of those held for them",
      false,
      false,
      {field("sentence_multiplier", "x baseline", 0.5, 0.05, 1.0,
             "Sentence length for minor drug offences relative to the baseline", "assumption"),
       field("review_release_share", "fraction", 0.3, 0.0, 1.0,
             "Share of minor drug prisoners released by the review at the start", "assumption")},
      on_country,
      nullptr};
}

}  // namespace narcosim::policy_catalog
