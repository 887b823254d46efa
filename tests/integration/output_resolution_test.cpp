// Output resolution and the compact sink: a run's weekly metrics and flows, summed (flows) or
// averaged (levels) by calendar month and year, agree with the weekly values they come from;
// the SQLite file holds the same rows as the CSV files; the command line checks its flags.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "cli_support.hpp"
#include "narcosim/run/run_tables.hpp"
#include "run_support.hpp"
#include "test_support.hpp"

namespace narcosim {
namespace {

using Key = std::tuple<uint16_t, uint8_t, Metric>;  // place, substance, metric

// Two calendar years by step, month and year from one run (each a sink of the same run).
class ResolutionRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const auto world = test::shared_world();
    weeks_ = new RunTables(world);
    months_ = new RunTables(world);
    years_ = new RunTables(world);
    PeriodAggregator by_week(*world, Resolution::step, *weeks_);
    PeriodAggregator by_month(*world, Resolution::month, *months_);
    PeriodAggregator by_year(*world, Resolution::year, *years_);
    ObserverFanout fanout({&by_week, &by_month, &by_year});
    Engine engine(world, test::short_scenario("2010-01-01", "2011-12-31", 0.002, 3),
                  EngineOptions::with_threads(1));
    steps_ = engine.calendar().step_count();
    engine.run(&fanout);
  }
  static void TearDownTestSuite() {
    delete weeks_;
    delete months_;
    delete years_;
  }

  // Values of `table` grouped by the period that contains each row's date.
  static std::map<std::pair<Date, Key>, std::vector<double>> grouped(const TimeseriesTable& table,
                                                                     Resolution resolution) {
    std::map<std::pair<Date, Key>, std::vector<double>> out;
    for (size_t i = 0; i < table.size(); ++i) {
      const Key key{table.place[i], table.substance[i], table.metric[i]};
      out[{period_start(resolution, table.date[i]), key}].push_back(table.value[i]);
    }
    return out;
  }

  static std::set<Date> dates(const std::vector<Date>& column) {
    return {column.begin(), column.end()};
  }

  static inline RunTables* weeks_ = nullptr;
  static inline RunTables* months_ = nullptr;
  static inline RunTables* years_ = nullptr;
  static inline int steps_ = 0;
};

Date day(const char* iso) {
  return *parse_iso_date(iso);
}

TEST_F(ResolutionRun, PeriodsAreCalendarMonthsAndYearsDatedByTheirFirstDay) {
  EXPECT_EQ(dates(weeks_->timeseries().date).size(), size_t(steps_));
  const auto months = dates(months_->timeseries().date);
  ASSERT_EQ(months.size(), 24U);
  for (const Date d : months) {
    EXPECT_EQ(unsigned(std::chrono::year_month_day(d).day()), 1U) << format_iso_date(d);
  }
  EXPECT_EQ(*months.begin(), day("2010-01-01"));
  EXPECT_EQ(*months.rbegin(), day("2011-12-01"));
  EXPECT_EQ(dates(years_->timeseries().date),
            (std::set<Date>{day("2010-01-01"), day("2011-01-01")}));
}

// A year's value is the sum of its weeks' values for flows and their mean for levels; the same
// holds for a month. Every (place, substance, metric) that has a weekly value has a yearly one.
TEST_F(ResolutionRun, FlowsAreSummedAndLevelsAveragedOverThePeriod) {
  for (const auto& [coarse, resolution] :
       {std::pair{years_, Resolution::year}, std::pair{months_, Resolution::month}}) {
    const auto by_period = grouped(weeks_->timeseries(), resolution);
    const auto& table = coarse->timeseries();
    ASSERT_EQ(table.size(), by_period.size());
    size_t sums = 0;
    size_t means = 0;
    for (size_t i = 0; i < table.size(); ++i) {
      const Key key{table.place[i], table.substance[i], table.metric[i]};
      const auto found = by_period.find({table.date[i], key});
      ASSERT_NE(found, by_period.end()) << info(table.metric[i]).name;
      double total = 0.0;
      for (const double v : found->second) total += v;
      const bool is_sum = info(table.metric[i]).aggregation == Aggregation::sum;
      const double expected = is_sum ? total : total / double(found->second.size());
      EXPECT_NEAR(table.value[i], expected, 1e-9 * std::max(1.0, std::abs(expected)))
          << info(table.metric[i]).name << " " << weeks_->place_label(table.place[i]) << " "
          << format_iso_date(table.date[i]);
      ++(is_sum ? sums : means);
    }
    // Both kinds were checked, on real values.
    EXPECT_GT(sums, 100U);
    EXPECT_GT(means, 100U);
  }
}

