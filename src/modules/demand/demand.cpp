// Demand: per country and substance, user agents move between light use, heavy use, treatment
// and recovery (RAND light/heavy model, Everingham & Rydell 1994); initiation is contagious but
// damped by the drug's reputation, L*exp(-q*H/L) (Behrens, Caulkins et al. 2000); consumption
// and participation respond to the retail price; heavy users risk overdose. See docs/ODD.md
// "Demand".
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>
#include <utility>

#include "narcosim/core/fp_traps.hpp"
#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"
#include "user_transitions.hpp"

namespace narcosim {

namespace demand {

// GCC builds the agent loop for AVX-512 and AVX2 as well, and the loader picks the widest one
// the CPU has: the release build targets baseline x86-64, where it gets 4 lanes only. Clang 14
// (the sanitize preset) dispatches "arch=x86-64-v4" on CPUs without AVX-512 (SIGILL), so its
// builds keep the baseline loop.
#if defined(__x86_64__) && !defined(__clang__)
#define NARCOSIM_AGENT_LOOP_CLONES \
  __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
#else
#define NARCOSIM_AGENT_LOOP_CLONES
#endif

// One loop without branches, so that GCC vectorises it, Philox rounds included: the state
// machine is a chain of selects in which later ones win, so the events that take precedence
// (the lower thresholds) come last. Integer arithmetic only: every clone gives the same bits.
// (-fopt-info-vec-missed says why if a change stops the vectorisation: a bool among the 32-bit
// values did; narcosim_bench shows it as a fourfold drop in demand agent-steps per second.)
NARCOSIM_AGENT_LOOP_CLONES
Tally advance_users(std::span<UseState> use, std::span<const uint32_t> ids,
                    const Thresholds& thresholds, uint32_t key, uint32_t step) {
  constexpr auto light = uint32_t(UseState::light), heavy = uint32_t(UseState::heavy),
                 treatment = uint32_t(UseState::treatment),
                 recovered = uint32_t(UseState::recovered), gone = uint32_t(UseState::gone);
  const Thresholds t = thresholds;  // a local copy: stores to `use` cannot alias it
  UseState* states = use.data();
  const uint32_t* agent = ids.data();
  uint32_t light_count = 0, heavy_count = 0, treatment_count = 0, recovered_count = 0, deaths = 0;
  for (size_t i = 0; i < use.size(); ++i) {
    const auto [u, v] = CounterRng::agent_words(key, agent[i], step);
    const auto s = uint32_t(states[i]);
    const bool is_light = s == light, is_heavy = s == heavy, is_treated = s == treatment,
               is_recovered = s == recovered;
    uint32_t next = s;
    next = (is_light & t.light_escalate(u)) ? heavy : next;
    next = (is_light & t.light_quit(u)) ? gone : next;
    next = (is_heavy & t.heavy_quit(u)) ? recovered : next;
    next = (is_heavy & t.heavy_treatment(u)) ? treatment : next;
    next = (is_heavy & t.heavy_death(u)) ? gone : next;
    const bool leaves_treatment = is_treated & t.treatment_exit(u);
    next = leaves_treatment ? heavy : next;
    next = (leaves_treatment & t.treatment_success(v)) ? recovered : next;
    next = (is_recovered & t.recovered_exit(u)) ? gone : next;
    next = (is_recovered & t.recovered_relapse(u)) ? heavy : next;
    deaths += uint32_t(is_heavy & t.heavy_death(u));
    states[i] = UseState(uint8_t(next));
    light_count += next == light;
    heavy_count += next == heavy;
    treatment_count += next == treatment;
    recovered_count += next == recovered;
  }
  Tally tally;
  tally.light = light_count;
  tally.heavy = heavy_count;
  tally.treatment = treatment_count;
  tally.recovered = recovered_count;
  tally.deaths = deaths;
  tally.gone = use.size() - light_count - heavy_count - treatment_count - recovered_count;
  return tally;
}

}  // namespace demand

namespace {

// Random streams of this module (declared in its spec below; numbers never change).
constexpr Stream kDemandTransitionStream{4};
constexpr Stream kInitiationStream{5};

using demand::Rates;
using demand::Tally;
using demand::Thresholds;

// Agents are updated in fixed chunks so the reduction order, and so every result, is the same
// at any thread count.
constexpr size_t kChunk = size_t{1} << 15;

// A fixed slice of one group's agents: the unit of parallel work.
struct Chunk {
  size_t group;
  size_t begin;
  size_t end;
};

class DemandModule final : public Module {
 public:
  explicit DemandModule(const ParameterReader& parameters) : p_(Parameters::read(parameters)) {}

