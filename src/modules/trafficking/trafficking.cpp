// Trafficking: organisations fill the orders of the markets in their territories, buying at
// sources and shipping batches along routes chosen by expected profit under learned risk
// (NarcoLogic, Magliocca et al. 2019: time-weighted Beta-Bernoulli risk per node). Batches are
// seized node by node with a probability set by interdiction effort (markets module). Crossing
// a plaza held by another organisation costs a fee. See docs/ODD.md "Trafficking".
#include <algorithm>
#include <cmath>

#include "../markets/pricing.hpp"
#include "narcosim/model/module.hpp"
#include "narcosim/model/policy.hpp"
#include "narcosim/model/state.hpp"
#include "routes.hpp"

namespace narcosim {

namespace {

// Random streams of this module (declared in its spec below; numbers never change).
constexpr Stream kSeizureStream{6};
constexpr Stream kRouteChoiceStream{7};

// Random-number slot of the seizure draw on departure (legs use slots 0, 1, ...).
constexpr uint32_t kDepartureSlot = 0xFFFFu;

// A batch's identity, which keys its seizure draws: who sent it on which route, when, and its
// number in that shipment. Two runs that differ elsewhere still give this batch the same draws
// (common random numbers); a global counter would shift every later batch's draws as soon as
// one shipment differed. Fields: step (24 bits), route (20), organisation (8), batch (12).
uint64_t batch_identity(int step, uint32_t route, uint16_t organization, size_t index) {
  return (uint64_t(uint32_t(step) & 0xFFFFFFu) << 40) | (uint64_t(route & 0xFFFFFu) << 20) |
         (uint64_t(organization & 0xFFu) << 12) | uint64_t(index & 0xFFFu);
}

// The parameters the module reads, resolved once per run when the engine builds it.
struct TraffickingParameters {
  double batch_kg, routes_per_pair, max_route_nodes, risk_prior_events, risk_prior_trials,
      risk_memory_years, route_choice_sensitivity, plaza_fee_share, capital_payout_per_year,
      bribe_share, order_adjust_weeks;
  // markets: the stocks orders aim at and the smoothing of what gets through
  double target_cover_weeks, seizure_memory_weeks, demand_memory_weeks, markup_additivity;
  // seizure probabilities, recomputed while the interdiction rates are calibrated
  pricing::InterdictionInputs interdiction;

  static TraffickingParameters read(const ParameterReader& r, const World& world) {
    TraffickingParameters p{};
    p.batch_kg = r.get("trafficking.batch_kg");
    p.routes_per_pair = r.get("trafficking.routes_per_pair");
    p.max_route_nodes = r.get("trafficking.max_route_nodes");
    p.risk_prior_events = r.get("trafficking.risk_prior_events");
    p.risk_prior_trials = r.get("trafficking.risk_prior_trials");
    p.risk_memory_years = r.get("trafficking.risk_memory_years");
    p.route_choice_sensitivity = r.get("trafficking.route_choice_sensitivity");
    p.plaza_fee_share = r.get("trafficking.plaza_fee_share");
    p.capital_payout_per_year = r.get("trafficking.capital_payout_per_year");
    p.bribe_share = r.get("corruption.bribe_share");
    p.order_adjust_weeks = r.get("trafficking.order_adjust_weeks");
    p.target_cover_weeks = r.get("markets.target_cover_weeks");
    p.seizure_memory_weeks = r.get("markets.seizure_memory_weeks");
    p.demand_memory_weeks = r.get("markets.demand_memory_weeks");
    p.markup_additivity = r.get("markets.markup_additivity");
    p.interdiction = pricing::InterdictionInputs::read(r, world);
    return p;
  }
};

struct Purchase {
  uint16_t organization = 0;
  uint32_t route = 0;
  double kg = 0.0;
};

class TraffickingModule final : public Module {
 public:
  TraffickingModule(const TraffickingParameters& parameters, const ModuleContext& context)
      : p_(parameters) {
    // 2010 was observed with the policies that began before the run in force (§5).
    if (context.policies) policies_ = *context.policies;
  }

