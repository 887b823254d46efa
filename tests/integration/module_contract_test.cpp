// What modules declare about themselves (model/module.hpp) holds: the plan honours every
// declared order, and a module's step changes no part of the state it does not declare it writes
// (watched through EngineOptions::on_module on shipped scenarios whose policies exercise every
// module). Reads are not checked: a copy cannot tell what was looked at.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/model/module.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

// A copy of every part of the state that a module may write.
struct Snapshot {
  explicit Snapshot(const ModelState& s)
      : farmers(s.farmers),
        sources(s.sources),
        user_groups(s.user_groups),
        markets(s.markets),
        routes(s.routes),
        routes_to_market(s.routes_to_market),
        batches(s.batches),
        organizations(s.organizations),
        workers(s.workers),
        next_worker_id(s.next_worker_id),
        levers(s.levers),
        flows(s.flows),
        ledger(s.ledger),
        justice(s.justice),
        violence(s.violence),
        labour(s.labour),
        money(s.money),
        reinvestment(s.reinvested_interdiction_usd_per_year),
        corruption(s.corruption) {}

  // The parts `now` differs in.
  [[nodiscard]] std::set<StatePart> changed(const ModelState& now) const {
    std::set<StatePart> parts;
    const auto mark = [&](bool same, StatePart part) {
      if (!same) parts.insert(part);
    };
    mark(farmers == now.farmers, StatePart::farmers);
    mark(sources == now.sources, StatePart::sources);
    mark(user_groups == now.user_groups, StatePart::user_groups);
    mark(markets == now.markets, StatePart::markets);
    mark(routes == now.routes && routes_to_market == now.routes_to_market, StatePart::routes);
    mark(batches == now.batches, StatePart::batches);
    mark(organizations == now.organizations, StatePart::organizations);
    mark(workers == now.workers && next_worker_id == now.next_worker_id, StatePart::workers);
    mark(levers == now.levers, StatePart::levers);
    mark(flows == now.flows, StatePart::flows);
    mark(ledger == now.ledger, StatePart::ledger);
    mark(justice == now.justice, StatePart::justice);
    mark(violence == now.violence, StatePart::violence);
    mark(labour == now.labour, StatePart::labour);
    mark(money == now.money, StatePart::money);
    mark(reinvestment == now.reinvested_interdiction_usd_per_year, StatePart::reinvestment);
    mark(corruption == now.corruption, StatePart::corruption);
    return parts;
  }

  FarmerAgents farmers;
  std::vector<SourceMarket> sources;
  std::vector<UserGroup> user_groups;
  std::vector<Market> markets;
  std::vector<Route> routes;
  std::vector<std::vector<uint32_t>> routes_to_market;
  std::vector<Batch> batches;
  std::vector<OrganizationState> organizations;
  WorkerAgents workers;
  uint32_t next_worker_id;
  Levers levers;
  StepFlows flows;
  MassLedger ledger;
  std::vector<CountryJustice> justice;
  std::vector<CountryViolence> violence;
  std::vector<CountryLabour> labour;
  MoneyLedger money;
  std::vector<double> reinvestment;
  std::vector<CountryCorruption> corruption;
};

// Parts each module changed in some step of some run.
using Observed = std::map<std::string, std::set<StatePart>>;
// Metrics each module's report put a value in (reported on its own into an empty table).
using Reported = std::map<std::string, std::set<Metric>>;

void report_each_module(const ModelState& state, Reported& reported) {
  MetricTable table(state.world->nodes.size(), state.substance_count());
  for (const auto* spec : module_catalog()) {
    if (spec->report == nullptr) continue;
    table.clear();
    spec->report(state, table);
    table.for_each_value([&](size_t, Metric metric, size_t, size_t, double) {
      reported[std::string(spec->name)].insert(metric);
    });
  }
}