  void initialize(ModelState& state) override {
    const auto& world = *state.world;
    treatment_budget_usd_.clear();
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      treatment_budget_usd_.push_back(
          world.figure_or(NodeIndex(n), std::nullopt, "treatment_budget_usd", 0.0));
    }
    const double treatment_exit = 52.0 / p_.treatment_weeks;
    const double success = p_.treatment_success;
    const double relapse = p_.relapse_per_year;
    const double recovered_exit = p_.recovered_exit_per_year;
    const auto entry = baseline_treatment_entry_rates(state);
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      const auto node = NodeIndex(n);
      if (!world.nodes[n].is_market()) continue;
      const double adults = world.figure_or(node, std::nullopt, "population", 0.0) *
                            world.figure_or(node, std::nullopt, "adult_share", 0.65);
      for (size_t s = 0; s < world.substances.size(); ++s) {
        const auto substance = SubstanceIndex(s);
        const auto users = world.figure(node, substance, "users_past_year");
        const auto retail = world.figure(node, substance, "price_retail_usd_per_g");
        if (!users || !retail || *users <= 0) continue;
        UserGroup group;
        group.node = node;
        group.substance = substance;
        group.adult_population = adults;
        group.reference_price = *retail;
        // Past-year users = light + heavy + in treatment; the data's heavy share covers the
        // last two. The baseline is taken as a steady state: treatment and recovered pools at
        // their equilibrium for the observed heavy users, escalation and initiation such that
        // light and heavy use are stationary (otherwise the model drifts from 2010 for lack of
        // calibration rather than for any mechanism).
        const double t = entry[n];
        const double heavy_and_treated =
            *users *
            world.figure_or(node, substance, "heavy_user_share", p_.default_heavy_user_share);
        const double heavy = heavy_and_treated / (1.0 + t / treatment_exit);
        const double treated = heavy_and_treated - heavy;
        const double light = *users - heavy_and_treated;
        const double g = p_.substance[s].heavy_quit_per_year;
        const double od = p_.substance[s].overdose_per_heavy_per_year;
        const double recovered = heavy * (g + success * t) / (relapse + recovered_exit);
        const double heavy_outflow = (g + od + t) * heavy;
        const double heavy_inflow_other = relapse * recovered + (1.0 - success) * t * heavy;
        group.escalation_per_year =
            light > 0 ? std::max(1e-4, (heavy_outflow - heavy_inflow_other) / light) : 1e-4;
        const uint32_t tag = uint32_t(state.user_groups.size());
        add_agents(state, group, UseState::light, light, tag * 4u);
        add_agents(state, group, UseState::heavy, heavy, tag * 4u + 1u);
        add_agents(state, group, UseState::treatment, treated, tag * 4u + 2u);
        add_agents(state, group, UseState::recovered, recovered, tag * 4u + 3u);
        for (const auto u : group.state) {
          group.light_agents += u == UseState::light;
          group.heavy_agents += u == UseState::heavy;
          group.treatment_agents += u == UseState::treatment;
          group.recovered_agents += u == UseState::recovered;
        }
        const double outflow =
            (p_.substance[s].light_quit_per_year + group.escalation_per_year) * light;
        group.baseline_initiation = outflow;
        group.baseline_light = light;
        group.baseline_heavy_share = light + heavy > 0 ? heavy / (light + heavy) : 0.0;
        auto& market = state.market(node, substance);
        market.expected_demand_kg = consumption_kg(state, substance, light, heavy, 1.0);
        state.user_groups.push_back(std::move(group));
      }
    }
    fixed_rates_ = fixed_rates(state);
  }