  void initialize(ModelState& state) override {
    const auto& world = *state.world;
    build_routes(state, size_t(p_.routes_per_pair), size_t(p_.max_route_nodes));
    controllers_.assign(world.nodes.size(), {});
    suppliers_.assign(state.markets.size(), {});
    state.organizations.assign(world.organizations.size(), {});
    for (size_t o = 0; o < world.organizations.size(); ++o) {
      const auto& spec = world.organizations[o];
      auto& org = state.organizations[o];
      org.capital_usd = spec.capital_usd;
      org.initial_capital_usd = spec.capital_usd;
      org.risk_events.assign(world.nodes.size(), 0.0);
      org.risk_trials.assign(world.nodes.size(), 0.0);
      for (const auto node : spec.territories) {
        controllers_[node].push_back(uint16_t(o));
        for (const auto s : spec.substances) suppliers_[state.cell(node, s)].push_back(uint16_t(o));
      }
    }
    foreign_plaza_.assign(world.organizations.size() * world.nodes.size(), 0);
    for (size_t o = 0; o < world.organizations.size(); ++o) {
      for (size_t v = 0; v < world.nodes.size(); ++v) {
        foreign_plaza_[o * world.nodes.size() + v] =
            !controllers_[v].empty() && !controls(uint16_t(o), NodeIndex(v));
      }
    }
    // Labour intensity: baseline workers per kg of expected throughput.
    std::vector<double> throughput(world.organizations.size(), 0.0);
    std::vector<double> revenue(world.organizations.size(), 0.0);
    for (size_t cell = 0; cell < state.markets.size(); ++cell) {
      const double total = workforce_of(state, suppliers_[cell]);
      for (const auto o : suppliers_[cell]) {
        const double kg = state.markets[cell].expected_demand_kg *
                          worker_share(state, o, total, suppliers_[cell]);
        throughput[o] += kg;
        revenue[o] += kg * state.markets[cell].wholesale_price;
      }
    }
    source_of_cell_.assign(state.markets.size(), SIZE_MAX);
    for (size_t i = 0; i < state.sources.size(); ++i) {
      source_of_cell_[state.cell(state.sources[i].node, state.sources[i].substance)] = i;
    }
    lead_steps_.assign(state.markets.size(), 0.0);
    for (size_t cell = 0; cell < state.markets.size(); ++cell) {
      double fastest = -1.0;
      for (const auto r : state.routes_to_market[cell]) {
        double days = 0.0;
        for (const auto e : state.routes[r].edges) days += world.edges[e].transit_days;
        if (fastest < 0 || days < fastest) fastest = days;
      }
      lead_steps_[cell] = std::max(0.0, fastest) / state.calendar.step_days();
    }
    start_delivery_ratios(state);
    calibrate_sources_and_interdiction(state);
    for (size_t o = 0; o < world.organizations.size(); ++o) {
      auto& org = state.organizations[o];
      org.throughput_ema_kg = throughput[o];
      org.revenue_ema_usd = revenue[o];  // so recruitment starts from the baseline wage
      org.labour_intensity = throughput[o] > 0 ? world.organizations[o].workers / throughput[o] : 0;
    }
  }

  void step(ModelState& state) override {
    // Smoothed dispatched and delivered kg per market give the share that gets through.
    ema_weight_ = 1.0 - std::exp(-(state.calendar.step_days() / 7.0) / p_.seizure_memory_weeks);
    for (auto& m : state.markets) {
      m.dispatched_ema_kg *= 1.0 - ema_weight_;
      m.delivered_ema_kg *= 1.0 - ema_weight_;
    }
    for (auto& org : state.organizations) {
      org.revenue_usd = 0.0;
      org.delivered_kg = 0.0;
    }
    forget_risk(state);
    // The levers in force this step (markets, which also sets these, steps after trafficking):
    // a policy stops or starts seizures from its first step.
    pricing::update_seizure_probabilities(state, p_.interdiction);
    const auto purchases = plan_purchases(state, true);
    dispatch(state, purchases);
    move_batches(state);
    for (auto& m : state.markets) {
      if (m.dispatched_ema_kg > 0) {
        m.delivery_ratio = std::clamp(m.delivered_ema_kg / m.dispatched_ema_kg, 0.05, 1.0);
      }
    }
    pay_out(state);
  }

 private:
  TraffickingParameters p_;
  std::vector<ActivePolicy> policies_;  // the run's; levers_before_run picks the earlier ones
  std::vector<std::vector<uint16_t>> controllers_;  // per node: organisations holding the plaza
  std::vector<std::vector<uint16_t>> suppliers_;    // per market cell: organisations serving it
  std::vector<char> foreign_plaza_;  // [organisation * nodes + node]: held by others only
  // Per source: factor on the source price as buyers weigh it (access, quality, contacts),
  // calibrated at the start so buyers' wishes split over sources as 2010 production does.
  std::vector<double> source_preference_;
  // Per route: factor on its logit weight, 1 except on the routes to a market with a known
  // share of land entries (figure land_entry_share), where routes entering by land and routes
  // entering by sea or air get factors solved at the start to give that share: established
  // networks and contacts that costs and risks do not show (assumption; docs/ODD.md 7.3).
  std::vector<double> route_preference_;
  double ema_weight_ = 0.0;
  std::vector<double> lead_steps_;  // per market cell: transit time of its fastest route, steps
  std::vector<size_t> source_of_cell_;

  [[nodiscard]] size_t source_index(const ModelState& state, const Route& route) const {
    return source_of_cell_[state.cell(route.source, route.substance)];
  }

