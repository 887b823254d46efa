// Justice and prisons: arrests by offence, pre-trial detention, sentences and releases, as
// country-level stocks and flows of real persons driven by the agent populations (users,
// growers' hectares, trafficking workers) and by the policy levers (model brief s2.6; seeds
// 001, 002, 004). Arrests of trafficking workers remove worker agents. See docs/ODD.md
// "Justice and prisons".
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "narcosim/model/module.hpp"
#include "narcosim/model/state.hpp"

namespace narcosim {

namespace {

// Random streams of this module (declared in its spec below; numbers never change).
constexpr Stream kArrestStream{10};

constexpr std::array<const char*, kOffenceCount> kOffenceNames = {
    "possession", "growing", "dealing", "trafficking", "violent", "other"};
constexpr size_t kPossession = size_t(Offence::possession);
constexpr size_t kGrowing = size_t(Offence::growing);
constexpr size_t kDealing = size_t(Offence::dealing);
constexpr size_t kTrafficking = size_t(Offence::trafficking);
constexpr size_t kViolent = size_t(Offence::violent);
constexpr size_t kOther = size_t(Offence::other);

// Share of a step's stock leaving a compartment whose mean stay is `mean_years`.
double exit_share(double mean_years, double years) {
  return 1.0 - std::exp(-years / mean_years);
}

// The parameters the module reads, resolved once per run when the engine builds it.
struct JusticeParameters {
  double pretrial_share, drug_share, possession_share_of_drug, growing_share_of_drug,
      dealing_share_of_traders, violent_share_of_non_drug;
  double pretrial_years, conviction_share;
  std::array<double, kOffenceCount> detention_probability, sentence_years;  // per Offence
  double possession_amount_mean_days, troop_arrest_effect, guard_arrest_weight,
      worker_arrest_max_per_year;

  static JusticeParameters read(const ParameterReader& r) {
    JusticeParameters p{};
    p.pretrial_share = r.get("justice.pretrial_share");
    p.drug_share = r.get("justice.drug_share");
    p.possession_share_of_drug = r.get("justice.possession_share_of_drug");
    p.growing_share_of_drug = r.get("justice.growing_share_of_drug");
    p.dealing_share_of_traders = r.get("justice.dealing_share_of_traders");
    p.violent_share_of_non_drug = r.get("justice.violent_share_of_non_drug");
    p.pretrial_years = r.get("justice.pretrial_years");
    p.conviction_share = r.get("justice.conviction_share");
    for (size_t o = 0; o < kOffenceCount; ++o) {
      const std::string prefix = std::string("justice.") + kOffenceNames[o];
      p.detention_probability[o] = r.get(prefix + ".detention_probability");
      p.sentence_years[o] = r.get(prefix + ".sentence_years");
    }
    p.possession_amount_mean_days = r.get("justice.possession_amount_mean_days");
    p.troop_arrest_effect = r.get("justice.troop_arrest_effect");
    p.guard_arrest_weight = r.get("justice.guard_arrest_weight");
    p.worker_arrest_max_per_year = r.get("justice.worker_arrest_max_per_year");
    return p;
  }
};

// How one offence moves through the courts in one country; fixed at initialisation so that the
// observed stock is a steady state.
struct OffenceFlows {
  double arrests_per_exposure = 0.0;  // persons per unit of exposure and year
  bool constant = false;              // no exposure at initialisation: a constant flow
  double detention = 0.0;             // arrests held pre-trial
  double conviction = 0.0;            // pre-trial exits that are convicted and stay in prison
  double direct = 0.0;                // arrests sentenced to prison without pre-trial detention
  double sentence_years = 1.0;        // mean time served at the baseline
};

struct CountryCalibration {
  bool modelled = false;
  std::array<OffenceFlows, kOffenceCount> offences{};
  // Dealing and trafficking arrests: worker agents of organisations based here face
  // `worker_hazard`; arrests beyond what the capped hazard yields come from traders outside
  // the modelled organisations at a constant rate.
  double worker_hazard_per_year = 0.0;
  double other_traders_arrests_per_year = 0.0;
  double dealing_fraction = 1.0;  // of dealing + trafficking arrests
  double baseline_homicides_per_year = 0.0;
  double population = 0.0;
};

class JusticeModule final : public Module {
 public:
  explicit JusticeModule(const JusticeParameters& parameters) : p_(parameters) {}