  void step(ModelState& state) override {
    const double years = state.years_per_step();
    const auto step = uint32_t(state.step);
    const double frequency_share = p_.frequency_share;
    const double memory =
        1.0 - std::exp(-(state.calendar.step_days() / 7.0) / p_.demand_memory_weeks);
    const auto treatment_rates = treatment_entry_rates(state);
    const size_t groups = state.user_groups.size();

    // 1. Per-group transition probabilities from this step's prices and budgets.
    std::vector<Thresholds> thresholds;
    std::vector<double> participation(groups), intensity(groups);
    thresholds.reserve(groups);
    for (size_t g = 0; g < groups; ++g) {
      const auto& group = state.user_groups[g];
      const auto s = group.substance;
      const auto& market = state.market(group.node, s);
      const double elasticity = p_.substance[s].price_elasticity;
      // Behaviour responds to prices within a factor of 4 of the reference; beyond that the
      // constant-elasticity form has no empirical support.
      const double price_ratio =
          std::clamp(effective_price(state, group, market) / group.reference_price, 0.25, 4.0);
      participation[g] = std::pow(price_ratio, (1.0 - frequency_share) * elasticity);
      intensity[g] = std::pow(price_ratio, frequency_share * elasticity);
      Rates r = fixed_rates_[g];
      r.heavy_treatment = probability_from_rate(treatment_rates[g], years);
      thresholds.emplace_back(r);
    }

    // 2. Every agent of every group, in fixed chunks spread over the threads.
    const auto tallies = update_agents(state, thresholds, step);

    // 3. Per group, in order: initiation, consumption, outputs.
    for (size_t g = 0; g < groups; ++g) {
      auto& group = state.user_groups[g];
      const auto s = group.substance;
      auto& market = state.market(group.node, s);
      const size_t cell = state.cell(group.node, s);
      const Tally& tally = tallies[g];
      group.light_agents = tally.light;
      group.heavy_agents = tally.heavy;
      group.treatment_agents = tally.treatment;
      group.recovered_agents = tally.recovered;
      const double light = double(tally.light) / state.scale;
      const double heavy = double(tally.heavy) / state.scale;
      const double users = light + heavy + double(tally.treatment + tally.recovered) / state.scale;

      // Initiation into light use: a constant part plus a contagious part damped by the drug's
      // reputation among heavy users (Behrens et al. 2000), both scaled by price.
      const double q = p_.substance[s].reputation_q;
      const double contagious_share = p_.contagion_share;
      // Reputation is judged on the heavy share of current users, relative to the baseline, and
      // may raise initiation at most by the cap: without it, small groups whose heavy users die
      // out would recruit without bound.
      const double heavy_share = light + heavy > 0 ? heavy / (light + heavy) : 0.0;
      const double reputation = std::min(p_.reputation_boost_cap,
                                         std::exp(-q * (heavy_share - group.baseline_heavy_share)));
      const double contagion =
          group.baseline_light > 0 ? light / group.baseline_light * reputation : 0.0;
      const double room = std::max(0.0, group.adult_population - users);
      const double per_year =
          group.baseline_initiation * ((1.0 - contagious_share) + contagious_share * contagion);
      const double expected_new = std::min(room, per_year * participation[g] * years);
      const uint64_t newcomers = state.rng.poisson(expected_new * state.scale, kInitiationStream,
                                                   aggregate_entity(2, uint32_t(g)), step);
      for (uint64_t i = 0; i < newcomers; ++i) {
        group.state.push_back(UseState::light);
        group.id.push_back(group.next_id++);
      }
      group.light_agents += newcomers;
      if (tally.gone * 4 > group.size()) compact(group);

      // Consumption: first what the legal channel sells (if any), the rest from the illicit
      // retail stock, where shortages ration it.
      const double light_now = light + double(newcomers) / state.scale;
      const double wanted = consumption_kg(state, s, light_now, heavy, intensity[g]);
      const double legal = legal_purchases_kg(state, group, market, light_now, heavy, intensity[g]);
      if (legal > 0) sell_legally(state, group, legal);
      group.legal_share = wanted > 0 ? legal / wanted : 0.0;
      const double served = std::min(wanted - legal, market.inventory_kg);
      market.inventory_kg -= served;
      market.expected_demand_kg += memory * (wanted - market.expected_demand_kg);
      state.ledger.consumed_kg[s] += served;
      state.flows.consumption_kg[cell] += served;
      state.flows.consumption_kg[cell] += legal;
      const double paid = served * 1000.0 * market.retail_price;
      state.flows.illicit_sales_usd[cell] += paid;
      state.money.transfer(state.money.sector(group.node, Sector::households),
                           state.money.sector(group.node, Sector::drug_trade), paid,
                           Purpose::illicit_retail, group.node);
      state.flows.overdose_deaths[cell] += double(tally.deaths) / state.scale;
      state.flows.new_users[cell] += double(newcomers) / state.scale;
    }
  }