  // Each market starts from the announced risk along its most likely route.
  static void start_delivery_ratios(ModelState& state) {
    for (size_t cell = 0; cell < state.markets.size(); ++cell) {
      double best = 0.0;
      for (const auto r : state.routes_to_market[cell]) {
        const auto& route = state.routes[r];
        double survival = 1.0;
        if (!route.edges.empty()) {
          for (const auto v : route.nodes)
            survival *= 1.0 - state.market(v, route.substance).seizure_probability;
        }
        best = std::max(best, survival);
      }
      if (best > 0) state.markets[cell].delivery_ratio = best;
    }
  }

  // Two calibrations solved together, since each moves what the other sees: source preferences
  // until each source's share of what buyers want, within its substance, equals its share of
  // production; and interdiction rates until the seizures each jurisdiction books (its node and
  // its coasts) equal its 2010 national seizures (figure seizures_kg), as the risk premia are
  // solved to the 2010 prices. Prices are settled again after each change of the rates.
  void calibrate_sources_and_interdiction(ModelState& state) {
    // 2010 is solved with the policies that began before the run only; one that starts with
    // the run acts on it, as it would from any later step (a doubled budget from the first
    // step would otherwise be absorbed by a halved rate).
    const Levers in_force = state.levers;
    state.levers = levers_before_run(policies_, *state.world, state.years_per_step());
    source_preference_.assign(state.sources.size(), 1.0);
    route_preference_.assign(state.routes.size(), 1.0);
    const auto targets = seizure_targets(*state.world);
    auto entry_targets = land_entry_targets(state);
    const auto by_land = enters_by_land(state);
    for (int iteration = 0; iteration < 60; ++iteration) {
      const auto plan = plan_purchases(state, false);
      adjust_source_preferences(state, plan);
      adjust_route_preferences(state, plan, by_land, entry_targets);
      remember_steady_risks(state, plan);
      if (targets.empty()) continue;
      adjust_interdiction_rates(state, plan, targets);
      pricing::update_seizure_probabilities(state, p_.interdiction);
      for (auto& m : state.markets) m.seizure_share_ema = m.seizure_probability;
      pricing::calibrate_risk_premia(state);
      pricing::settle_initial_prices(state, p_.markup_additivity);
      start_delivery_ratios(state);
    }
    state.levers = in_force;
    pricing::update_seizure_probabilities(state, p_.interdiction);
  }

  void adjust_source_preferences(const ModelState& state, const std::vector<Purchase>& plan) {
    const size_t n = state.sources.size();
    std::vector<double> wanted(n, 0.0);
    for (const auto& p : plan) wanted[source_index(state, state.routes[p.route])] += p.kg;
    const size_t substances = state.substance_count();
    std::vector<double> wanted_total(substances, 0.0), produced_total(substances, 0.0);
    for (size_t i = 0; i < n; ++i) {
      wanted_total[state.sources[i].substance] += wanted[i];
      produced_total[state.sources[i].substance] += state.sources[i].expected_production_kg;
    }
    for (size_t i = 0; i < n; ++i) {
      const auto s = state.sources[i].substance;
      if (wanted_total[s] <= 0 || produced_total[s] <= 0) continue;
      const double want_share = std::max(1e-6, wanted[i] / wanted_total[s]);
      const double make_share = state.sources[i].expected_production_kg / produced_total[s];
      source_preference_[i] =
          std::clamp(source_preference_[i] * std::pow(want_share / make_share, 0.3), 0.05, 20.0);
    }
  }

  // Traffickers were at work long before the run starts: each organisation's risk memory starts
  // where the plan's batches would have brought it, its passages and losses at each node as
  // many as the memory holds at this rate (a sum of x per step forgotten at rate keep holds
  // x / (1 - keep)). Without it the learned risks move away from the prior in the first years
  // and shift the 2010 routes the calibration matched (assumption; docs/ODD.md 7.3).
  void remember_steady_risks(ModelState& state, const std::vector<Purchase>& plan) const {
    for (auto& org : state.organizations) {
      std::fill(org.risk_events.begin(), org.risk_events.end(), 0.0);
      std::fill(org.risk_trials.begin(), org.risk_trials.end(), 0.0);
    }
    const double keep = std::exp(-state.years_per_step() / p_.risk_memory_years);
    const double held = 1.0 / (1.0 - keep);
    for (const auto& p : plan) {
      const auto& route = state.routes[p.route];
      if (route.edges.empty()) continue;
      auto& org = state.organizations[p.organization];
      double batches = held * p.kg / p_.batch_kg;
      for (const auto v : route.nodes) {
        const double q = state.market(v, route.substance).seizure_probability;
        org.risk_trials[v] += batches;
        org.risk_events[v] += batches * q;
        batches *= 1.0 - q;
      }
    }
  }

  struct EntryTarget {
    size_t cell = 0;
    double land_share = 0.0;
    double land_factor = 1.0, other_factor = 1.0;
  };