  void initialize(ModelState& state) override {
    const auto& world = *state.world;
    countries_.assign(world.nodes.size(), {});
    const auto workers = state.workers_by_home();
    for (size_t n = 0; n < world.nodes.size(); ++n) {
      const auto node = NodeIndex(n);
      const auto prisoners = world.figure(node, std::nullopt, "prisoners");
      if (world.nodes[n].kind != NodeKind::country || !prisoners || *prisoners <= 0) continue;
      auto& justice = state.justice[n];
      justice = CountryJustice{};
      justice.capacity = world.figure_or(node, std::nullopt, "prison_capacity", 0.0);
      split_initial_stock(state, node, *prisoners, justice);
      calibrate(state, node, workers[n], justice);
      justice.worker_arrest_per_year = countries_[n].worker_hazard_per_year;
    }
  }

  void step(ModelState& state) override {
    const double years = state.years_per_step();
    const auto worker_arrests = arrest_workers(state);
    for (size_t n = 0; n < countries_.size(); ++n) {
      if (!countries_[n].modelled) continue;
      const auto node = NodeIndex(n);
      auto& justice = state.justice[n];
      justice.arrests = {};
      justice.admissions = {};
      justice.releases = {};
      justice.released_by_policy = {};
      record_arrests(state, node, worker_arrests[n], justice);
      std::array<double, kOffenceCount> freed{};
      for (size_t o = 0; o < kOffenceCount; ++o) {
        freed[o] = move_through_courts(state, node, Offence(o), years, justice);
      }
      release_by_policy(state, node, justice);
      for (const size_t o : {kGrowing, kDealing, kTrafficking}) {
        // Released growers and traders look for work again, legal or not.
        state.labour[n].displaced += freed[o] + justice.released_by_policy[o];
      }
    }
  }

 private:
  // Observed stock split by offence (shares from UNODC CTS medians, see parameters) and into
  // pre-trial and sentenced with the same pre-trial share for every offence.
  void split_initial_stock(const ModelState& state, NodeIndex node, double prisoners,
                           CountryJustice& justice) const {
    // Country figures (UNODC CTS, data/figures.csv) where they exist, the medians otherwise.
    const auto& world = *state.world;
    const double drug =
        prisoners * world.figure_or(node, std::nullopt, "prison_drug_share", p_.drug_share);
    const double possession = drug * p_.possession_share_of_drug;
    const double growing =
        grows_illicit_crops(state, node) ? (drug - possession) * p_.growing_share_of_drug : 0.0;
    const double traders = drug - possession - growing;
    const double dealing = traders * p_.dealing_share_of_traders;
    const double non_drug = prisoners - drug;
    const double violent = non_drug * p_.violent_share_of_non_drug;
    const std::array<double, kOffenceCount> held = {possession,        growing, dealing,
                                                    traders - dealing, violent, non_drug - violent};
    const double pretrial_share =
        world.figure_or(node, std::nullopt, "prison_pretrial_share", p_.pretrial_share);
    for (size_t o = 0; o < kOffenceCount; ++o) {
      justice.pretrial[o] = held[o] * pretrial_share;
      justice.sentenced[o] = held[o] - justice.pretrial[o];
    }
  }

  static bool grows_illicit_crops(const ModelState& state, NodeIndex node) {
    return illicit_hectares(state, node) > 0.0;
  }

  static double illicit_hectares(const ModelState& state, NodeIndex node) {
    double hectares = 0.0;
    for (const auto& source : state.sources) {
      if (source.node == node) hectares += source.illicit_ha;
    }
    return hectares;
  }

  static double users(const UserGroup& group) {
    return double(group.light_agents + group.heavy_agents);
  }

  // Users of all substances (persons), at the baseline: every possession case is arrestable.
  static double baseline_users(const ModelState& state, NodeIndex node) {
    double persons = 0.0;
    for (const auto& group : state.user_groups) {
      if (group.node == node) persons += users(group) / state.scale;
    }
    return persons;
  }