 private:
  // Parameters by field rather than by name, resolved once per run when the engine builds the
  // module: looking names up for every group and step cost as much as moving the agents at small
  // scales.
  struct SubstanceParameters {
    double price_elasticity, light_quit_per_year, heavy_quit_per_year, overdose_per_heavy_per_year,
        reputation_q, light_grams_per_year, heavy_to_light_consumption;
  };
  struct Parameters {
    std::vector<SubstanceParameters> substance;
    double frequency_share, demand_memory_weeks, contagion_share, reputation_boost_cap;
    double treatment_weeks, treatment_success, relapse_per_year, recovered_exit_per_year;
    double max_treatment_entry_per_year, treatment_cost_usd_per_episode;
    double default_heavy_user_share;  // where the world data give none
    double preference_for_legal, channel_choice_scale;

    static Parameters read(const ParameterReader& r) {
      Parameters p{};
      const auto get = [&](std::string_view name) { return r.per_substance("demand", name); };
      const auto price_elasticity = get("price_elasticity");
      const auto light_quit_per_year = get("light_quit_per_year");
      const auto heavy_quit_per_year = get("heavy_quit_per_year");
      const auto overdose_per_heavy_per_year = get("overdose_per_heavy_per_year");
      const auto reputation_q = get("reputation_q");
      const auto light_grams_per_year = get("light_grams_per_year");
      const auto heavy_to_light_consumption = get("heavy_to_light_consumption");
      for (size_t s = 0; s < price_elasticity.size(); ++s) {
        p.substance.push_back({price_elasticity[s], light_quit_per_year[s], heavy_quit_per_year[s],
                               overdose_per_heavy_per_year[s], reputation_q[s],
                               light_grams_per_year[s], heavy_to_light_consumption[s]});
      }
      p.frequency_share = r.get("demand.frequency_share");
      p.demand_memory_weeks = r.get("markets.demand_memory_weeks");
      p.contagion_share = r.get("demand.contagion_share");
      p.reputation_boost_cap = r.get("demand.reputation_boost_cap");
      p.treatment_weeks = r.get("demand.treatment_weeks");
      p.treatment_success = r.get("demand.treatment_success");
      p.relapse_per_year = r.get("demand.relapse_per_year");
      p.recovered_exit_per_year = r.get("demand.recovered_exit_per_year");
      p.max_treatment_entry_per_year = r.get("demand.max_treatment_entry_per_year");
      p.treatment_cost_usd_per_episode = r.get("demand.treatment_cost_usd_per_episode");
      p.default_heavy_user_share = r.get("demand.default_heavy_user_share");
      p.preference_for_legal = r.get("legal.preference_for_legal");
      p.channel_choice_scale = r.get("legal.channel_choice_scale");
      return p;
    }
  };

  Parameters p_{};
  std::vector<double> treatment_budget_usd_;  // per node, from the world data
  // Per group: the step probabilities that do not change during a run (all but treatment
  // entry, which follows the budget and the number of heavy users).
  std::vector<Rates> fixed_rates_;