  // Per route: whether its leg into its market's jurisdiction is a land leg.
  static std::vector<char> enters_by_land(const ModelState& state) {
    const auto& world = *state.world;
    std::vector<char> by_land(state.routes.size(), 0);
    for (size_t r = 0; r < state.routes.size(); ++r) {
      const auto& route = state.routes[r];
      const auto market = world.jurisdiction(route.destination);
      for (size_t i = 0; i < route.edges.size(); ++i) {
        if (world.jurisdiction(route.nodes[i + 1]) != market) continue;
        by_land[r] = world.edges[route.edges[i]].mode == TransportMode::land;
        break;
      }
    }
    return by_land;
  }

  // The markets whose share of land entries is known.
  static std::vector<EntryTarget> land_entry_targets(const ModelState& state) {
    const auto& world = *state.world;
    std::vector<EntryTarget> targets;
    for (size_t cell = 0; cell < state.markets.size(); ++cell) {
      const auto node = NodeIndex(cell / state.substance_count());
      const auto substance = SubstanceIndex(cell % state.substance_count());
      const auto share = world.figure(node, substance, "land_entry_share");
      if (share && *share > 0 && *share < 1) targets.push_back({cell, *share});
    }
    return targets;
  }

  // One step toward each known share of land entries: the odds of the expected arrivals by
  // land and by sea or air move toward the observed odds (damped, as the source preferences).
  void adjust_route_preferences(const ModelState& state, const std::vector<Purchase>& plan,
                                const std::vector<char>& by_land,
                                std::vector<EntryTarget>& targets) {
    for (auto& target : targets) {
      double land = 0.0;
      double other = 0.0;
      for (const auto& p : plan) {
        const auto& route = state.routes[p.route];
        if (route.edges.empty() || state.cell(route.destination, route.substance) != target.cell) {
          continue;
        }
        // What arrives, as the share is observed: the planned kg times the chance of getting
        // through every node before the market.
        double kg = p.kg;
        for (size_t i = 0; i + 1 < route.nodes.size(); ++i) {
          kg *= 1.0 - state.market(route.nodes[i], route.substance).seizure_probability;
        }
        (by_land[p.route] ? land : other) += kg;
      }
      if (!(land > 0) || !(other > 0)) continue;
      const double wanted_odds = target.land_share / (1.0 - target.land_share);
      const double step = std::pow(wanted_odds / (land / other), 0.5);
      target.land_factor = std::clamp(target.land_factor * std::sqrt(step), 0.01, 100.0);
      target.other_factor = std::clamp(target.other_factor / std::sqrt(step), 0.01, 100.0);
      for (const auto r : state.routes_to_market[target.cell]) {
        route_preference_[r] = by_land[r] ? target.land_factor : target.other_factor;
      }
    }
  }

  struct SeizureTarget {
    NodeIndex jurisdiction = 0;
    SubstanceIndex substance = 0;
    double kg_per_year = 0.0;
    std::vector<NodeIndex> booked;  // the jurisdiction's node and its coasts
  };

  static std::vector<SeizureTarget> seizure_targets(const World& world) {
    std::vector<SeizureTarget> targets;
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      if (world.nodes[n].kind != NodeKind::country) continue;
      for (size_t s = 0; s < world.substances.size(); ++s) {
        const auto kg = world.figure(NodeIndex(n), SubstanceIndex(s), "seizures_kg");
        if (!kg || !(*kg > 0)) continue;
        targets.push_back(
            {NodeIndex(n), SubstanceIndex(s), *kg, world.jurisdiction_nodes(NodeIndex(n))});
      }
    }
    return targets;
  }

