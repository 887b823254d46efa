#include "narcosim/model/state.hpp"

namespace narcosim {

void FarmerAgents::push(uint32_t agent_id, NodeIndex at, SubstanceIndex s, Crop c, int16_t weeks,
                        float ha) {
  id.push_back(agent_id);
  node.push_back(at);
  substance.push_back(s);
  crop.push_back(c);
  weeks_to_harvest.push_back(weeks);
  converted.push_back(0);
  plot_ha.push_back(ha);
}

void Levers::reset(size_t nodes, size_t substances) {
  const size_t cells = nodes * substances;
  for (auto* v : {&interdiction_multiplier, &eradication_multiplier, &treatment_multiplier}) {
    v->assign(cells, 1.0);
  }
  for (auto* v : {&alt_dev_support_usd_per_ha, &alt_dev_community, &legal_transport_share,
                  &possession_threshold_days, &treatment_referral_per_year, &medical_licensed_ha,
                  &medical_price_ratio, &medical_diversion_share, &compensation_share}) {
    v->assign(cells, 0.0);
  }
  legal_channel.assign(cells, LegalChannelLever{});
  for (auto* v : {&sentence_multiplier_minor, &grower_prosecution, &firearm_target}) {
    v->assign(nodes, 1.0);
  }
  for (auto* v : {&compensation_reinvest_share, &review_release_share, &amnesty_release_share,
                  &military_troops, &guard_troops, &leader_removals_per_year,
                  &program_budget_usd_per_year, &program_cost_per_participant_usd}) {
    v->assign(nodes, 0.0);
  }
  firearm_adjust_years.assign(nodes, 1.0);
}

void StepFlows::reset(size_t nodes, size_t substances, size_t edges) {
  const size_t cells = nodes * substances;
  for (auto* v : {&production_kg, &eradicated_ha, &seized_kg, &delivered_kg, &consumption_kg,
                  &illicit_sales_usd, &overdose_deaths, &new_users, &entering_kg, &legal_sales_usd,
                  &legal_kg}) {
    v->assign(cells, 0.0);
  }
  edge_kg.assign(edges * substances, 0.0);
  dto_revenue_usd.assign(nodes, 0.0);
  treatment_spend_usd.assign(nodes, 0.0);
}

ModelState::ModelState(const World& world_, const ParameterValues& parameters, Calendar calendar_,
                       uint64_t seed_, double scale_, int threads_)
    : world(&world_),
      calendar(calendar_),
      rng(seed_),
      seed(seed_),
      scale(scale_),
      threads(threads_) {
  const size_t substances = world_.substances.size();
  markets.resize(world_.nodes.size() * substances);
  routes_to_market.resize(world_.nodes.size() * substances);
  levers.reset(world_.nodes.size(), substances);
  justice.resize(world_.nodes.size());
  reinvested_interdiction_usd_per_year.assign(world_.nodes.size(), 0.0);
  violence.resize(world_.nodes.size());
  labour.resize(world_.nodes.size());
  corruption.resize(world_.nodes.size());
  std::vector<size_t> homes;
  for (const auto& o : world_.organizations) homes.push_back(o.home);
  money.reset(world_.nodes.size(), homes);
  flows.reset(world_.nodes.size(), substances, world_.edges.size());
  ledger.initial_stock_kg.assign(substances, 0.0);
  ledger.produced_kg.assign(substances, 0.0);
  ledger.seized_kg.assign(substances, 0.0);
  ledger.consumed_kg.assign(substances, 0.0);
  ledger.legal_kg.assign(substances, 0.0);
  // A node without a legal wage in the data takes one declared value, as its wage and for its
  // ratio to the US wage; so does the US as the reference of the ratios.
  const double fallback = parameters.require("labour.default_legal_wage_usd_per_month");
  const auto usa = world_.node_index("USA");
  const double reference =
      usa ? world_.figure_or(*usa, std::nullopt, "legal_wage_usd_per_month", fallback) : fallback;
  for (size_t n = 0; n < world_.nodes.size(); ++n) {
    const double wage =
        world_.figure_or(NodeIndex(n), std::nullopt, "legal_wage_usd_per_month", fallback);
    wage_ratio_.push_back(wage / reference);
    legal_wage_.push_back(wage);
  }
}

std::vector<double> ModelState::workers_by_home() const {
  std::vector<double> persons(world->nodes.size(), 0.0);
  for (size_t o = 0; o < organizations.size(); ++o) {
    persons[world->organizations[o].home] += double(organizations[o].workers) / scale;
  }
  return persons;
}

double ModelState::interdiction_usd_per_year(NodeIndex node) const {
  const size_t substances = substance_count();
  double multiplier = 0.0;
  for (size_t s = 0; s < substances; ++s) {
    multiplier += levers.interdiction_multiplier[cell(node, SubstanceIndex(s))];
  }
  multiplier /= double(substances);
  return world->figure_or(node, std::nullopt, "interdiction_budget_usd", 0.0) * multiplier +
         reinvested_interdiction_usd_per_year[node];
}

double ModelState::stock_kg(SubstanceIndex substance) const {
  double total = 0.0;
  for (const auto& source : sources) {
    if (source.substance == substance) total += source.stock_kg;
  }
  for (const auto& batch : batches) {
    if (routes[batch.route].substance == substance) total += batch.kg;
  }
  for (size_t node = 0; node < world->nodes.size(); ++node) {
    total += market(NodeIndex(node), substance).inventory_kg;
  }
  return total;
}

}  // namespace narcosim
