#include "narcosim/ensemble/results_db.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/chrono.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>

#include "narcosim/core/errors.hpp"
#include "narcosim/io/labels.hpp"
#include "narcosim/io/scenario_writer.hpp"

namespace narcosim::ensemble {

using io::node_label;
using io::substance_label;

namespace {

// The schema; docs/ensembles.md describes it for users. WITHOUT ROWID keeps the yearly values
// clustered by run, series and year, the order in which they are written and read.
constexpr const char* kSchema = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sessions(session INTEGER PRIMARY KEY, started_at TEXT NOT NULL,
  command_line TEXT NOT NULL, ranks INTEGER NOT NULL, jobs INTEGER NOT NULL,
  git_commit TEXT NOT NULL);
CREATE TABLE scenarios(scenario_id INTEGER PRIMARY KEY, name TEXT NOT NULL, yaml TEXT NOT NULL);
CREATE TABLE parameters(parameter_id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,
  lower REAL NOT NULL, upper REAL NOT NULL, scale TEXT NOT NULL);
CREATE TABLE samples(sample_id INTEGER NOT NULL, parameter_id INTEGER NOT NULL,
  value REAL NOT NULL, PRIMARY KEY(sample_id, parameter_id)) WITHOUT ROWID;
CREATE TABLE runs(run_id INTEGER PRIMARY KEY, scenario_id INTEGER NOT NULL,
  sample_id INTEGER NOT NULL, replicate INTEGER NOT NULL, seed INTEGER NOT NULL,
  scale REAL NOT NULL, status TEXT NOT NULL DEFAULT 'pending', session INTEGER,
  wall_seconds REAL, steps INTEGER, max_relative_mass_error REAL, finished_at TEXT);
CREATE TABLE series(series_id INTEGER PRIMARY KEY, metric TEXT NOT NULL, country TEXT NOT NULL,
  substance TEXT NOT NULL, unit TEXT NOT NULL, aggregation TEXT NOT NULL);
CREATE TABLE yearly(run_id INTEGER NOT NULL, series_id INTEGER NOT NULL, year INTEGER NOT NULL,
  value REAL NOT NULL, PRIMARY KEY(run_id, series_id, year)) WITHOUT ROWID;
CREATE VIEW timeseries AS
  SELECT r.run_id, c.name AS scenario, r.sample_id, r.replicate, r.seed, y.year, s.country,
         s.substance, s.metric, y.value
  FROM yearly y JOIN runs r ON r.run_id = y.run_id JOIN series s ON s.series_id = y.series_id
  JOIN scenarios c ON c.scenario_id = r.scenario_id;
CREATE VIEW run_parameters AS
  SELECT r.run_id, p.name, v.value
  FROM runs r JOIN samples v ON v.sample_id = r.sample_id
  JOIN parameters p ON p.parameter_id = v.parameter_id;
)sql";

std::string now_utc() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

// Crash safety: the write-ahead log with synchronous=NORMAL survives the process being killed
// at any point (only an OS crash may lose the last commits, never consistency).
void tune(SQLite::Database& db) {
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA foreign_keys=ON");
}

}  // namespace

ResultsDatabase::ResultsDatabase(std::unique_ptr<SQLite::Database> db) : db_(std::move(db)) {}
ResultsDatabase::ResultsDatabase(ResultsDatabase&&) noexcept = default;
ResultsDatabase& ResultsDatabase::operator=(ResultsDatabase&&) noexcept = default;
ResultsDatabase::~ResultsDatabase() = default;

