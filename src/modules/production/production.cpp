// Production: farming households choose between an illicit crop and licit ones by expected
// income (model brief s2.1), with maturation lags, eradication and replanting. See docs/ODD.md
// "Production".
#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

// Random streams of this module (declared in its spec below; numbers never change).
constexpr Stream kFarmerChoiceStream{2};

double logistic(double x) {
  return 1.0 / (1.0 + std::exp(-x));
}

// Expected net income per hectare and year of each option, as a household sees it.
struct CropIncomes {
  double illicit = 0.0;         // staying with or keeping the illicit crop
  double licit = 0.0;           // staying licit
  double illicit_switch = 0.0;  // switching to illicit: income lost while it matures
  double licit_switch = 0.0;    // switching to licit: income lost while it matures, plus support
  double support = 0.0;         // alternative-development payment a converted household keeps
};

// The parameters the module reads, resolved once per run when the engine builds it.
struct ProductionParameters {
  // Per SubstanceIndex.
  std::vector<double> plot_ha, maturation_weeks, replant_weeks, cost_share;
  double alt_crop_maturation_weeks, review_interval_years, licit_pool_ratio, choice_noise,
      switching_inertia, price_expectation_years, switch_horizon_years, risk_memory_years,
      alt_dev_support_usd_per_ha, eradication_effectiveness, max_eradication_share_per_year;
  double source_target_cover_weeks;  // markets: the source stocks the harvest starts with

  static ProductionParameters read(const ParameterReader& r) {
    ProductionParameters p{};
    p.plot_ha = r.per_substance("production", "plot_ha");
    p.maturation_weeks = r.per_substance("production", "maturation_weeks");
    p.replant_weeks = r.per_substance("production", "replant_weeks");
    p.cost_share = r.per_substance("production", "cost_share");
    p.alt_crop_maturation_weeks = r.get("production.alt_crop_maturation_weeks");
    p.review_interval_years = r.get("production.review_interval_years");
    p.licit_pool_ratio = r.get("production.licit_pool_ratio");
    p.choice_noise = r.get("production.choice_noise");
    p.switching_inertia = r.get("production.switching_inertia");
    p.price_expectation_years = r.get("production.price_expectation_years");
    p.switch_horizon_years = r.get("production.switch_horizon_years");
    p.risk_memory_years = r.get("production.risk_memory_years");
    p.alt_dev_support_usd_per_ha = r.get("production.alt_dev_support_usd_per_ha");
    p.eradication_effectiveness = r.get("production.eradication_effectiveness");
    p.max_eradication_share_per_year = r.get("production.max_eradication_share_per_year");
    p.source_target_cover_weeks = r.get("markets.source_target_cover_weeks");
    return p;
  }
};

// Per-source constants of one step, looked up once rather than per household.
struct SourceStep {
  double noise = 1.0;
  int16_t replant_weeks = 0;
  int16_t maturation_weeks = 0;
  bool community = false;  // alternative development pays every licit household
};

class ProductionModule final : public Module {
 public:
  explicit ProductionModule(ProductionParameters parameters) : p_(std::move(parameters)) {}