  // One step of the interdiction-rate calibration: the steady flows of the plan (each market's
  // expected demand grossed up by its delivery ratio, spread over the plan's routes) meet the
  // current seizure probabilities node by node; each jurisdiction's probability moves toward
  // the one that would book its observed seizures, and the rate follows from it through
  // p = max (1 - exp(-rate x effort)). A target beyond max is approached, never reached.
  void adjust_interdiction_rates(ModelState& state, const std::vector<Purchase>& plan,
                                 const std::vector<SeizureTarget>& targets) const {
    std::vector<double> planned(state.markets.size(), 0.0);
    for (const auto& p : plan) {
      const auto& route = state.routes[p.route];
      planned[state.cell(route.destination, route.substance)] += p.kg;
    }
    std::vector<double> seized(state.markets.size(), 0.0);
    for (const auto& p : plan) {
      const auto& route = state.routes[p.route];
      if (route.edges.empty()) continue;
      const size_t destination = state.cell(route.destination, route.substance);
      const auto& market = state.markets[destination];
      double kg = p.kg * (market.expected_demand_kg / std::max(0.05, market.delivery_ratio)) /
                  planned[destination];
      for (const auto v : route.nodes) {
        const size_t cell = state.cell(v, route.substance);
        const double q = state.markets[cell].seizure_probability;
        seized[cell] += kg * q;
        kg *= 1.0 - q;
      }
    }
    const double steps_per_year = 365.25 / state.calendar.step_days();
    const double max_p = p_.interdiction.max_probability;
    for (const auto& target : targets) {
      double model = 0.0;
      for (const auto v : target.booked) model += seized[state.cell(v, target.substance)];
      model *= steps_per_year;
      auto& home = state.market(target.jurisdiction, target.substance);
      const double effort =
          home.interdiction_rate_per_usd > 0
              ? -std::log(1.0 - home.seizure_probability / max_p) / home.interdiction_rate_per_usd
              : 0.0;
      if (!(model > 0) || !(effort > 0)) continue;
      // Damped: flows respond to the probabilities through prices and delivery ratios. Capped
      // well below the maximum: a saturated node is abandoned by traffickers and its price
      // premium runs away (docs/ODD.md s5, measured 2026-12-07).
      const double wanted = std::min(
          0.6 * max_p, home.seizure_probability * std::pow(target.kg_per_year / model, 0.8));
      const double rate = -std::log(1.0 - wanted / max_p) / effort;
      for (const auto v : target.booked) {
        for (size_t s = 0; s < state.substance_count(); ++s) {
          state.market(v, SubstanceIndex(s)).interdiction_rate_per_usd = rate;
        }
      }
    }
  }

  static double workforce_of(const ModelState& state, const std::vector<uint16_t>& orgs) {
    double total = 0.0;
    for (const auto o : orgs) total += state.world->organizations[o].workers;
    return total;
  }

  // Share of a market or plaza that goes to organisation `o`: its baseline workforce share.
  static double worker_share(const ModelState& state, uint16_t o, double total,
                             const std::vector<uint16_t>& orgs) {
    if (total <= 0) return 1.0 / double(orgs.size());
    return state.world->organizations[o].workers / total;
  }

  void forget_risk(ModelState& state) const {
    const double keep = std::exp(-state.years_per_step() / p_.risk_memory_years);
    for (auto& org : state.organizations) {
      for (auto& v : org.risk_events) v *= keep;
      for (auto& v : org.risk_trials) v *= keep;
    }
  }

  // Per organisation and node ([organisation * nodes + node]): the perceived probability that
  // a batch gets through the node. Once per plan rather than once per route and node: the
  // division was a fifth of the module's time.
  static std::vector<double> perceived_passage(const ModelState& state, double prior_events,
                                               double prior_trials) {
    const size_t nodes = state.world->nodes.size();
    std::vector<double> passage(state.organizations.size() * nodes);
    for (size_t o = 0; o < state.organizations.size(); ++o) {
      const auto& org = state.organizations[o];
      for (size_t v = 0; v < nodes; ++v) {
        passage[o * nodes + v] =
            1.0 - (org.risk_events[v] + prior_events) / (org.risk_trials[v] + prior_trials);
      }
    }
    return passage;
  }

  // Perceived probability that a batch gets through every node after the source, from the
  // organisation's row of perceived_passage().
  static double perceived_survival(const double* passage, const Route& route) {
    double survival = 1.0;
    const size_t first = route.edges.empty() ? 1 : 0;  // domestic sales skip interdiction
    for (size_t i = first; i < route.nodes.size(); ++i) survival *= passage[route.nodes[i]];
    return survival;
  }

  [[nodiscard]] bool controls(uint16_t o, NodeIndex node) const {
    const auto& list = controllers_[node];
    return std::find(list.begin(), list.end(), o) != list.end();
  }

  // Fees per kg an organisation expects to pay on a route: at every intermediate plaza held
  // by others.
  [[nodiscard]] double plaza_fees(const ModelState& state, uint16_t o, const Route& route,
                                  double share) const {
    double fees = 0.0;
    const size_t nodes = state.world->nodes.size();
    for (size_t i = 1; i + 1 < route.nodes.size(); ++i) {
      const auto v = route.nodes[i];
      if (foreign_plaza_[o * nodes + v]) {
        // Licensed carriers under legal transport pay no plaza fee.
        fees += share * state.market(v, route.substance).wholesale_price *
                (1.0 - state.levers.legal_transport_share[state.cell(v, route.substance)]);
      }
    }
    return fees;
  }