ResultsDatabase ResultsDatabase::create(
    const std::string& path, const RunPlan& plan, const World& world,
    const std::vector<std::pair<std::string, std::string>>& meta) {
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  tune(*db);
  SQLite::Transaction transaction(*db);
  db->exec(kSchema);
  {
    SQLite::Statement q(*db, "INSERT INTO meta(key, value) VALUES(?, ?)");
    auto put = [&q](const std::string& key, const std::string& value) {
      q.bind(1, key);
      q.bind(2, value);
      q.exec();
      q.reset();
    };
    for (const auto& [key, value] : meta) put(key, value);
    put("status", "running");
    put("created_at", now_utc());
    put("design", plan.design);
    put("replicates", std::to_string(plan.replicates));
    put("base_seed", std::to_string(plan.base_seed));
  }
  {
    SQLite::Statement q(*db, "INSERT INTO scenarios VALUES(?, ?, ?)");
    for (size_t i = 0; i < plan.scenarios.size(); ++i) {
      q.bind(1, int64_t(i));
      q.bind(2, plan.scenarios[i].name);
      q.bind(3, io::scenario_to_yaml(plan.scenarios[i], world));
      q.exec();
      q.reset();
    }
  }
  {
    SQLite::Statement q(*db, "INSERT INTO parameters VALUES(?, ?, ?, ?, ?)");
    for (size_t i = 0; i < plan.varied.size(); ++i) {
      const auto& p = plan.varied[i];
      q.bind(1, int64_t(i));
      q.bind(2, p.name);
      q.bind(3, p.lower);
      q.bind(4, p.upper);
      q.bind(5, p.log_scale ? "log" : "linear");
      q.exec();
      q.reset();
    }
    SQLite::Statement v(*db, "INSERT INTO samples VALUES(?, ?, ?)");
    for (size_t s = 0; s < plan.samples.size(); ++s) {
      for (size_t i = 0; i < plan.samples[s].size(); ++i) {
        v.bind(1, int64_t(s));
        v.bind(2, int64_t(i));
        v.bind(3, plan.samples[s][i]);
        v.exec();
        v.reset();
      }
    }
  }
  {
    SQLite::Statement q(*db,
                        "INSERT INTO runs(run_id, scenario_id, sample_id, replicate, seed, scale) "
                        "VALUES(?, ?, ?, ?, ?, ?)");
    for (const auto& run : plan.runs) {
      q.bind(1, int64_t(run.run_id));
      q.bind(2, int64_t(run.scenario));
      q.bind(3, int64_t(run.sample));
      q.bind(4, int64_t(run.replicate));
      q.bind(5, int64_t(run.seed));
      q.bind(6, plan.scenarios[run.scenario].scale);
      q.exec();
      q.reset();
    }
  }
  {
    const SeriesIndex index(world);
    SQLite::Statement q(*db, "INSERT INTO series VALUES(?, ?, ?, ?, ?, ?)");
    for (uint32_t id = 0; id < index.size(); ++id) {
      const auto cell = index.cell(id);
      const auto& metric = info(cell.metric);
      // Metrics reported only for "all" substances have no per-substance series.
      if (!metric.per_substance && cell.column != world.substances.size()) continue;
      q.bind(1, int64_t(id));
      q.bind(2, std::string(metric.name));
      q.bind(3, node_label(world, cell.row));
      q.bind(4, substance_label(world, cell.column));
      q.bind(5, std::string(metric.unit));
      q.bind(6, metric.aggregation == Aggregation::sum ? "sum" : "mean");
      q.exec();
      q.reset();
    }
  }
  transaction.commit();
  return ResultsDatabase(std::move(db));
}

ResultsDatabase ResultsDatabase::resume(const std::string& path, const std::string& fingerprint) {
  std::unique_ptr<SQLite::Database> db;
  std::string stored;
  try {
    db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
    tune(*db);
    SQLite::Statement q(*db, "SELECT value FROM meta WHERE key = 'fingerprint'");
    if (q.executeStep()) stored = q.getColumn(0).getString();
  } catch (const SQLite::Exception& e) {
    throw InputError(SourceLocation{path, 0, 0},
                     fmt::format("--resume: not a narcosim results database ({})", e.what()));
  }
  if (stored != fingerprint) {
    throw InputError(SourceLocation{path, 0, 0},
                     "--resume: this database belongs to another ensemble (different scenario, "
                     "parameters, seeds, runs or model version); remove it or drop --resume");
  }
  return ResultsDatabase(std::move(db));
}