  // Users whose possession cases are criminal: amounts held (in days of an average user's
  // consumption) are exponential, so a share exp(-threshold / mean) lies above the threshold.
  // Where a legal channel is open, the users who can reach it (registered buyers, adults near a
  // store) possess legally.
  [[nodiscard]] double arrestable_users(const ModelState& state, NodeIndex node) const {
    const double mean_days = p_.possession_amount_mean_days;
    double persons = 0.0;
    for (const auto& group : state.user_groups) {
      if (group.node != node) continue;
      const size_t cell = state.cell(node, group.substance);
      const double threshold = state.levers.possession_threshold_days[cell];
      const auto& channel = state.levers.legal_channel[cell];
      const double legal = channel.regime == LegalRegime::prohibition ? 0.0 : channel.access_share;
      persons += users(group) / state.scale * std::exp(-threshold / mean_days) * (1.0 - legal);
    }
    return persons;
  }

  // Homicides per year: last step's from the violence module, the observed rate before that.
  [[nodiscard]] double homicides_per_year(const ModelState& state, NodeIndex node) const {
    const double last = state.violence[node].homicides;
    return last > 0 ? last / state.years_per_step() : countries_[node].baseline_homicides_per_year;
  }

  // Troops and guards per 100,000 inhabitants raise arrests of traders proportionally; a
  // guard member counts for less, as most of a guard does general public security.
  [[nodiscard]] double troop_factor(const ModelState& state, NodeIndex node) const {
    const double population = countries_[node].population;
    if (population <= 0) return 1.0;
    const double troops = state.levers.military_troops[node] +
                          p_.guard_arrest_weight * state.levers.guard_troops[node];
    return 1.0 + p_.troop_arrest_effect * troops / population * 1e5;
  }

  void calibrate(const ModelState& state, NodeIndex node, double workers,
                 const CountryJustice& justice) {
    auto& country = countries_[node];
    country.modelled = true;
    country.population = state.world->figure_or(node, std::nullopt, "population", 0.0);
    country.baseline_homicides_per_year =
        state.world->figure_or(node, std::nullopt, "homicide_rate_per_100k", 0.0) *
        country.population / 1e5;
    const double years = state.years_per_step();
    const double pretrial_exit = exit_share(p_.pretrial_years, years);
    // Policies in force at the start (history: a decriminalisation, a deployment, a sentencing
    // reform) shaped the observed stock, so the stock must be a steady state WITH them: the
    // exposure of possession is the users whose cases are criminal at step 0, growing arrests
    // are scaled by the prosecution lever, trader arrests by the troop factor, and minor drug
    // sentences by the sentencing lever of step 0 (all 1 without policies).
    const double users = baseline_users(state, node);
    const double criminal_users = arrestable_users(state, node);
    const double prosecution = state.levers.grower_prosecution[node];
    const double troops = troop_factor(state, node);
    const double sentence_multiplier = std::max(1e-6, state.levers.sentence_multiplier_minor[node]);
    const std::array<double, kOffenceCount> exposure = {
        criminal_users > 0 ? criminal_users : users,
        illicit_hectares(state, node) * (prosecution > 0 ? prosecution : 1.0),
        workers,
        workers,
        country.baseline_homicides_per_year,
        0.0};
    std::array<double, kOffenceCount> arrests_per_year{};
    for (size_t o = 0; o < kOffenceCount; ++o) {
      auto& flows = country.offences[o];
      flows.detention = p_.detention_probability[o];
      flows.sentence_years = p_.sentence_years[o];
      const double pretrial_exits = justice.pretrial[o] * pretrial_exit;
      const double served =
          flows.sentence_years * (is_minor_drug_offence(Offence(o)) ? sentence_multiplier : 1.0);
      const double sentence_exits = justice.sentenced[o] * exit_share(served, years);
      // Steady state: arrests fill the pre-trial stock as fast as it empties; convictions
      // (capped by the conviction share) and direct sentences fill the sentenced stock.
      const double arrests = pretrial_exits > 0 ? pretrial_exits / flows.detention : sentence_exits;
      flows.conviction =
          pretrial_exits > 0 ? std::min(p_.conviction_share, sentence_exits / pretrial_exits) : 0.0;
      flows.direct =
          arrests > 0 ? (sentence_exits - flows.conviction * pretrial_exits) / arrests : 0.0;
      if (pretrial_exits <= 0) flows.detention = 0.0;
      arrests_per_year[o] = arrests / years;
      // No exposure (no users, crops or homicides recorded): arrests stay constant.
      flows.constant = exposure[o] <= 0;
      flows.arrests_per_exposure = arrests_per_year[o] / (flows.constant ? 1.0 : exposure[o]);
    }
    const double all_traders = arrests_per_year[kDealing] + arrests_per_year[kTrafficking];
    country.dealing_fraction = all_traders > 0 ? arrests_per_year[kDealing] / all_traders : 1.0;
    // Trader arrests per year without troops: the step-0 deployment multiplies them back.
    const double traders = all_traders / troops;
    country.worker_hazard_per_year =
        workers > 0 ? std::min(traders / workers, p_.worker_arrest_max_per_year) : 0.0;
    country.other_traders_arrests_per_year = traders - country.worker_hazard_per_year * workers;
  }