  // What organisations want to buy this step; `commit` also updates the sources' expected
  // purchases and rations them to the stock (off during calibration).
  std::vector<Purchase> plan_purchases(ModelState& state, bool commit) const {
    const double step_weeks = state.calendar.step_days() / 7.0;
    const double adjust_steps = p_.order_adjust_weeks / step_weeks;
    const double cover_steps = p_.target_cover_weeks / step_weeks;
    const double beta = p_.route_choice_sensitivity;
    const double prior_events = p_.risk_prior_events;
    const double prior_trials = p_.risk_prior_trials;
    const double fee_share = p_.plaza_fee_share;
    std::vector<Purchase> plan;
    const double batch_kg = p_.batch_kg;
    const auto step = uint32_t(state.step);
    std::vector<double> weight;
    std::vector<double> unit_cost;
    std::vector<double> kg_on;
    std::vector<double> budget(state.organizations.size());
    for (size_t o = 0; o < budget.size(); ++o) budget[o] = state.organizations[o].capital_usd;
    const size_t nodes = state.world->nodes.size();
    const auto passage = perceived_passage(state, prior_events, prior_trials);
    // Margins are clamped to [-5, 5]; a quarter of the routes sit at -5 and share one weight.
    const double floor_weight = std::exp(beta * -5.0);

    for (size_t cell = 0; cell < state.markets.size(); ++cell) {
      const auto& market = state.markets[cell];
      const auto& candidates = state.routes_to_market[cell];
      if (candidates.empty() || suppliers_[cell].empty() || market.wholesale_price <= 0) continue;
      // Order-up-to policy: the target position covers the inventory target plus what is
      // normally in transit over the lead time.
      const double gap = (cover_steps + lead_steps_[cell]) * market.expected_demand_kg -
                         market.inventory_kg - market.pipeline_kg;
      // Buyers gross up for what they expect to lose on the way (Reuter & Kleiman 1986: a
      // seizure is a tax paid in kind).
      const double order = std::max(0.0, market.expected_demand_kg + gap / adjust_steps) /
                           std::max(0.05, market.delivery_ratio);
      if (order <= 0) continue;
      const double total_workers = workforce_of(state, suppliers_[cell]);
      for (const auto o : suppliers_[cell]) {
        auto& org = state.organizations[o];
        if (!org.active) continue;
        const double quantity = order * worker_share(state, o, total_workers, suppliers_[cell]);
        // Logit over candidate routes by expected profit per unit of value.
        weight.assign(candidates.size(), 0.0);
        unit_cost.assign(candidates.size(), 0.0);
        double total_weight = 0.0;
        for (size_t c = 0; c < candidates.size(); ++c) {
          const auto& route = state.routes[candidates[c]];
          const double source_price = state.sources[source_index(state, route)].export_price;
          unit_cost[c] = source_price;
          const double landed_cost = source_price * source_preference_[source_index(state, route)] +
                                     route.transport_cost_usd_per_kg +
                                     plaza_fees(state, o, route, fee_share);
          const double survival = perceived_survival(&passage[o * nodes], route);
          const double margin =
              (market.wholesale_price * survival - landed_cost) / market.wholesale_price;
          weight[c] =
              (margin <= -5.0 ? floor_weight : std::exp(beta * std::clamp(margin, -5.0, 5.0))) *
              route_preference_[candidates[c]];
          total_weight += weight[c];
        }
        // Shipments are whole batches: ceil(quantity / batch) equal batches, each sent on a
        // route drawn from the logit shares (NarcoLogic ships discrete loads). Calibration uses
        // the expected split instead of a draw.
        kg_on.assign(candidates.size(), 0.0);
        if (commit) {
          const auto batches = size_t(std::ceil(quantity / batch_kg));
          const uint64_t entity = aggregate_entity(6, uint32_t(o * state.markets.size() + cell));
          for (size_t b = 0; b < batches; ++b) {
            double target =
                state.rng.uniform(kRouteChoiceStream, entity, step, uint32_t(b)) * total_weight;
            size_t c = 0;
            while (c + 1 < candidates.size() && target >= weight[c]) target -= weight[c++];
            kg_on[c] += quantity / double(batches);
          }
        } else {
          for (size_t c = 0; c < candidates.size(); ++c) {
            kg_on[c] = quantity * weight[c] / total_weight;
          }
        }
        for (size_t c = 0; c < candidates.size(); ++c) {
          const double kg = kg_on[c];
          if (kg <= 0) continue;
          const double affordable = unit_cost[c] > 0 ? budget[o] / unit_cost[c] : kg;
          const double bought = std::min(kg, affordable);
          if (bought <= 0) continue;
          budget[o] -= bought * unit_cost[c];
          plan.push_back({o, candidates[c], bought});
        }
      }
    }
    if (!commit) return plan;
    // Sources ration what they have pro rata; buyers' wishes shape the expected purchases
    // that set the farm-gate price.
    std::vector<double> wanted(state.sources.size(), 0.0);
    for (const auto& p : plan) wanted[source_index(state, state.routes[p.route])] += p.kg;
    const double memory = 1.0 - std::exp(-step_weeks / p_.demand_memory_weeks);
    for (size_t i = 0; i < state.sources.size(); ++i) {
      auto& source = state.sources[i];
      source.expected_purchases_kg += memory * (wanted[i] - source.expected_purchases_kg);
    }
    for (auto& p : plan) {
      const size_t i = source_index(state, state.routes[p.route]);
      if (wanted[i] > state.sources[i].stock_kg) p.kg *= state.sources[i].stock_kg / wanted[i];
    }
    return plan;
  }