  [[nodiscard]] std::vector<Rates> fixed_rates(const ModelState& state) const {
    const double years = state.years_per_step();
    std::vector<Rates> rates;
    for (const auto& group : state.user_groups) {
      const auto& sp = p_.substance[group.substance];
      Rates r;
      r.light_quit = probability_from_rate(sp.light_quit_per_year, years);
      r.light_escalate = probability_from_rate(group.escalation_per_year, years);
      r.heavy_death = probability_from_rate(sp.overdose_per_heavy_per_year, years);
      r.heavy_quit = probability_from_rate(sp.heavy_quit_per_year, years);
      r.treatment_exit = probability_from_rate(52.0 / p_.treatment_weeks, years);
      r.treatment_success = p_.treatment_success;
      r.recovered_relapse = probability_from_rate(p_.relapse_per_year, years);
      r.recovered_exit = probability_from_rate(p_.recovered_exit_per_year, years);
      rates.push_back(r);
    }
    return rates;
  }

  static void add_agents(ModelState& state, UserGroup& group, UseState use, double persons,
                         uint32_t tag) {
    const auto count = state.rng.agent_count(persons, state.scale, aggregate_entity(5, tag));
    group.state.insert(group.state.end(), count, use);
    for (uint64_t i = 0; i < count; ++i) group.id.push_back(group.next_id++);
  }

  // kg per step of pure product wanted by light and heavy users (real persons).
  [[nodiscard]] double consumption_kg(const ModelState& state, SubstanceIndex s, double light,
                                      double heavy, double intensity) const {
    const double grams = p_.substance[s].light_grams_per_year;
    const double ratio = p_.substance[s].heavy_to_light_consumption;
    return (light + ratio * heavy) * grams * intensity * state.years_per_step() / 1000.0;
  }

  // Annual treatment entry rate of the heavy users of each group: the node's budget buys
  // episodes shared over its heavy users of all substances, scaled by the substance's budget
  // multiplier; dissuasion panels (decriminalisation) refer more. Books what the node spends.
  std::vector<double> treatment_entry_rates(ModelState& state) const {
    const size_t nodes = state.world->nodes.size();
    std::vector<double> heavy(nodes, 0.0);
    for (const auto& group : state.user_groups) {
      heavy[group.node] += double(group.heavy_agents) / state.scale;
    }
    const auto base = entry_rates(state, heavy);
    const double cap = p_.max_treatment_entry_per_year;
    std::vector<double> rates(state.user_groups.size(), 0.0);
    for (size_t g = 0; g < rates.size(); ++g) {
      const auto& group = state.user_groups[g];
      const size_t cell = state.cell(group.node, group.substance);
      rates[g] = std::min(cap, base[group.node] * state.levers.treatment_multiplier[cell] +
                                   state.levers.treatment_referral_per_year[cell]);
      const double episodes =
          rates[g] * double(group.heavy_agents) / state.scale * state.years_per_step();
      state.flows.treatment_spend_usd[group.node] += episodes * episode_cost(state, group.node);
    }
    return rates;
  }

  [[nodiscard]] double episode_cost(const ModelState& state, NodeIndex node) const {
    return p_.treatment_cost_usd_per_episode * state.wage_ratio(node);
  }