  // Each active worker faces the arrest probability of its organisation's home country this
  // step; arrested workers leave the organisation (the workforce module recruits). Returns
  // arrested persons per node.
  [[nodiscard]] std::vector<double> arrest_workers(ModelState& state) const {
    const double years = state.years_per_step();
    std::vector<double> probability(countries_.size(), 0.0);
    for (size_t n = 0; n < countries_.size(); ++n) {
      if (!countries_[n].modelled) continue;
      const double hazard = countries_[n].worker_hazard_per_year *
                            troop_factor(state, NodeIndex(n)) * state.corruption[n].hazard_factor;
      probability[n] = 1.0 - std::exp(-hazard * years);
    }
    std::vector<double> arrested(countries_.size(), 0.0);
    auto& w = state.workers;
    const auto step = uint32_t(state.step);
    for (size_t i = 0; i < w.size(); ++i) {
      if (!w.active[i]) continue;
      const NodeIndex home = state.world->organizations[w.organization[i]].home;
      if (probability[home] <= 0) continue;
      if (state.rng.uniform(kArrestStream, w.id[i], step) < probability[home]) {
        w.active[i] = 0;
        --state.organizations[w.organization[i]].workers;
        arrested[home] += 1.0 / state.scale;
      }
    }
    return arrested;
  }

  void record_arrests(const ModelState& state, NodeIndex node, double arrested_workers,
                      CountryJustice& justice) const {
    const auto& country = countries_[node];
    const double years = state.years_per_step();
    const auto& offences = country.offences;
    auto arrests_for = [&](size_t o, double exposure) {
      return offences[o].arrests_per_exposure * (offences[o].constant ? 1.0 : exposure) * years;
    };
    justice.arrests[kPossession] = arrests_for(kPossession, arrestable_users(state, node));
    justice.arrests[kGrowing] = arrests_for(kGrowing, illicit_hectares(state, node)) *
                                state.levers.grower_prosecution[node];
    const double traders = arrested_workers + country.other_traders_arrests_per_year * years *
                                                  troop_factor(state, node) *
                                                  state.corruption[node].hazard_factor;
    justice.arrests[kDealing] = traders * country.dealing_fraction;
    justice.arrests[kTrafficking] = traders * (1.0 - country.dealing_fraction);
    justice.arrests[kViolent] = arrests_for(kViolent, homicides_per_year(state, node));
    justice.arrests[kOther] = arrests_for(kOther, 0.0);
  }

  // Arrests enter pre-trial detention or (convicted at liberty) prison; pre-trial detainees
  // leave after a mean pre-trial time, convicted or released; the sentenced leave after their
  // mean sentence, shortened for minor drug offences by the sentencing lever. Returns persons
  // released this step.
  [[nodiscard]] double move_through_courts(const ModelState& state, NodeIndex node, Offence offence,
                                           double years, CountryJustice& justice) const {
    const auto o = size_t(offence);
    const auto& flows = countries_[node].offences[o];
    const double multiplier = is_minor_drug_offence(offence)
                                  ? std::max(1e-6, state.levers.sentence_multiplier_minor[node])
                                  : 1.0;
    const double pretrial_exits = justice.pretrial[o] * exit_share(p_.pretrial_years, years);
    const double sentence_exits =
        justice.sentenced[o] * exit_share(flows.sentence_years * multiplier, years);
    const double detained = justice.arrests[o] * flows.detention;
    const double imprisoned = justice.arrests[o] * flows.direct;
    const double convicted = pretrial_exits * flows.conviction;
    justice.pretrial[o] += detained - pretrial_exits;
    justice.sentenced[o] += imprisoned + convicted - sentence_exits;
    justice.admissions[o] = detained + imprisoned;
    justice.releases[o] = pretrial_exits - convicted + sentence_exits;
    return justice.releases[o];
  }

