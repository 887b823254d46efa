#pragma once
// results.sqlite: the runs of an ensemble, their parameters and yearly time series, in tidy
// tables that pandas (read_sql) or R (DBI/RSQLite) read directly; docs/ensembles.md documents
// the schema. Every finished run is stored with its values in one transaction, so a process
// killed at any moment leaves a consistent database that lacks only the runs in flight, and
// --resume runs exactly those that are not 'done'.
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "narcosim/ensemble/run_plan.hpp"
#include "narcosim/ensemble/run_record.hpp"
#include "narcosim/ensemble/run_values.hpp"

namespace SQLite {
class Database;
}

namespace narcosim::ensemble {

struct SessionInfo {
  std::string command_line;
  int ranks = 1;
  int jobs = 1;
  std::string git_commit;
};

class ResultsDatabase final : public RunValues {
 public:
  // Creates a new database with the schema and the plan (every run 'pending').
  static ResultsDatabase create(const std::string& path, const RunPlan& plan, const World& world,
                                const std::vector<std::pair<std::string, std::string>>& meta);
  // Opens an existing database to resume it; throws InputError if it was made for another plan
  // (its fingerprint differs) or is not a narcosim results database.
  static ResultsDatabase resume(const std::string& path, const std::string& fingerprint);
  // Whether `path` holds a committed plan. A process killed while create() ran leaves a file
  // with no tables (the schema and plan are one transaction): nothing was stored yet.
  static bool holds_plan(const std::string& path);

  ResultsDatabase(const ResultsDatabase&) = delete;
  ResultsDatabase& operator=(const ResultsDatabase&) = delete;
  ResultsDatabase(ResultsDatabase&&) noexcept;
  ResultsDatabase& operator=(ResultsDatabase&&) noexcept;
  ~ResultsDatabase() override;

  // Records an invocation (the first, or a resume); returns its number (1, 2, ...).
  int start_session(const SessionInfo& info);
  [[nodiscard]] std::vector<uint32_t> pending_runs() const;
  // Stores a finished run and marks it done, in one transaction.
  void store(const RunRecord& record, int session);
  // Visits every value of the done runs in (run_id, series_id, year) order.
  void for_each_value(const ValueVisitor& visit) const override;
  // Marks the ensemble complete and folds the write-ahead log into the file, so the finished
  // database is a single self-contained file.
  void finish();

 private:
  explicit ResultsDatabase(std::unique_ptr<SQLite::Database> db);
  std::unique_ptr<SQLite::Database> db_;
};

}  // namespace narcosim::ensemble
