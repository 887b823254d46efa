#pragma once
// Policy levers: the only quantities policies may change mid-run (OpenABM's whitelist idea).
// The policy module (src/policies/levers.cpp) resets them to the baseline at every step and
// lets each policy in force move those of the places and substances it covers; mechanisms read
// them. "cell" vectors are indexed [node * substances + substance], the others by node.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace narcosim {

// The legal channel for a substance in a country. Prohibition is the default; decriminalised
// possession is a justice lever (possession_threshold_days), not a channel.
enum class LegalRegime : uint8_t { prohibition = 0, registry = 1, commercial = 2 };

struct LegalChannelLever {
  LegalRegime regime = LegalRegime::prohibition;
  double price_usd_per_g = 0.0;    // legal retail price before tax, this step
  double excise_rate = 0.0;        // buyers pay price * (1 + rate)
  double quota_g_per_month = 0.0;  // per buyer; 0: no quota
  double access_share = 0.0;       // share of users who can reach the channel this step
  bool operator==(const LegalChannelLever&) const = default;
};

struct Levers {
  // --- per cell ------------------------------------------------------------------------------
  std::vector<double> interdiction_multiplier;     // x baseline interdiction budget
  std::vector<double> eradication_multiplier;      // x baseline eradication budget
  std::vector<double> treatment_multiplier;        // x baseline treatment budget
  std::vector<double> alt_dev_support_usd_per_ha;  // per licit hectare and year
  std::vector<double> alt_dev_community;      // 1: every licit household is paid while coca-free
  std::vector<double> legal_transport_share;  // share of transit by licensed carriers
  std::vector<double> possession_threshold_days;    // 0: every possession case is arrestable
  std::vector<double> treatment_referral_per_year;  // heavy users referred by dissuasion panels
  std::vector<double> medical_licensed_ha;          // hectares under medical licence
  std::vector<double> medical_price_ratio;          // licensed price / baseline farm-gate price
  std::vector<double> medical_diversion_share;      // licensed output leaking to the illicit trade
  std::vector<LegalChannelLever> legal_channel;
  std::vector<double> compensation_share;  // > 0: this country pays this share of seized value
  // --- per node ------------------------------------------------------------------------------
  std::vector<double> compensation_reinvest_share;  // recipients: share added to interdiction
  std::vector<double> sentence_multiplier_minor;    // possession, growing and low-level dealing
  std::vector<double> review_release_share;         // one step only: minor drug prisoners released
  std::vector<double> amnesty_release_share;        // one step only: eligible prisoners released
  std::vector<double> grower_prosecution;           // x baseline arrests of growers
  std::vector<double> military_troops;              // soldiers deployed against organisations
  std::vector<double> guard_troops;                 // national guard
  std::vector<double> leader_removals_per_year;     // per organisation based in the country
  std::vector<double> program_budget_usd_per_year;
  std::vector<double> program_cost_per_participant_usd;  // per year
  std::vector<double> firearm_target;        // long-run firearm availability, x baseline
  std::vector<double> firearm_adjust_years;  // time constant towards the target

  void reset(size_t nodes, size_t substances);
  bool operator==(const Levers&) const = default;
};

}  // namespace narcosim