  void initialize(ModelState& state) override {
    const auto& world = *state.world;
    uint32_t next_id = 0;
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      for (size_t s = 0; s < world.substances.size(); ++s) {
        const auto node = NodeIndex(n);
        const auto substance = SubstanceIndex(s);
        if (!world.produces(node, substance)) continue;
        SourceMarket source;
        source.node = node;
        source.substance = substance;
        const double hectares = *world.figure(node, substance, "cultivation_ha");
        source.farmgate_price_ref =
            world.figure_or(node, substance, "price_farmgate_usd_per_kg", 1);
        source.farmgate_price = source.farmgate_price_ref;
        source.expected_farmgate_price = source.farmgate_price_ref;
        source.crop_kg_per_kg_product =
            world.figure(node, substance, "crop_kg_per_kg_product")
                .value_or(world.global_figure(substance, "crop_kg_per_kg_product").value_or(1.0));
        source.crop_yield_kg_per_ha = world.figure_or(node, substance, "crop_yield_kg_per_ha", 0);
        source.licit_income_usd_per_ha =
            world.figure_or(node, substance, "licit_income_usd_per_ha", 1000);
        const double eradicated = world.figure_or(node, substance, "eradication_ha_per_year", 0);
        source.eradication_budget_usd = eradication_budget_share(state, node, substance);
        source.eradication_usd_per_ha =
            eradicated > 0 ? source.eradication_budget_usd / eradicated : 0.0;
        source.perceived_eradication_risk =
            std::min(p_.max_eradication_share_per_year,
                     p_.eradication_effectiveness * eradicated / hectares);
        source.illicit_ha = hectares;
        source.baseline_illicit_income = crop_incomes(state, source).illicit;
        // Harvest already flowing in 2010: source stocks start at their target cover.
        const double weekly_product_kg = hectares * source.crop_yield_kg_per_ha /
                                         source.crop_kg_per_kg_product * state.years_per_step();
        source.expected_purchases_kg = weekly_product_kg;
        source.expected_production_kg = weekly_product_kg;
        source.stock_kg =
            weekly_product_kg * p_.source_target_cover_weeks / (state.calendar.step_days() / 7.0);

        const double plot = p_.plot_ha[substance];
        const double households = hectares / plot;
        const double licit_households = households * p_.licit_pool_ratio;
        const auto illicit_agents =
            state.rng.agent_count(households, state.scale, aggregate_entity(1, next_id));
        const auto licit_agents =
            state.rng.agent_count(licit_households, state.scale, aggregate_entity(1, next_id + 1));
        for (uint64_t i = 0; i < illicit_agents; ++i) {
          state.farmers.push(next_id++, node, substance, Crop::illicit, 0, float(plot));
        }
        for (uint64_t i = 0; i < licit_agents; ++i) {
          state.farmers.push(next_id++, node, substance, Crop::licit, 0, float(plot));
        }
        source.choice_intercept =
            calibrate_intercept(state, source, households / (households + licit_households));
        state.sources.push_back(source);
      }
    }
  }

  void step(ModelState& state) override {
    const double years = state.years_per_step();
    const auto step_weeks = int16_t(std::max(1, state.calendar.step_days() / 7));
    const double review_probability = probability_from_rate(1.0 / p_.review_interval_years, years);
    const double risk_weight = 1.0 - std::exp(-years / p_.risk_memory_years);
    const double max_share = p_.max_eradication_share_per_year;
    const auto alt_weeks = int16_t(p_.alt_crop_maturation_weeks);
    const double inertia = p_.switching_inertia;

    const double price_weight = 1.0 - std::exp(-years / p_.price_expectation_years);
    for (auto& source : state.sources) {
      source.expected_farmgate_price +=
          price_weight * (source.farmgate_price - source.expected_farmgate_price);
    }
    // Per-source eradication probability this step, from capacity and last step's hectares.
    std::vector<double> eradication_probability(state.sources.size(), 0.0);
    std::vector<CropIncomes> incomes(state.sources.size());
    std::vector<SourceStep> per_source(state.sources.size());
    std::vector<size_t> source_of_cell(state.markets.size(), SIZE_MAX);
    for (size_t i = 0; i < state.sources.size(); ++i) {
      auto& source = state.sources[i];
      source_of_cell[state.cell(source.node, source.substance)] = i;
      const double capacity_ha =
          p_.eradication_effectiveness *
          (source.eradication_usd_per_ha > 0
               ? source.eradication_budget_usd *
                     state.levers
                         .eradication_multiplier[state.cell(source.node, source.substance)] /
                     source.eradication_usd_per_ha
               : 0.0);
      const double annual_share =
          source.illicit_ha > 0 ? std::min(max_share, capacity_ha / source.illicit_ha) : 0.0;
      eradication_probability[i] = probability_from_rate(-std::log(1.0 - annual_share), years);
      incomes[i] = crop_incomes(state, source);
      per_source[i].noise = choice_scale(source);
      per_source[i].community =
          state.levers.alt_dev_community[state.cell(source.node, source.substance)] > 0;
      per_source[i].replant_weeks = int16_t(p_.replant_weeks[source.substance]);
      per_source[i].maturation_weeks = int16_t(p_.maturation_weeks[source.substance]);
    }

    std::vector<double> harvest_crop_kg(state.sources.size(), 0.0);
    std::vector<double> illicit_ha(state.sources.size(), 0.0);
    std::vector<double> eradicated_ha(state.sources.size(), 0.0);
    std::vector<double> converted_ha(state.sources.size(), 0.0);
    std::vector<double> licit_ha(state.sources.size(), 0.0);
    std::vector<double> medical_crop_kg(state.sources.size(), 0.0);
    auto& f = state.farmers;
    const auto licence_odds = medical_licence_shares(state, source_of_cell);
    const auto step_index = uint32_t(state.step);
    for (size_t a = 0; a < f.size(); ++a) {
      const size_t i = source_of_cell[state.cell(f.node[a], f.substance[a])];
      const auto& source = state.sources[i];
      // 0. Households holding a medical licence grow for the licensed buyer and make no illicit
      // choice while the licence lasts. Licences go by a fixed lottery number per household, so
      // the same households hold them at every step.
      if (licence_odds[i] > 0 &&
          state.rng.uniform(kFarmerChoiceStream, f.id[a], kLicenceLottery) < licence_odds[i]) {
        f.crop[a] = Crop::licit;
        f.converted[a] = 0;
        f.weeks_to_harvest[a] = 0;
        medical_crop_kg[i] += f.plot_ha[a] * source.crop_yield_kg_per_ha * years;
        continue;
      }
      const auto u = state.rng.uniforms(kFarmerChoiceStream, f.id[a], step_index);
      // 1. Eradication of standing illicit plots.
      if (f.crop[a] == Crop::illicit && u[0] < eradication_probability[i]) {
        eradicated_ha[i] += f.plot_ha[a];
        f.weeks_to_harvest[a] = per_source[i].replant_weeks;
      }
      // 2. Crop choice at a review: switch when the other crop's advantage, net of what is lost
      // while it matures, overcomes the inertia of a sunk investment.
      if (u[1] < review_probability) {
        const auto& inc = incomes[i];
        const double noise = per_source[i].noise;
        if (f.crop[a] == Crop::licit) {
          // A household paid by alternative development (it left the illicit crop, or the
          // whole region is covered) loses the payment if it plants the illicit crop.
          const bool paid = f.converted[a] != 0 || per_source[i].community;
          const double licit = inc.licit + (paid ? inc.support : 0.0);
          const double p =
              logistic((inc.illicit_switch - licit) / noise + source.choice_intercept - inertia);
          if (u[2] < p) {
            f.crop[a] = Crop::illicit;
            f.weeks_to_harvest[a] = per_source[i].maturation_weeks;
            f.converted[a] = 0;
          }
        } else {
          const double p = logistic(-(inc.illicit - inc.licit_switch) / noise -
                                    source.choice_intercept - inertia);
          if (u[2] < p) {
            f.crop[a] = Crop::licit;
            f.weeks_to_harvest[a] = alt_weeks;
            f.converted[a] = 1;
          }
        }
      }
      // 3. Harvest from mature illicit plots; maturation clocks run.
      if (f.crop[a] == Crop::illicit) {
        illicit_ha[i] += f.plot_ha[a];
        if (f.weeks_to_harvest[a] <= 0) {
          harvest_crop_kg[i] += f.plot_ha[a] * source.crop_yield_kg_per_ha * years;
        }
      }
      if (f.crop[a] == Crop::licit && f.converted[a]) converted_ha[i] += f.plot_ha[a];
      if (f.crop[a] == Crop::licit) licit_ha[i] += f.plot_ha[a];
      if (f.weeks_to_harvest[a] > 0)
        f.weeks_to_harvest[a] = int16_t(f.weeks_to_harvest[a] - step_weeks);
    }

    for (size_t i = 0; i < state.sources.size(); ++i) {
      auto& source = state.sources[i];
      const size_t cell = state.cell(source.node, source.substance);
      const double product_kg = harvest_crop_kg[i] / source.crop_kg_per_kg_product / state.scale;
      source.stock_kg += product_kg;
      source.expected_production_kg +=
          price_weight * 4.0 * (product_kg - source.expected_production_kg);
      state.ledger.produced_kg[source.substance] += product_kg;
      state.flows.production_kg[cell] += product_kg;
      state.flows.eradicated_ha[cell] += eradicated_ha[i] / state.scale;
      const double previous_ha = source.illicit_ha;
      source.illicit_ha = illicit_ha[i] / state.scale;
      source.converted_ha = converted_ha[i] / state.scale;
      source.licit_ha = licit_ha[i] / state.scale;
      sell_licensed_crop(state, source, medical_crop_kg[i] / state.scale);
      if (previous_ha > 0) {
        const double realized_annual_share = eradicated_ha[i] / state.scale / previous_ha / years;
        source.perceived_eradication_risk += risk_weight * (std::min(1.0, realized_annual_share) -
                                                            source.perceived_eradication_risk);
      }
    }
  }

 private:
  ProductionParameters p_;

  // Step number used as the key of the licence lottery: no simulated step reaches it.
  static constexpr uint32_t kLicenceLottery = 0xFFFFFFFFU;

  // Per source: the probability that a household holds a medical licence, the licensed
  // hectares over all hectares of the source's households (illicit and licit).
  static std::vector<double> medical_licence_shares(const ModelState& state,
                                                    const std::vector<size_t>& source_of_cell) {
    std::vector<double> odds(state.sources.size(), 0.0);
    bool any = false;
    for (size_t i = 0; i < state.sources.size(); ++i) {
      const auto& source = state.sources[i];
      any = any || state.levers.medical_licensed_ha[state.cell(source.node, source.substance)] > 0;
    }
    if (!any) return odds;
    std::vector<double> hectares(state.sources.size(), 0.0);
    const auto& f = state.farmers;
    for (size_t a = 0; a < f.size(); ++a) {
      hectares[source_of_cell[state.cell(f.node[a], f.substance[a])]] += f.plot_ha[a];
    }
    for (size_t i = 0; i < state.sources.size(); ++i) {
      const auto& source = state.sources[i];
      const double licensed =
          state.levers.medical_licensed_ha[state.cell(source.node, source.substance)];
      if (hectares[i] > 0) odds[i] = std::min(1.0, licensed * state.scale / hectares[i]);
    }
    return odds;
  }

  // The licensed buyer pays growers the licensed price for the crop; a share is diverted into
  // the illicit source stock (as product), the rest leaves as licit medical supply.
  static void sell_licensed_crop(ModelState& state, SourceMarket& source, double crop_kg) {
    if (crop_kg <= 0) return;
    const size_t cell = state.cell(source.node, source.substance);
    const double diverted = crop_kg * state.levers.medical_diversion_share[cell];
    const double licit = crop_kg - diverted;
    const double product_kg = diverted / source.crop_kg_per_kg_product;
    source.stock_kg += product_kg;
    state.ledger.produced_kg[source.substance] += product_kg;
    state.flows.production_kg[cell] += product_kg;
    const double price = source.farmgate_price_ref * state.levers.medical_price_ratio[cell];
    const double paid =
        state.money.transfer(state.money.sector(source.node, Sector::legal_industry),
                             state.money.sector(source.node, Sector::growers), licit * price,
                             Purpose::legal_sale, source.node);
    state.flows.legal_sales_usd[cell] += paid;
  }

  static double eradication_budget_share(const ModelState& state, NodeIndex node,
                                         SubstanceIndex substance) {
    // A country's eradication budget is split over its crops by hectares eradicated.
    const auto& world = *state.world;
    const double budget = world.figure_or(node, std::nullopt, "eradication_budget_usd", 0.0);
    double total = 0.0;
    for (size_t s = 0; s < world.substances.size(); ++s) {
      total += world.figure_or(node, SubstanceIndex(s), "eradication_ha_per_year", 0.0);
    }
    const double own = world.figure_or(node, substance, "eradication_ha_per_year", 0.0);
    return total > 0 ? budget * own / total : 0.0;
  }

  // Income gap (USD/ha/year) that moves the odds of the illicit crop by a factor e: a share of
  // the larger of the two baseline incomes, so the supply response does not depend on which
  // crop pays more.
  [[nodiscard]] double choice_scale(const SourceMarket& source) const {
    return p_.choice_noise *
           std::max(source.licit_income_usd_per_ha, source.baseline_illicit_income);
  }

  [[nodiscard]] CropIncomes crop_incomes(const ModelState& state,
                                         const SourceMarket& source) const {
    const double horizon = p_.switch_horizon_years;
    const double maturation_years = p_.maturation_weeks[source.substance] / 52.0;
    const double alt_years = p_.alt_crop_maturation_weeks / 52.0;
    const double support =
        p_.alt_dev_support_usd_per_ha +
        state.levers.alt_dev_support_usd_per_ha[state.cell(source.node, source.substance)];
    CropIncomes inc;
    inc.illicit = source.crop_yield_kg_per_ha * source.expected_farmgate_price *
                  (1.0 - p_.cost_share[source.substance]) *
                  (1.0 - source.perceived_eradication_risk);
    inc.licit = source.licit_income_usd_per_ha;
    inc.illicit_switch = inc.illicit * std::max(0.0, 1.0 - maturation_years / horizon);
    inc.licit_switch = inc.licit * std::max(0.0, 1.0 - alt_years / horizon) + support;
    inc.support = support;
    return inc;
  }

  // Intercept of the logit choice such that the baseline illicit share is the stationary share
  // of the switching process (so the model does not drift at t0 for lack of calibration).
  [[nodiscard]] double calibrate_intercept(const ModelState& state, const SourceMarket& source,
                                           double illicit_share) const {
    const auto inc = crop_incomes(state, source);
    const double noise = choice_scale(source);
    const double inertia = p_.switching_inertia;
    auto stationary = [&](double c) {
      const double p_in = logistic((inc.illicit_switch - inc.licit) / noise + c - inertia);
      const double p_out = logistic(-(inc.illicit - inc.licit_switch) / noise - c - inertia);
      return p_in / (p_in + p_out);
    };
    double lo = -60.0;
    double hi = 60.0;
    for (int i = 0; i < 100; ++i) {
      const double mid = 0.5 * (lo + hi);
      (stationary(mid) < illicit_share ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
  }
};

void report_production(const ModelState& state, MetricTable& t) {
  for (const auto& source : state.sources) {
    const size_t cell = state.cell(source.node, source.substance);
    t.put(Metric::cultivation_ha, source.node, source.substance, source.illicit_ha);
    t.put(Metric::alt_crop_ha, source.node, source.substance, source.converted_ha);
    t.put(Metric::eradicated_ha, source.node, source.substance, state.flows.eradicated_ha[cell]);
    t.put(Metric::production_kg, source.node, source.substance, state.flows.production_kg[cell]);
    t.set(Metric::price_farmgate_usd_per_kg, source.node, source.substance, source.farmgate_price);
  }
}

}  // namespace

void declare_production_parameters(std::vector<ParameterDeclaration>& t);  // parameters.cpp

const ModuleSpec& production_module() {
  static const ModuleSpec spec{
      .name = "production",
      .summary = "eradication, crop choice of farming households, harvest into source stocks",
      .reads = {StatePart::levers, StatePart::markets, StatePart::sources},
      .writes = {StatePart::farmers, StatePart::sources, StatePart::flows, StatePart::ledger},
      .initialize_after = {"policies"},
      .step_after = {"policies"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<ProductionModule>(
            ProductionParameters::read(ParameterReader(context)));
      },
      .declare_parameters = declare_production_parameters,
      .streams = {{kFarmerChoiceStream, "farmer_choice",
                   "licence lottery, eradication, crop review and choice of a household"}},
      .metrics = {Metric::cultivation_ha, Metric::alt_crop_ha, Metric::eradicated_ha,
                  Metric::production_kg, Metric::price_farmgate_usd_per_kg},
      .report = report_production};
  return spec;
}

}  // namespace narcosim