  // One-off releases on a policy's first step: a review frees a share of minor drug prisoners;
  // an amnesty frees a share of possession, growing and low-level dealing prisoners, never
  // violent, high-level or other offenders.
  static void release_by_policy(const ModelState& state, NodeIndex node, CountryJustice& justice) {
    for (const double share :
         {state.levers.review_release_share[node], state.levers.amnesty_release_share[node]}) {
      if (share <= 0) continue;
      for (size_t o = 0; o < kOffenceCount; ++o) {
        if (!is_minor_drug_offence(Offence(o))) continue;
        const double freed = share * (justice.pretrial[o] + justice.sentenced[o]);
        justice.pretrial[o] *= 1.0 - share;
        justice.sentenced[o] *= 1.0 - share;
        justice.released_by_policy[o] += freed;
      }
    }
  }

  JusticeParameters p_;
  std::vector<CountryCalibration> countries_;
};

void report_justice(const ModelState& state, MetricTable& t) {
  const auto& world = *state.world;
  for (size_t n = 0; n < world.nodes.size(); ++n) {
    if (!world.nodes[n].is_market()) continue;
    const auto& justice = state.justice[n];
    t.put_node(Metric::arrests_possession, n, justice.arrests[size_t(Offence::possession)]);
    t.put_node(Metric::arrests_trafficking, n,
               justice.arrests[size_t(Offence::growing)] +
                   justice.arrests[size_t(Offence::dealing)] +
                   justice.arrests[size_t(Offence::trafficking)]);
    t.put_node(Metric::prisoners, n, justice.prisoners());
    t.put_node(Metric::prisoners_drug, n, justice.drug_prisoners());
    t.put_node(Metric::prisoners_pretrial, n, justice.pretrial_prisoners());
    t.put_node(Metric::prison_capacity, n, justice.capacity);
    if (justice.capacity > 0) {
      t.set(Metric::prison_occupancy_pct, n, t.all_column(),
            100.0 * justice.prisoners() / justice.capacity);
    }
  }
  // Occupancy over all countries: total prisoners over total places.
  const double places = t.get(Metric::prison_capacity, t.all_row(), t.all_column());
  if (places > 0) {
    t.set(Metric::prison_occupancy_pct, t.all_row(), t.all_column(),
          100.0 * t.get(Metric::prisoners, t.all_row(), t.all_column()) / places);
  }
}

}  // namespace

void declare_justice_parameters(std::vector<ParameterDeclaration>& t);  // parameters.cpp

const ModuleSpec& justice_module() {
  static const ModuleSpec spec{
      .name = "justice",
      .summary = "arrests by offence, pre-trial detention, sentences, releases and amnesties",
      .reads = {StatePart::levers, StatePart::corruption, StatePart::flows, StatePart::user_groups,
                StatePart::workers, StatePart::labour},
      // writes workers and organisations: arrested workers leave their organisation
      .writes = {StatePart::justice, StatePart::labour, StatePart::workers,
                 StatePart::organizations},
      .initialize_after = {"demand"},
      .step_after = {"demand"},
      .make = [](const ModuleContext& context) -> std::unique_ptr<Module> {
        return std::make_unique<JusticeModule>(JusticeParameters::read(ParameterReader(context)));
      },
      .declare_parameters = declare_justice_parameters,
      .streams = {{kArrestStream, "arrest", "arrests of worker agents"}},
      .metrics = {Metric::arrests_possession, Metric::arrests_trafficking, Metric::prisoners,
                  Metric::prisoners_drug, Metric::prisoners_pretrial, Metric::prison_capacity,
                  Metric::prison_occupancy_pct},
      .report = report_justice};
  return spec;
}

}  // namespace narcosim