void watch(const std::string& scenario_file, const std::string& end, Observed& observed,
           Reported* reported = nullptr) {
  const auto& world = test::shipped_world();
  const auto& registry = test::shipped_registry();
  Scenario s =
      io::parse_scenario_file(test::source_dir() + "/scenarios/" + scenario_file, world, registry);
  io::apply_overrides(s, {"end=" + end, "scale=0.001"}, world, registry);
  auto options = EngineOptions::with_threads(1);
  std::unique_ptr<Snapshot> before;
  const auto last = module_order(module_catalog(), Phase::step).back()->name;
  options.on_module = [&](std::string_view module, const ModelState& state, bool done) {
    if (!done) {
      before = std::make_unique<Snapshot>(state);
      return;
    }
    for (const auto part : before->changed(state)) observed[std::string(module)].insert(part);
    if (reported != nullptr && module == last) report_each_module(state, *reported);
  };
  Engine engine(test::shared_world(), s, options);
  engine.run(nullptr);
}

std::string_view to_string(Metric metric) {
  return info(metric).name;
}

// "a, b, c" for a set of state parts or metrics.
template <typename Item>
std::string names(const std::set<Item>& items) {
  std::string out;
  for (const auto item : items)
    out += std::string(out.empty() ? "" : ", ") + std::string(to_string(item));
  return out;
}

// What every module changed and reported over shipped scenarios whose policies exercise every
// module: history (Mexico's deployment, decriminalisation, eradication, crop substitution, legal
// cannabis), legal markets and transport, seizure compensation, amnesty and programmes. Run once
// for the tests below.
struct Watched {
  Observed observed;
  Reported reported;
};
const Watched& watched() {
  static const Watched w = [] {
    Watched result;
    watch("baseline.yaml", "2011-06-30", result.observed, &result.reported);
    watch("legalize-all-americas.yaml", "2015-12-31", result.observed, &result.reported);
    watch("seizure-compensation.yaml", "2013-12-31", result.observed, &result.reported);
    watch("mexico-2018-amlo.yaml", "2019-12-31", result.observed, &result.reported);
    return result;
  }();
  return w;
}

TEST(ModuleContract, EachModuleWritesOnlyThePartsItDeclares) {
  auto observed = watched().observed;
  for (const auto* spec : module_catalog()) {
    const std::set<StatePart> declared(spec->writes.begin(), spec->writes.end());
    const auto& seen = observed[std::string(spec->name)];
    std::set<StatePart> undeclared;
    std::set_difference(seen.begin(), seen.end(), declared.begin(), declared.end(),
                        std::inserter(undeclared, undeclared.end()));
    EXPECT_TRUE(undeclared.empty())
        << spec->name << " wrote " << names(undeclared) << " without declaring it";
    // For the log: a declared part never seen changing may be written only in rare states.
    std::cout << spec->name << " changed: " << names(seen) << "\n";
    // Every module changes something: a module that writes nothing would be dead code.
    EXPECT_FALSE(seen.empty()) << spec->name << " changed nothing";
  }
}

TEST(ModuleContract, EachModuleReportsExactlyTheMetricsItDeclares) {
  auto reported = watched().reported;
  for (const auto* spec : module_catalog()) {
    const std::set<Metric> declared(spec->metrics.begin(), spec->metrics.end());
    const auto& seen = reported[std::string(spec->name)];
    std::set<Metric> undeclared, missing;
    std::set_difference(seen.begin(), seen.end(), declared.begin(), declared.end(),
                        std::inserter(undeclared, undeclared.end()));
    std::set_difference(declared.begin(), declared.end(), seen.begin(), seen.end(),
                        std::inserter(missing, missing.end()));
    EXPECT_TRUE(undeclared.empty())
        << spec->name << " reported " << names(undeclared) << " without declaring it";
    EXPECT_TRUE(missing.empty()) << spec->name << " declares " << names(missing)
                                 << " but never reported a value";
  }
}