  // The same at the start, from the observed heavy users (before agents exist).
  [[nodiscard]] std::vector<double> baseline_treatment_entry_rates(const ModelState& state) const {
    const auto& world = *state.world;
    std::vector<double> heavy(world.nodes.size(), 0.0);
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      for (size_t s = 0; s < world.substances.size(); ++s) {
        heavy[n] += world.figure_or(NodeIndex(n), SubstanceIndex(s), "users_past_year", 0.0) *
                    world.figure_or(NodeIndex(n), SubstanceIndex(s), "heavy_user_share",
                                    p_.default_heavy_user_share);
      }
    }
    return entry_rates(state, heavy);
  }

  // Baseline annual entry rate per node: the episodes the baseline budget buys over the heavy
  // users.
  [[nodiscard]] std::vector<double> entry_rates(const ModelState& state,
                                                const std::vector<double>& heavy) const {
    std::vector<double> rates(heavy.size(), 0.0);
    for (size_t n = 0; n < heavy.size(); ++n) {
      if (heavy[n] <= 0) continue;
      const auto node = NodeIndex(n);
      const double budget = treatment_budget_usd_[n];
      rates[n] =
          std::min(p_.max_treatment_entry_per_year, budget / episode_cost(state, node) / heavy[n]);
    }
    return rates;
  }

  // Price users react to: legal and illicit prices weighted by where they bought last step.
  static double effective_price(const ModelState& state, const UserGroup& group,
                                const Market& market) {
    const auto& channel = state.levers.legal_channel[state.cell(group.node, group.substance)];
    if (channel.regime == LegalRegime::prohibition || group.legal_share <= 0) {
      return market.retail_price;
    }
    const double legal_price = channel.price_usd_per_g * (1.0 + channel.excise_rate);
    return group.legal_share * legal_price + (1.0 - group.legal_share) * market.retail_price;
  }

  // kg per step bought in the legal channel (see docs/ODD.md "Legal supply"): users with access
  // choose it by a logit on the log price ratio with a preference for legality; a quota caps
  // what each buyer may take.
  [[nodiscard]] double legal_purchases_kg(const ModelState& state, const UserGroup& group,
                                          const Market& market, double light, double heavy,
                                          double intensity) const {
    const auto& channel = state.levers.legal_channel[state.cell(group.node, group.substance)];
    if (channel.regime == LegalRegime::prohibition || channel.access_share <= 0) return 0.0;
    const double legal_price = channel.price_usd_per_g * (1.0 + channel.excise_rate);
    const double illicit_price = std::max(1e-9, market.retail_price);
    const double utility =
        (std::log(illicit_price / legal_price) + p_.preference_for_legal) / p_.channel_choice_scale;
    const double choosing = channel.access_share / (1.0 + std::exp(-utility));
    const auto s = group.substance;
    const double light_g = p_.substance[s].light_grams_per_year * intensity;
    const double heavy_g = light_g * p_.substance[s].heavy_to_light_consumption;
    double per_light = light_g, per_heavy = heavy_g;  // grams per buyer per year
    if (channel.quota_g_per_month > 0) {
      per_light = std::min(per_light, 12.0 * channel.quota_g_per_month);
      per_heavy = std::min(per_heavy, 12.0 * channel.quota_g_per_month);
    }
    return choosing * (light * per_light + heavy * per_heavy) * state.years_per_step() / 1000.0;
  }

  // Licensed producers supply what the channel sells in the same step; buyers pay the price
  // to the legal industry and the excise to the government.
  static void sell_legally(ModelState& state, const UserGroup& group, double kg) {
    const size_t cell = state.cell(group.node, group.substance);
    const auto& channel = state.levers.legal_channel[cell];
    const double sales = kg * 1000.0 * channel.price_usd_per_g;
    const auto households = state.money.sector(group.node, Sector::households);
    const double booked =
        state.money.transfer(households, state.money.sector(group.node, Sector::legal_industry),
                             sales, Purpose::legal_sale, group.node);
    state.money.transfer(households, state.money.sector(group.node, Sector::government),
                         booked * channel.excise_rate, Purpose::tax, group.node);
    state.flows.legal_sales_usd[cell] += booked;
    state.flows.legal_kg[cell] += kg;
    state.ledger.legal_kg[group.substance] += kg;
  }

  // Moves every agent one step. Chunks are fixed by group sizes alone and their tallies are
  // added in chunk order, so the result does not depend on the number of threads.
  static std::vector<Tally> update_agents(ModelState& state,
                                          const std::vector<Thresholds>& thresholds,
                                          uint32_t step) {
    const size_t groups = state.user_groups.size();
    std::vector<Chunk> chunks;
    for (size_t g = 0; g < groups; ++g) {
      const size_t n = state.user_groups[g].size();
      for (size_t begin = 0; begin < n; begin += kChunk) {
        chunks.push_back({g, begin, std::min(n, begin + kChunk)});
      }
    }
    std::vector<Tally> partial(chunks.size());
    std::vector<uint32_t> keys(groups);
    for (size_t g = 0; g < groups; ++g) {
      keys[g] = state.rng.population_key(kDemandTransitionStream, uint32_t(g));
    }
    tbb::parallel_for(tbb::blocked_range<size_t>(0, chunks.size(), 1),
                      [&](const tbb::blocked_range<size_t>& range) {
                        const FloatingPointTraps traps;  // on the worker that runs this
                        for (size_t c = range.begin(); c < range.end(); ++c) {
                          partial[c] = update_chunk(state.user_groups[chunks[c].group], chunks[c],
                                                    thresholds[chunks[c].group],
                                                    keys[chunks[c].group], step);
                        }
                      });
    std::vector<Tally> tallies(groups);
    for (size_t c = 0; c < chunks.size(); ++c) tallies[chunks[c].group].add(partial[c]);
    return tallies;
  }

  static Tally update_chunk(UserGroup& group, const Chunk& chunk, const Thresholds& thresholds,
                            uint32_t key, uint32_t step) {
    const size_t n = chunk.end - chunk.begin;
    return demand::advance_users(std::span(group.state).subspan(chunk.begin, n),
                                 std::span(std::as_const(group.id)).subspan(chunk.begin, n),
                                 thresholds, key, step);
  }

  static void compact(UserGroup& group) {
    size_t out = 0;
    for (size_t i = 0; i < group.size(); ++i) {
      if (group.state[i] == UseState::gone) continue;
      group.state[out] = group.state[i];
      group.id[out] = group.id[i];
      ++out;
    }
    group.state.resize(out);
    group.id.resize(out);
  }
};

