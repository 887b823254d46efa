// Runs the installed baseline for three months through the installed library, then a paired
// comparison in memory, and prints what a user would check: the data directory, the number of
// steps and months, cocaine seized in the Americas, and the paired difference of a scenario with
// itself.
#include <cstdio>
#include <memory>
#include <set>

#include "narcosim/ensemble/ensemble.hpp"
#include "narcosim/ensemble/paired.hpp"
#include "narcosim/ensemble/plans.hpp"
#include "narcosim/io/scenario_parser.hpp"
#include "narcosim/io/world_loader.hpp"
#include "narcosim/run/engine.hpp"
#include "narcosim/run/run_tables.hpp"

int main(int argc, char** argv) {
  using namespace narcosim;
  const auto world = std::make_shared<const World>(io::load_world(CONSUMER_DATA_DIR));
  const ParameterRegistry registry(world->substance_ids());
  Scenario s = io::parse_scenario_file(std::string(CONSUMER_SCENARIOS_DIR) + "/baseline.yaml",
                                       *world, registry);
  io::apply_overrides(s, {"end=2010-03-31", "scale=0.002"}, *world, registry);

  RunTables tables(world, TableFilter{{Metric::seized_kg}, {uint16_t(world->nodes.size())}, false});
  PeriodAggregator by_month(*world, Resolution::month, tables);
  Engine engine(world, s, EngineOptions::with_threads(1));
  const auto result = engine.run(&by_month);
  const auto& t = tables.timeseries();
  const auto cocaine = world->substance_index("cocaine");
  double seized = 0.0;
  std::set<Date> months;
  for (size_t i = 0; i < t.size(); ++i) {
    months.insert(t.date[i]);
    if (cocaine && t.substance[i] == *cocaine) seized += t.value[i];
  }
  std::printf("data %s\nsteps %d\nmonths %zu\ncocaine_seized_kg %.0f\n", CONSUMER_DATA_DIR,
              result.steps, months.size(), seized);

  ensemble::Cluster cluster(argc, argv);
  auto plan = ensemble::paired_plan(s, s, 2);
  ensemble::EnsembleSettings settings;  // no directory: in memory
  const auto outcome = ensemble::run_ensemble(world, plan, cluster, settings);
  double largest = 0.0;
  for (const auto& pair : ensemble::paired_series(*outcome.results, plan, *world)) {
    for (size_t i = 0; i < pair.a_run.size(); ++i) {
      const double d = pair.b_run[i] - pair.a_run[i];
      if (d == d && (d > largest || -d > largest)) largest = d > 0 ? d : -d;
    }
  }
  std::printf("pairs %zu\nlargest_difference %g\n", outcome.results->records().size() / 2, largest);
  return 0;
}