TEST(ModuleContract, EveryMetricHasOneReporterAndEveryStreamOneModule) {
  std::map<Metric, int> reporters;
  for (const auto metric : core_metrics()) ++reporters[metric];
  std::map<uint32_t, int> streams;
  for (const auto* spec : module_catalog()) {
    for (const auto metric : spec->metrics) ++reporters[metric];
    for (const auto& declared : spec->streams) ++streams[uint32_t(declared.stream)];
  }
  for (size_t m = 0; m < kMetricCount; ++m) {
    EXPECT_EQ(reporters[Metric(m)], 1) << info(Metric(m)).name;
  }
  for (const auto& [stream, modules] : streams) EXPECT_EQ(modules, 1) << "stream " << stream;
  EXPECT_EQ(streams.count(uint32_t(Stream::initial_population)), 0U);
}

TEST(ModuleContract, DeclarationsClaimingAStreamOrMetricTwiceAreRefused) {
  const auto report = [](const ModelState&, MetricTable&) {};
  ModuleSpec a{.name = "alpha",
               .writes = {StatePart::flows},
               .streams = {{Stream{40}, "s", ""}},
               .metrics = {Metric::homicides},
               .report = report};
  ModuleSpec b{.name = "beta", .writes = {StatePart::flows}, .streams = {{Stream{40}, "t", ""}}};
  const auto refused = [](const std::vector<const ModuleSpec*>& specs, const std::string& words) {
    try {
      check_declarations(specs);
      ADD_FAILURE() << "accepted; expected an error with: " << words;
    } catch (const std::logic_error& e) {
      EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
    }
  };
  EXPECT_NO_THROW(check_declarations({&a}));
  refused({&a, &b}, "random stream 40 is declared by alpha and by beta");
  b.streams = {{Stream::initial_population, "t", ""}};
  refused({&a, &b}, "module beta declares random stream t (1)");
  b.streams = {{Stream{kMaxStream + 1}, "t", ""}};
  refused({&a, &b}, "a module's stream is 2 to 4095");
  b.streams.clear();
  b.metrics = {Metric::homicides};
  refused({&a, &b}, "module beta declares metrics but no report function");
  b.report = report;
  refused({&a, &b}, "metric homicides is reported by alpha and by beta");
  b.metrics = {Metric::stock_kg};
  refused({&b}, "metric stock_kg is reported by the core and by beta");
}

TEST(ModuleContract, ThePlanHonoursEveryDeclaredOrder) {
  for (const auto phase : {Phase::initialize, Phase::step}) {
    const auto order = module_order(module_catalog(), phase);
    ASSERT_EQ(order.size(), module_catalog().size());
    const auto position = [&](std::string_view name) {
      for (size_t i = 0; i < order.size(); ++i) {
        if (order[i]->name == name) return i;
      }
      return order.size();
    };
    for (const auto* spec : order) {
      const auto& after = phase == Phase::step ? spec->step_after : spec->initialize_after;
      for (const auto before : after) {
        EXPECT_LT(position(before), position(spec->name)) << before << " before " << spec->name;
      }
    }
  }
  std::set<std::string_view> names;
  for (const auto* spec : module_catalog()) {
    EXPECT_TRUE(names.insert(spec->name).second) << spec->name << " registered twice";
    EXPECT_NE(spec->make, nullptr) << spec->name;
    EXPECT_FALSE(spec->writes.empty()) << spec->name;
  }
}

TEST(ModuleContract, CyclesAndUnknownPredecessorsAreRefusedByName) {
  ModuleSpec a{.name = "alpha", .writes = {StatePart::flows}, .step_after = {"beta"}};
  ModuleSpec b{.name = "beta", .writes = {StatePart::flows}, .step_after = {"alpha"}};
  try {
    (void)module_order({&a, &b}, Phase::step);
    FAIL() << "a cycle was ordered";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("alpha, beta"), std::string::npos) << e.what();
  }
  // The other phase has no constraints: registration order.
  const auto init = module_order({&b, &a}, Phase::initialize);
  EXPECT_EQ(init.front()->name, "beta");
  ModuleSpec c{.name = "gamma", .writes = {StatePart::flows}, .step_after = {"delta"}};
  EXPECT_THROW((void)module_order({&c}, Phase::step), std::logic_error);
}

}  // namespace
}  // namespace narcosim
