#pragma once
// The mutable state of one run. Agents are stored as structures of arrays; each agent stands
// for 1/scale real people (households for farmers). Everything reported is in real units.
#include <cstdint>
#include <vector>

#include "narcosim/core/calendar.hpp"
#include "narcosim/core/parameters.hpp"
#include "narcosim/core/rng.hpp"
#include "narcosim/model/levers.hpp"
#include "narcosim/model/money.hpp"
#include "narcosim/model/society.hpp"
#include "narcosim/model/world.hpp"

namespace narcosim {

// --- production ----------------------------------------------------------------------------
enum class Crop : uint8_t { licit = 0, illicit = 1 };

struct FarmerAgents {
  std::vector<uint32_t> id;
  std::vector<NodeIndex> node;
  std::vector<SubstanceIndex> substance;  // the illicit crop open to this household
  std::vector<Crop> crop;
  std::vector<int16_t> weeks_to_harvest;  // maturation lag left before the crop yields
  std::vector<uint8_t> converted;         // household left the illicit crop during the run
  std::vector<float> plot_ha;
  [[nodiscard]] size_t size() const { return id.size(); }
  void push(uint32_t agent_id, NodeIndex at, SubstanceIndex s, Crop c, int16_t weeks, float ha);
  bool operator==(const FarmerAgents&) const = default;
};

// Per producing (node, substance): what farmers and buyers see.
struct SourceMarket {
  NodeIndex node = 0;
  SubstanceIndex substance = 0;
  double stock_kg = 0.0;                 // harvested product waiting for buyers
  double expected_purchases_kg = 0.0;    // per step, smoothed: what buyers want
  double expected_production_kg = 0.0;   // per step, smoothed
  double farmgate_price_ref = 0.0;       // USD per kg of crop, baseline year
  double farmgate_price = 0.0;           // USD per kg of crop
  double export_price = 0.0;             // USD/kg of product where traffickers buy it
  double expected_farmgate_price = 0.0;  // what households plan with: smoothed farm-gate price
  double baseline_illicit_income = 0.0;  // USD/ha/year at the start: scale of the crop choice
  double crop_kg_per_kg_product = 1.0;
  double crop_yield_kg_per_ha = 0.0;        // per year
  double licit_income_usd_per_ha = 0.0;     // per year
  double eradication_usd_per_ha = 0.0;      // budget per hectare eradicated in the baseline year
  double eradication_budget_usd = 0.0;      // per year, baseline
  double perceived_eradication_risk = 0.0;  // annual share of illicit hectares eradicated
  double choice_intercept = 0.0;            // calibrated so the baseline mix is an equilibrium
  double illicit_ha = 0.0;                  // this step, real hectares
  double converted_ha = 0.0;                // licit hectares of households that left the crop
  double licit_ha = 0.0;  // licit hectares of all growing-region households (not licensed)
  bool operator==(const SourceMarket&) const = default;
};

// --- demand --------------------------------------------------------------------------------
enum class UseState : uint8_t { light = 0, heavy = 1, treatment = 2, recovered = 3, gone = 255 };

struct UserGroup {
  NodeIndex node = 0;
  SubstanceIndex substance = 0;
  std::vector<UseState> state;
  std::vector<uint32_t> id;
  uint32_t next_id = 0;
  double baseline_light = 0.0;        // persons
  double baseline_heavy_share = 0.0;  // heavy / (light + heavy) at the start
  double baseline_initiation = 0.0;   // persons per year at the start
  double escalation_per_year = 0.0;  // light -> heavy, calibrated: baseline heavy use is stationary
  double reference_price = 0.0;      // retail price the baseline behaviour is anchored to
  double adult_population = 0.0;     // real persons aged 15-64
  double legal_share = 0.0;          // share of last step's consumption bought in the legal channel
  // Agents by state after the last step (gone agents excluded).
  uint64_t light_agents = 0, heavy_agents = 0, treatment_agents = 0, recovered_agents = 0;
  [[nodiscard]] size_t size() const { return id.size(); }
  bool operator==(const UserGroup&) const = default;
};

// --- markets -------------------------------------------------------------------------------
// Wholesale-and-retail market for one substance in one node.
struct Market {
  double inventory_kg = 0.0;
  double expected_demand_kg = 0.0;    // per step, smoothed
  double pipeline_kg = 0.0;           // ordered and in transit towards this market
  double structural_price = 0.0;      // USD/kg: least-cost landed price (risks-and-prices ladder)
  double wholesale_price = 0.0;       // USD/kg: structural price times scarcity
  double retail_price = 0.0;          // USD per gram
  double retail_markup = 1.0;         // retail value per kg over wholesale, from baseline data
  double baseline_wholesale = 0.0;    // USD/kg at the start: base of the fixed part of markups
  double baseline_input_price = 0.0;  // USD/kg landed before this node's premium, at the start
  double risk_premium = 0.0;          // markup on entering this node, from baseline data
  double seizure_probability = 0.0;   // per batch entering this node
  // Interdiction at this node: seizure hazard per USD/year of effort (calibrated where the
  // jurisdiction's 2010 seizures are known), the node's effort relative to an even spread over
  // its jurisdiction's nodes (1 at the start; adaptive interdiction moves it), and the smoothed
  // kg seized here that adaptive interdiction follows.
  double interdiction_rate_per_usd = 0.0;
  double interdiction_effort = 1.0;
  double seized_ema_kg = 0.0;
  double seizure_share_ema = 0.0;  // realised share of kg seized on entering this node
  double delivery_ratio = 1.0;     // smoothed share of kg shipped here that arrives
  double dispatched_ema_kg = 0.0;  // smoothed kg shipped towards this market
  double delivered_ema_kg = 0.0;   // smoothed kg of those shipments that arrived
  bool operator==(const Market&) const = default;
};

// --- trafficking ---------------------------------------------------------------------------
struct Route {
  SubstanceIndex substance = 0;
  NodeIndex source = 0;
  NodeIndex destination = 0;
  std::vector<NodeIndex> nodes;  // source first, destination last
  std::vector<uint32_t> edges;   // edges[i] goes nodes[i] -> nodes[i+1]
  double transport_cost_usd_per_kg = 0.0;
  bool operator==(const Route&) const = default;
};

struct Batch {
  uint64_t id = 0;
  uint16_t organization = 0;
  uint32_t route = 0;
  uint16_t leg = 0;        // index of the edge being travelled
  float days_left = 0.0F;  // on the current leg
  double kg = 0.0;
  bool operator==(const Batch&) const = default;
};

struct OrganizationState {
  double capital_usd = 0.0;
  double initial_capital_usd = 0.0;  // for the money balance (money.hpp)
  double revenue_usd = 0.0;          // this step: sales and plaza fees received
  double throughput_ema_kg = 0.0;    // kg delivered per step, smoothed
  double labour_intensity = 0.0;     // workers per kg/step of throughput, from the baseline
  double revenue_ema_usd = 0.0;      // per step, smoothed
  double delivered_kg = 0.0;         // this step
  // This step: the part of the payout owed to officials (corruption.bribe_share of revenue, at
  // most the payout). Trafficking takes it out of capital with the payout; it stays in the
  // organisation's ledger account until the corruption module pays it, in the same step.
  double bribes_due_usd = 0.0;
  uint32_t workers = 0;             // agents
  std::vector<double> risk_events;  // per node: time-weighted seizure events (Beta-Bernoulli)
  std::vector<double> risk_trials;  // per node: time-weighted passages
  bool active = true;
  bool operator==(const OrganizationState&) const = default;
};

struct WorkerAgents {
  std::vector<uint32_t> id;
  std::vector<uint16_t> organization;
  std::vector<uint8_t> active;
  [[nodiscard]] size_t size() const { return id.size(); }
  bool operator==(const WorkerAgents&) const = default;
};

// --- per-step flows and the mass ledger ----------------------------------------------------
struct StepFlows {
  // [node * substances + substance]
  std::vector<double> production_kg, eradicated_ha, seized_kg, delivered_kg, consumption_kg,
      illicit_sales_usd, overdose_deaths, new_users;
  std::vector<double> legal_sales_usd;  // before tax: legal channel and licensed crops
  std::vector<double> legal_kg;         // sold through the legal channel
  std::vector<double> entering_kg;      // kg that reached the node this step, seized there or not
  std::vector<double> edge_kg;          // [edge * substances + substance]
  std::vector<double> dto_revenue_usd;  // per node (home of the organisation)
  std::vector<double> treatment_spend_usd;  // per node: episodes paid this step
  void reset(size_t nodes, size_t substances, size_t edges);
  bool operator==(const StepFlows&) const = default;
};

struct MassLedger {
  // Cumulative, per substance; initial_stock_kg is what sources, batches and inventories held
  // when the run started.
  std::vector<double> initial_stock_kg, produced_kg, seized_kg, consumed_kg;
  // Product made by licensed producers and sold through the legal channel in the same step:
  // booked as produced and as consumed, so legal supply never enters the illicit stocks.
  std::vector<double> legal_kg;
  [[nodiscard]] double error_kg(SubstanceIndex s, double stock_now) const {
    return initial_stock_kg[s] + produced_kg[s] - seized_kg[s] - consumed_kg[s] - stock_now;
  }
  bool operator==(const MassLedger&) const = default;
};

struct ModelState {
  ModelState(const World& world, const ParameterValues& parameters, Calendar calendar,
             uint64_t seed, double scale, int threads);