  void dispatch(ModelState& state, const std::vector<Purchase>& plan) const {
    const double batch_kg = p_.batch_kg;
    for (const auto& p : plan) {
      if (p.kg <= 0) continue;
      const auto& route = state.routes[p.route];
      auto& source = state.sources[source_index(state, route)];
      const double kg = std::min(p.kg, source.stock_kg);
      if (kg <= 0) continue;
      const double price = source.export_price;
      auto& org = state.organizations[p.organization];
      source.stock_kg -= kg;
      const double paid = std::min(org.capital_usd, kg * price);
      org.capital_usd -= paid;
      state.money.transfer(state.money.organization(p.organization),
                           state.money.sector(route.source, Sector::growers), paid,
                           Purpose::crop_purchase, route.source);
      if (route.edges.empty()) {
        deliver(state, p.organization, route, kg);
        continue;
      }
      state.market(route.destination, route.substance).pipeline_kg += kg;
      state.market(route.destination, route.substance).dispatched_ema_kg += kg * ema_weight_;
      const auto batches = size_t(std::ceil(kg / batch_kg));
      const auto& first = state.world->edges[route.edges[0]];
      for (size_t b = 0; b < batches; ++b) {
        Batch batch;
        batch.id = batch_identity(state.step, p.route, p.organization, b);
        batch.organization = p.organization;
        batch.route = p.route;
        batch.leg = 0;
        batch.days_left = float(first.transit_days);
        batch.kg = kg / double(batches);
        // Leaving the source country (ports, airstrips, roads out of the growing regions) is the
        // first interdiction point: Colombia seizes a large share of what it produces.
        const size_t source_cell = state.cell(route.source, route.substance);
        state.flows.entering_kg[source_cell] += batch.kg;
        org.risk_trials[route.source] += 1.0;
        if (state.rng.uniform(kSeizureStream, batch.id, uint32_t(state.step), kDepartureSlot) <
            state.markets[source_cell].seizure_probability) {
          org.risk_events[route.source] += 1.0;
          state.flows.seized_kg[source_cell] += batch.kg;
          state.ledger.seized_kg[route.substance] += batch.kg;
          state.market(route.destination, route.substance).pipeline_kg -= batch.kg;
          continue;
        }
        state.batches.push_back(batch);
      }
    }
  }

  void deliver(ModelState& state, uint16_t o, const Route& route, double kg) const {
    auto& market = state.market(route.destination, route.substance);
    auto& org = state.organizations[o];
    const double revenue = kg * market.wholesale_price;
    state.money.transfer(state.money.sector(route.destination, Sector::drug_trade),
                         state.money.organization(o), revenue, Purpose::wholesale,
                         route.destination);
    market.inventory_kg += kg;
    if (!route.edges.empty()) market.delivered_ema_kg += kg * ema_weight_;
    org.capital_usd += revenue;
    org.revenue_usd += revenue;
    org.delivered_kg += kg;
    state.flows.delivered_kg[state.cell(route.destination, route.substance)] += kg;
    state.flows.dto_revenue_usd[state.world->organizations[o].home] += revenue;
  }

  void pay_plaza_fee(ModelState& state, uint16_t payer, NodeIndex node, double fee) const {
    const auto& receivers = controllers_[node];
    auto& org = state.organizations[payer];
    const double paid = std::min(fee, org.capital_usd);
    if (paid <= 0 || receivers.empty()) return;
    org.capital_usd -= paid;
    const double total = workforce_of(state, receivers);
    for (const auto r : receivers) {
      const double amount = paid * worker_share(state, r, total, receivers);
      state.organizations[r].capital_usd += amount;
      state.money.transfer(state.money.organization(payer), state.money.organization(r), amount,
                           Purpose::plaza_fee, node);
      state.organizations[r].revenue_usd += amount;
      state.flows.dto_revenue_usd[state.world->organizations[r].home] += amount;
    }
  }