bool ResultsDatabase::holds_plan(const std::string& path) {
  if (!std::filesystem::exists(path)) return false;
  try {
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    SQLite::Statement q(db, "SELECT count(*) FROM sqlite_master WHERE name = 'meta'");
    return q.executeStep() && q.getColumn(0).getInt() == 1;
  } catch (const SQLite::Exception&) {
    return true;  // something else: resume() reports what is wrong with it
  }
}

int ResultsDatabase::start_session(const SessionInfo& info) {
  SQLite::Statement q(*db_,
                      "INSERT INTO sessions(started_at, command_line, ranks, jobs, git_commit) "
                      "VALUES(?, ?, ?, ?, ?)");
  q.bind(1, now_utc());
  q.bind(2, info.command_line);
  q.bind(3, info.ranks);
  q.bind(4, info.jobs);
  q.bind(5, info.git_commit);
  q.exec();
  return int(db_->getLastInsertRowid());
}

std::vector<uint32_t> ResultsDatabase::pending_runs() const {
  std::vector<uint32_t> out;
  SQLite::Statement q(*db_, "SELECT run_id FROM runs WHERE status != 'done' ORDER BY run_id");
  while (q.executeStep()) out.push_back(uint32_t(q.getColumn(0).getInt64()));
  return out;
}

void ResultsDatabase::store(const RunRecord& record, int session) {
  SQLite::Transaction transaction(*db_);
  // A killed process never committed the run it was storing, so a pending run has no values.
  // Rows go in blocks of kBlock per statement: one statement per row costs SQLite's VM setup
  // 30,000 times a run.
  constexpr size_t kBlock = 128;
  std::string block_sql = "INSERT INTO yearly VALUES(?, ?, ?, ?)";
  for (size_t i = 1; i < kBlock; ++i) block_sql += ", (?, ?, ?, ?)";
  SQLite::Statement block(*db_, block_sql);
  SQLite::Statement single(*db_, "INSERT INTO yearly VALUES(?, ?, ?, ?)");
  const auto& values = record.values;
  size_t at = 0;
  auto bind_row = [&](SQLite::Statement& q, int first, const SeriesValue& v) {
    q.bind(first, int64_t(record.run_id));
    q.bind(first + 1, int64_t(v.series));
    q.bind(first + 2, v.year);
    q.bind(first + 3, v.value);
  };
  for (; at + kBlock <= values.size(); at += kBlock) {
    for (size_t i = 0; i < kBlock; ++i) bind_row(block, int(4 * i + 1), values[at + i]);
    block.exec();
    block.reset();
  }
  for (; at < values.size(); ++at) {
    bind_row(single, 1, values[at]);
    single.exec();
    single.reset();
  }
  SQLite::Statement done(*db_,
                         "UPDATE runs SET status = 'done', session = ?, wall_seconds = ?, "
                         "steps = ?, max_relative_mass_error = ?, finished_at = ? "
                         "WHERE run_id = ? AND status != 'done'");
  done.bind(1, session);
  done.bind(2, record.wall_seconds);
  done.bind(3, record.steps);
  done.bind(4, record.max_relative_mass_error);
  done.bind(5, now_utc());
  done.bind(6, int64_t(record.run_id));
  if (done.exec() != 1) {
    throw std::logic_error(fmt::format("run {} is not a pending run of this plan", record.run_id));
  }
  transaction.commit();
}

void ResultsDatabase::for_each_value(
    const std::function<void(uint32_t, uint32_t, int, double)>& visit) const {
  SQLite::Statement q(*db_,
                      "SELECT y.run_id, y.series_id, y.year, y.value FROM yearly y "
                      "JOIN runs r ON r.run_id = y.run_id WHERE r.status = 'done' "
                      "ORDER BY y.run_id, y.series_id, y.year");
  while (q.executeStep()) {
    visit(uint32_t(q.getColumn(0).getInt64()), uint32_t(q.getColumn(1).getInt64()),
          q.getColumn(2).getInt(), q.getColumn(3).getDouble());
  }
}

void ResultsDatabase::finish() {
  db_->exec("UPDATE meta SET value = 'complete' WHERE key = 'status'");
  db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db_->exec("PRAGMA journal_mode=DELETE");
}

}  // namespace narcosim::ensemble