  const World* world;
  Calendar calendar;
  CounterRng rng;
  uint64_t seed;
  double scale;  // agents per real person
  int threads;
  int step = 0;

  FarmerAgents farmers;
  std::vector<SourceMarket> sources;
  std::vector<UserGroup> user_groups;
  std::vector<Market> markets;  // [node * substances + substance]
  std::vector<Route> routes;
  std::vector<std::vector<uint32_t>> routes_to_market;  // [node * substances + substance]
  std::vector<Batch> batches;
  std::vector<OrganizationState> organizations;
  WorkerAgents workers;
  uint32_t next_worker_id = 0;
  Levers levers;
  StepFlows flows;
  MassLedger ledger;
  std::vector<CountryJustice> justice;  // per node (corridors stay empty)
  std::vector<CountryViolence> violence;
  std::vector<CountryLabour> labour;
  std::vector<CountryCorruption> corruption;  // per node; hazard factor 1 where none is bought
  MoneyLedger money;
  // Compensation for seizures that recipients add to interdiction (USD/year, per node), set by
  // the public-money module from what they received.
  std::vector<double> reinvested_interdiction_usd_per_year;

  [[nodiscard]] size_t substance_count() const { return world->substances.size(); }
  [[nodiscard]] size_t cell(NodeIndex node, SubstanceIndex substance) const {
    return size_t(node) * substance_count() + substance;
  }
  [[nodiscard]] Market& market(NodeIndex node, SubstanceIndex substance) {
    return markets[cell(node, substance)];
  }
  [[nodiscard]] const Market& market(NodeIndex node, SubstanceIndex substance) const {
    return markets[cell(node, substance)];
  }
  [[nodiscard]] double years_per_step() const { return calendar.years_per_step(); }
  // Legal wage of a node relative to the United States: scales costs quoted at US prices.
  [[nodiscard]] double wage_ratio(NodeIndex node) const { return wage_ratio_[node]; }
  // Legal wage of a node, USD per month (the labour market). Where the data have none, both take
  // labour.default_legal_wage_usd_per_month as the node's wage (and as the US's, if it has none).
  [[nodiscard]] double legal_wage(NodeIndex node) const { return legal_wage_[node]; }
  // Interdiction spending of a country (USD/year): its budget aimed at each substance in equal
  // parts, scaled by the substance's interdiction multiplier, plus compensation reinvested.
  [[nodiscard]] double interdiction_usd_per_year(NodeIndex node) const;
  // Real persons working for the organisations based in each node, from the worker agents.
  [[nodiscard]] std::vector<double> workers_by_home() const;
  // Stocks of product for the mass balance: source stocks, batches in transit, inventories.
  [[nodiscard]] double stock_kg(SubstanceIndex substance) const;

 private:
  // Per node, from the world data at construction: modules ask every step.
  std::vector<double> wage_ratio_, legal_wage_;
};

}  // namespace narcosim