void report_demand(const ModelState& state, MetricTable& t) {
  for (const auto& group : state.user_groups) {
    const size_t cell = state.cell(group.node, group.substance);
    t.put(Metric::users_light, group.node, group.substance,
          double(group.light_agents) / state.scale);
    t.put(Metric::users_heavy, group.node, group.substance,
          double(group.heavy_agents) / state.scale);
    t.put(Metric::users_in_treatment, group.node, group.substance,
          double(group.treatment_agents) / state.scale);
    t.put(Metric::new_users, group.node, group.substance, state.flows.new_users[cell]);
    t.put(Metric::consumption_kg, group.node, group.substance, state.flows.consumption_kg[cell]);
    t.put(Metric::illicit_sales_usd, group.node, group.substance,
          state.flows.illicit_sales_usd[cell]);
    t.put(Metric::overdose_deaths, group.node, group.substance, state.flows.overdose_deaths[cell]);
  }
  // Legal sales: every node and substance with a legal channel or users.
  const auto& world = *state.world;
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    for (size_t s = 0; s < state.substance_count(); ++s) {
      const double legal = state.flows.legal_sales_usd[state.cell(NodeIndex(n), SubstanceIndex(s))];
      if (legal > 0 || world.nodes[n].is_market()) t.put(Metric::legal_sales_usd, n, s, legal);
    }
  }
}

}  // namespace

void declare_demand_parameters(std::vector<ParameterDeclaration>& t);  // parameters.cpp

const ModuleSpec& demand_module() {
  static const ModuleSpec spec{
      .name = "demand",
      .summary =
          "user transitions, initiation, treatment, overdose, consumption from retail stocks",
      .reads = {StatePart::levers, StatePart::markets},
      .writes = {StatePart::user_groups, StatePart::markets, StatePart::flows, StatePart::ledger,
                 StatePart::money},
      .initialize_after = {"production"},
      .step_after = {"markets"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<DemandModule>(ParameterReader(context));
      },
      .declare_parameters = declare_demand_parameters,
      .streams = {{kDemandTransitionStream, "demand_transition",
                   "weekly transitions of user agents"},
                  {kInitiationStream, "initiation", "new users per group and step"}},
      .metrics = {Metric::users_light, Metric::users_heavy, Metric::users_in_treatment,
                  Metric::new_users, Metric::consumption_kg, Metric::illicit_sales_usd,
                  Metric::overdose_deaths, Metric::legal_sales_usd},
      .report = report_demand};
  return spec;
}

}  // namespace narcosim