// A month's and a year's level is a mean, so it lies between the weekly values it averages:
// users never exceed the most seen in any week of the year.
TEST_F(ResolutionRun, YearlyLevelsLieWithinTheirWeeklyRange) {
  const auto by_year = grouped(weeks_->timeseries(), Resolution::year);
  const auto& table = years_->timeseries();
  for (size_t i = 0; i < table.size(); ++i) {
    if (info(table.metric[i]).aggregation != Aggregation::mean) continue;
    const auto& weekly =
        by_year.at({table.date[i], {table.place[i], table.substance[i], table.metric[i]}});
    const auto [lo, hi] = std::minmax_element(weekly.begin(), weekly.end());
    const double slack = 1e-9 * std::max(1.0, std::abs(*hi));
    EXPECT_GE(table.value[i], *lo - slack) << info(table.metric[i]).name;
    EXPECT_LE(table.value[i], *hi + slack) << info(table.metric[i]).name;
  }
}

TEST_F(ResolutionRun, KilosMovedAlongEachEdgeAreKeptWhenSummedByYear) {
  std::map<std::tuple<Date, uint32_t, uint8_t>, double> weekly;
  double weekly_total = 0.0;
  for (size_t i = 0; i < weeks_->flows().size(); ++i) {
    const auto& f = weeks_->flows();
    weekly[{period_start(Resolution::year, f.date[i]), f.edge[i], f.substance[i]}] += f.kg[i];
    weekly_total += f.kg[i];
  }
  const auto& yearly = years_->flows();
  ASSERT_EQ(yearly.size(), weekly.size());
  ASSERT_GT(weekly_total, 0.0);
  double yearly_total = 0.0;
  for (size_t i = 0; i < yearly.size(); ++i) {
    const double expected = weekly.at({yearly.date[i], yearly.edge[i], yearly.substance[i]});
    EXPECT_NEAR(yearly.kg[i], expected, 1e-9 * expected);
    yearly_total += yearly.kg[i];
  }
  EXPECT_NEAR(yearly_total, weekly_total, 1e-9 * weekly_total);
}

TEST(RunTablesFilter, KeepsOnlyTheAskedMetricsAndPlaces) {
  const auto world = test::shared_world();
  const auto mex = uint16_t(test::node("MEX"));
  RunTables kept(world, TableFilter{{Metric::homicides}, {mex}, false});
  PeriodAggregator by_month(*world, Resolution::month, kept);
  Engine engine(world, test::short_scenario("2010-01-01", "2010-03-31", 0.002, 3),
                EngineOptions::with_threads(1));
  engine.run(&by_month);
  const auto& t = kept.timeseries();
  ASSERT_GT(t.size(), 0U);
  for (size_t i = 0; i < t.size(); ++i) {
    EXPECT_EQ(t.metric[i], Metric::homicides);
    EXPECT_EQ(t.place[i], mex);
  }
  EXPECT_EQ(kept.flows().size(), 0U);
  EXPECT_EQ(kept.place_label(mex), "MEX");
}

// --- the command line --------------------------------------------------------------------------

using Row =
    std::tuple<std::string, std::string, std::string, std::string>;  // date, place, subst., metric

// timeseries.csv as a map from its key columns to the value as written.
std::map<Row, std::string> read_timeseries_csv(const std::filesystem::path& path) {
  std::map<Row, std::string> rows;
  std::istringstream in(test::read_file(path));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "scenario,replicate,date,country,substance,metric,value");
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::istringstream cells_in(line);
    std::string cell;
    while (std::getline(cells_in, cell, ',')) cells.push_back(cell);
    EXPECT_EQ(cells.size(), 7U) << line;
    if (cells.size() != 7) continue;
    rows[{cells[2], cells[3], cells[4], cells[5]}] = cells[6];
  }
  return rows;
}