  void move_batches(ModelState& state) const {
    const auto& world = *state.world;
    const size_t substances = world.substances.size();
    const double fee_share = p_.plaza_fee_share;
    const auto step = uint32_t(state.step);
    for (auto& batch : state.batches) {
      const auto& route = state.routes[batch.route];
      auto& org = state.organizations[batch.organization];
      double days = state.calendar.step_days();
      while (batch.kg > 0 && days > 0) {
        if (batch.days_left > days) {
          batch.days_left = float(batch.days_left - days);
          break;
        }
        days -= batch.days_left;
        const uint32_t edge = route.edges[batch.leg];
        const NodeIndex node = route.nodes[batch.leg + 1u];
        const size_t cell = state.cell(node, route.substance);
        state.flows.edge_kg[edge * substances + route.substance] += batch.kg;
        state.flows.entering_kg[cell] += batch.kg;
        org.risk_trials[node] += 1.0;
        const double u = state.rng.uniform(kSeizureStream, batch.id, step, batch.leg);
        if (u < state.markets[cell].seizure_probability) {
          org.risk_events[node] += 1.0;
          state.flows.seized_kg[cell] += batch.kg;
          state.ledger.seized_kg[route.substance] += batch.kg;
          state.market(route.destination, route.substance).pipeline_kg -= batch.kg;
          batch.kg = 0.0;
          break;
        }
        if (node == route.destination) {
          state.market(route.destination, route.substance).pipeline_kg -= batch.kg;
          deliver(state, batch.organization, route, batch.kg);
          batch.kg = 0.0;
          break;
        }
        if (world.nodes[node].kind == NodeKind::country && !controls(batch.organization, node)) {
          pay_plaza_fee(state, batch.organization, node,
                        fee_share * batch.kg * state.markets[cell].wholesale_price *
                            (1.0 - state.levers.legal_transport_share[cell]));
        }
        ++batch.leg;
        batch.days_left = float(world.edges[route.edges[batch.leg]].transit_days);
      }
    }
    std::erase_if(state.batches, [](const Batch& b) { return b.kg <= 0.0; });
    // Rounding in pipeline bookkeeping must not leave tiny negative values.
    for (auto& m : state.markets) m.pipeline_kg = std::max(0.0, m.pipeline_kg);
  }

  // Owners take a share of capital out. Of it, corruption.bribe_share of the step's revenue (at
  // most all of it) is owed to officials, whom the corruption module pays (docs/ODD.md 7.15);
  // the rest goes to the households of the home country.
  void pay_out(ModelState& state) const {
    const double share = 1.0 - std::exp(-p_.capital_payout_per_year * state.years_per_step());
    for (size_t o = 0; o < state.organizations.size(); ++o) {
      auto& org = state.organizations[o];
      const double payout = org.capital_usd * share;
      org.capital_usd -= payout;
      org.bribes_due_usd = std::min(p_.bribe_share * org.revenue_usd, payout);
      const auto home = state.world->organizations[o].home;
      state.money.transfer(state.money.organization(o),
                           state.money.sector(home, Sector::households),
                           payout - org.bribes_due_usd, Purpose::payout, home);
    }
  }
};

void report_trafficking(const ModelState& state, MetricTable& t) {
  for (const auto& group : state.user_groups) {
    t.put(Metric::delivered_kg, group.node, group.substance,
          state.flows.delivered_kg[state.cell(group.node, group.substance)]);
  }
  const auto& world = *state.world;
  // Seizures in a country's waters and on its coasts are the country's, as national statistics
  // book them.
  std::vector<double> booked(state.markets.size(), 0.0);
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    const auto owner = world.jurisdiction(NodeIndex(n));
    for (size_t s = 0; s < state.substance_count(); ++s) {
      booked[state.cell(owner, SubstanceIndex(s))] +=
          state.flows.seized_kg[state.cell(NodeIndex(n), SubstanceIndex(s))];
    }
  }
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    if (world.nodes[n].kind == NodeKind::coast) continue;
    for (size_t s = 0; s < state.substance_count(); ++s) {
      t.put(Metric::seized_kg, n, s, booked[state.cell(NodeIndex(n), SubstanceIndex(s))]);
    }
    if (world.nodes[n].is_market()) {
      t.put_node(Metric::dto_revenue_usd, n, state.flows.dto_revenue_usd[n]);
    }
  }
}

}  // namespace

void declare_trafficking_parameters(std::vector<ParameterDeclaration>& t);  // parameters.cpp

const ModuleSpec& trafficking_module() {
  static const ModuleSpec spec{
      .name = "trafficking",
      .summary =
          "market orders, route choice under learned risk, purchases, batch movement, "
          "seizures, plaza fees, deliveries and revenue",
      .reads = {StatePart::levers, StatePart::corruption, StatePart::sources, StatePart::markets,
                StatePart::routes, StatePart::organizations, StatePart::workers,
                StatePart::violence},
      .writes = {StatePart::sources, StatePart::batches, StatePart::organizations,
                 StatePart::markets, StatePart::flows, StatePart::ledger, StatePart::money},
      .initialize_after = {"markets"},
      .step_after = {"production"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<TraffickingModule>(
            TraffickingParameters::read(ParameterReader(context), *context.world), context);
      },
      .declare_parameters = declare_trafficking_parameters,
      .streams = {{kSeizureStream, "seizure",
                   "interdiction of a batch on departure and on each leg"},
                  {kRouteChoiceStream, "route_choice", "the route of each new batch"}},
      .metrics = {Metric::delivered_kg, Metric::seized_kg, Metric::dto_revenue_usd},
      .report = report_trafficking};
  return spec;
}

}  // namespace narcosim