TEST(ResolutionCli, SqliteHoldsTheSameMonthlyRowsAsTheCsv) {
  const test::TempDir scratch;
  const auto scenario = scratch.path() / "s.yaml";
  test::write_file(scenario, "name: monthly\nstart: 2010-01-01\nend: 2010-04-30\nscale: 0.002\n");
  const auto csv_dir = scratch.path() / "csv";
  const auto db_dir = scratch.path() / "db";
  const auto csv = test::run_narcosim(
      {"run", scenario.string(), "--out", csv_dir.string(), "--resolution", "month", "--quiet"},
      scratch);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  const auto db = test::run_narcosim({"run", scenario.string(), "--out", db_dir.string(),
                                      "--resolution", "month", "--series", "sqlite", "--quiet"},
                                     scratch);
  ASSERT_EQ(db.exit_code, 0) << db.err;

  EXPECT_FALSE(std::filesystem::exists(db_dir / "timeseries.csv"));
  EXPECT_FALSE(std::filesystem::exists(db_dir / "flows.csv"));
  const auto csv_rows = read_timeseries_csv(csv_dir / "timeseries.csv");
  ASSERT_GT(csv_rows.size(), 0U);

  SQLite::Database sqlite((db_dir / "timeseries.sqlite").string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(sqlite, "SELECT date, country, substance, metric, value FROM timeseries");
  std::set<std::string> months;
  size_t rows = 0;
  while (query.executeStep()) {
    ++rows;
    const Row key{query.getColumn(0).getString(), query.getColumn(1).getString(),
                  query.getColumn(2).getString(), query.getColumn(3).getString()};
    months.insert(std::get<0>(key));
    const auto found = csv_rows.find(key);
    ASSERT_NE(found, csv_rows.end()) << std::get<0>(key) << " " << std::get<3>(key);
    // The CSV rounds to 6 significant digits; SQLite keeps the double.
    const double stored = query.getColumn(4).getDouble();
    EXPECT_NEAR(std::stod(found->second), stored, 5e-6 * std::abs(stored)) << std::get<3>(key);
  }
  EXPECT_EQ(rows, csv_rows.size());
  EXPECT_EQ(months,
            (std::set<std::string>{"2010-01-01", "2010-02-01", "2010-03-01", "2010-04-01"}));
  SQLite::Statement flows(sqlite, "SELECT count(*), sum(kg) FROM flows");
  ASSERT_TRUE(flows.executeStep());
  EXPECT_GT(flows.getColumn(0).getInt(), 0);
  EXPECT_GT(flows.getColumn(1).getDouble(), 0.0);

  const auto manifest = test::read_file(db_dir / "manifest.json");
  EXPECT_NE(manifest.find("\"resolution\": \"month\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"series_format\": \"sqlite\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("timeseries.sqlite"), std::string::npos) << manifest;
}

TEST(ResolutionCli, UnknownResolutionOrFormatIsAUsageErrorAndWritesNothing) {
  const test::TempDir scratch;
  const auto scenario = scratch.path() / "s.yaml";
  test::write_file(scenario, "name: x\nstart: 2010-01-01\nend: 2010-02-28\nscale: 0.002\n");
  const auto out = scratch.path() / "out";
  const auto bad_resolution = test::run_narcosim(
      {"run", scenario.string(), "--out", out.string(), "--resolution", "fortnight"}, scratch);
  EXPECT_EQ(bad_resolution.exit_code, 2);
  EXPECT_NE(bad_resolution.err.find("--resolution"), std::string::npos) << bad_resolution.err;
  EXPECT_NE(bad_resolution.err.find("fortnight"), std::string::npos) << bad_resolution.err;
  const auto bad_format = test::run_narcosim(
      {"run", scenario.string(), "--out", out.string(), "--series", "parquet"}, scratch);
  EXPECT_EQ(bad_format.exit_code, 2);
  EXPECT_NE(bad_format.err.find("--series"), std::string::npos) << bad_format.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace narcosim
