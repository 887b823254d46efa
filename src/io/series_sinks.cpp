#include "narcosim/io/series_sinks.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <cerrno>
#include <iterator>

#include "narcosim/io/csv.hpp"
#include "narcosim/io/files.hpp"
#include "narcosim/io/labels.hpp"

namespace narcosim::io {

namespace {

std::FILE* open_new(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "wbx");
  if (!file) throw OutputError(path, "cannot create: " + describe_errno(errno));
  return file;
}

// timeseries.csv and flows.csv, streamed: a period's rows are formatted into one buffer and
// written at once, so memory stays flat however long the run.
class CsvSeriesWriter final : public SeriesWriter {
 public:
  CsvSeriesWriter(std::string out_dir, const World& world, const std::string& scenario_name,
                  int replicate)
      : out_dir_(std::move(out_dir)),
        world_(world),
        row_start_(fmt::format("{},{},", csv_field(scenario_name), replicate)) {
    timeseries_ = open_new(out_dir_ + "/timeseries.csv");
    flows_ = open_new(out_dir_ + "/flows.csv");
    std::fputs("scenario,replicate,date,country,substance,metric,value\n", timeseries_);
    std::fputs("scenario,replicate,date,from,to,substance,kg\n", flows_);
  }
  ~CsvSeriesWriter() override {
    if (timeseries_) std::fclose(timeseries_);
    if (flows_) std::fclose(flows_);
  }
  CsvSeriesWriter(const CsvSeriesWriter&) = delete;
  CsvSeriesWriter& operator=(const CsvSeriesWriter&) = delete;

  void on_period(Date start, const MetricTable& metrics, std::span<const double> edge_kg) override {
    // Rows are "<scenario>,<replicate>,<date>," + "<country>,<substance>,<metric>," + value; the
    // middle part is formatted once per run (about a million rows a run).
    if (cell_labels_.empty()) {
      for (size_t m = 0; m < kMetricCount; ++m) {
        for (size_t r = 0; r < metrics.node_rows(); ++r) {
          for (size_t c = 0; c < metrics.substance_columns(); ++c) {
            cell_labels_.push_back(fmt::format("{},{},{},", csv_field(node_label(world_, r)),
                                               csv_field(substance_label(world_, c)),
                                               info(Metric(m)).name));
          }
        }
      }
    }
    const auto prefix = row_start_ + format_iso_date(start) + ",";
    metrics.for_each_value([&](size_t cell, Metric, size_t, size_t, double v) {
      buffer_ += prefix;
      buffer_ += cell_labels_[cell];
      fmt::format_to(std::back_inserter(buffer_), "{:.6g}\n", v);
    });
    flush(timeseries_);
    const size_t substances = world_.substances.size();
    for (size_t e = 0; e < world_.edges.size(); ++e) {
      for (size_t s = 0; s < substances; ++s) {
        const double kg = edge_kg[e * substances + s];
        if (kg <= 0) continue;
        fmt::format_to(std::back_inserter(buffer_), "{}{},{},{},{:.6g}\n", prefix,
                       csv_field(world_.nodes[world_.edges[e].from].id),
                       csv_field(world_.nodes[world_.edges[e].to].id),
                       csv_field(world_.substances[s].id), kg);
      }
    }
    flush(flows_);
  }

  void finish() override {
    const bool closed = std::fclose(timeseries_) == 0;
    const bool closed_flows = std::fclose(flows_) == 0;
    timeseries_ = flows_ = nullptr;
    if (!closed || !closed_flows) {
      throw OutputError(out_dir_,
                        "cannot finish writing the output files: " + describe_errno(errno));
    }
  }

  [[nodiscard]] std::vector<std::string> files() const override {
    return {"timeseries.csv", "flows.csv"};
  }

 private:
  void flush(std::FILE* file) {
    if (!buffer_.empty() &&
        std::fwrite(buffer_.data(), 1, buffer_.size(), file) != buffer_.size()) {
      throw OutputError(out_dir_, "cannot write: " + describe_errno(errno));
    }
    buffer_.clear();
  }

  std::string out_dir_;
  const World& world_;
  std::string row_start_;
  std::FILE* timeseries_ = nullptr;
  std::FILE* flows_ = nullptr;
  std::string buffer_;
  std::vector<std::string> cell_labels_;  // "country,substance,metric," per metric-table cell
};

// timeseries.sqlite: values keyed by small integers, with views `timeseries` and `flows` that give
// the same tidy rows as the CSV files (README, "Using it"). The schema is this text.
constexpr const char* kSeriesSchema = R"sql(
CREATE TABLE run(scenario TEXT NOT NULL, replicate INTEGER NOT NULL, resolution TEXT NOT NULL);
CREATE TABLE periods(period INTEGER PRIMARY KEY, date TEXT NOT NULL);
CREATE TABLE places(place INTEGER PRIMARY KEY, code TEXT NOT NULL, name TEXT NOT NULL,
  kind TEXT NOT NULL);
CREATE TABLE substances(substance INTEGER PRIMARY KEY, code TEXT NOT NULL);
CREATE TABLE metrics(metric INTEGER PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL,
  aggregation TEXT NOT NULL);
CREATE TABLE edges(edge INTEGER PRIMARY KEY, from_code TEXT NOT NULL, to_code TEXT NOT NULL);
CREATE TABLE series_values(period INTEGER NOT NULL, metric INTEGER NOT NULL,
  place INTEGER NOT NULL, substance INTEGER NOT NULL, value REAL NOT NULL,
  PRIMARY KEY(period, metric, place, substance)) WITHOUT ROWID;
CREATE TABLE flow_values(period INTEGER NOT NULL, edge INTEGER NOT NULL,
  substance INTEGER NOT NULL, kg REAL NOT NULL,
  PRIMARY KEY(period, edge, substance)) WITHOUT ROWID;
CREATE VIEW timeseries AS
  SELECT run.scenario, run.replicate, periods.date, places.code AS country,
         substances.code AS substance, metrics.name AS metric, v.value
  FROM series_values v JOIN run JOIN periods USING(period) JOIN places USING(place)
       JOIN substances USING(substance) JOIN metrics USING(metric);
CREATE VIEW flows AS
  SELECT run.scenario, run.replicate, periods.date, edges.from_code AS "from",
         edges.to_code AS "to", substances.code AS substance, f.kg
  FROM flow_values f JOIN run JOIN periods USING(period) JOIN edges USING(edge)
       JOIN substances USING(substance);
)sql";

class SqliteSeriesWriter final : public SeriesWriter {
 public:
  SqliteSeriesWriter(const std::string& out_dir, const World& world,
                     const std::string& scenario_name, int replicate, Resolution resolution)
      : path_(out_dir + "/timeseries.sqlite"), world_(world) {
    try {
      db_ = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db_->exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
      db_->exec("BEGIN");
      db_->exec(kSeriesSchema);
      SQLite::Statement run(*db_, "INSERT INTO run VALUES (?, ?, ?)");
      run.bind(1, scenario_name);
      run.bind(2, replicate);
      run.bind(3, std::string(to_string(resolution)));
      run.exec();
      SQLite::Statement place(*db_, "INSERT INTO places VALUES (?, ?, ?, ?)");
      for (size_t n = 0; n <= world.nodes.size(); ++n) {
        const bool all = n == world.nodes.size();
        place.bind(1, int(n));
        place.bind(2, node_label(world, n));
        place.bind(3, all ? std::string("All countries") : world.nodes[n].name);
        place.bind(4, all ? std::string("all") : std::string(to_string(world.nodes[n].kind)));
        place.exec();
        place.reset();
      }
      SQLite::Statement substance(*db_, "INSERT INTO substances VALUES (?, ?)");
      for (size_t s = 0; s <= world.substances.size(); ++s) {
        substance.bind(1, int(s));
        substance.bind(2, substance_label(world, s));
        substance.exec();
        substance.reset();
      }
      SQLite::Statement metric(*db_, "INSERT INTO metrics VALUES (?, ?, ?, ?)");
      for (size_t m = 0; m < kMetricCount; ++m) {
        const auto& mi = info(Metric(m));
        metric.bind(1, int(m));
        metric.bind(2, std::string(mi.name));
        metric.bind(3, std::string(mi.unit));
        metric.bind(4, mi.aggregation == Aggregation::sum ? "sum" : "mean");
        metric.exec();
        metric.reset();
      }
      SQLite::Statement edge(*db_, "INSERT INTO edges VALUES (?, ?, ?)");
      for (size_t e = 0; e < world.edges.size(); ++e) {
        edge.bind(1, int(e));
        edge.bind(2, world.nodes[world.edges[e].from].id);
        edge.bind(3, world.nodes[world.edges[e].to].id);
        edge.exec();
        edge.reset();
      }
      period_ = std::make_unique<SQLite::Statement>(*db_, "INSERT INTO periods VALUES (?, ?)");
      value_ = std::make_unique<SQLite::Statement>(
          *db_, "INSERT INTO series_values VALUES (?, ?, ?, ?, ?)");
      flow_ =
          std::make_unique<SQLite::Statement>(*db_, "INSERT INTO flow_values VALUES (?, ?, ?, ?)");
    } catch (const SQLite::Exception& e) {
      throw OutputError(path_, std::string("cannot write: ") + e.what());
    }
  }

  void on_period(Date start, const MetricTable& metrics, std::span<const double> edge_kg) override {
    try {
      period_->bind(1, periods_);
      period_->bind(2, format_iso_date(start));
      period_->exec();
      period_->reset();
      metrics.for_each_value([&](size_t, Metric m, size_t r, size_t c, double v) {
        value_->bind(1, periods_);
        value_->bind(2, int(m));
        value_->bind(3, int(r));
        value_->bind(4, int(c));
        value_->bind(5, v);
        value_->exec();
        value_->reset();
      });
      const size_t substances = world_.substances.size();
      for (size_t i = 0; i < edge_kg.size(); ++i) {
        if (edge_kg[i] <= 0) continue;
        flow_->bind(1, periods_);
        flow_->bind(2, int(i / substances));
        flow_->bind(3, int(i % substances));
        flow_->bind(4, edge_kg[i]);
        flow_->exec();
        flow_->reset();
      }
      ++periods_;
    } catch (const SQLite::Exception& e) {
      throw OutputError(path_, std::string("cannot write: ") + e.what());
    }
  }

  void finish() override {
    try {
      period_.reset();
      value_.reset();
      flow_.reset();
      db_->exec("COMMIT");
      db_.reset();
    } catch (const SQLite::Exception& e) {
      throw OutputError(path_, std::string("cannot finish writing: ") + e.what());
    }
  }

  [[nodiscard]] std::vector<std::string> files() const override { return {"timeseries.sqlite"}; }

 private:
  std::string path_;
  const World& world_;
  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<SQLite::Statement> period_, value_, flow_;
  int periods_ = 0;
};

}  // namespace

std::unique_ptr<SeriesWriter> make_series_writer(SeriesFormat format, const std::string& out_dir,
                                                 const World& world,
                                                 const std::string& scenario_name, int replicate,
                                                 Resolution resolution) {
  if (format == SeriesFormat::sqlite) {
    return std::make_unique<SqliteSeriesWriter>(out_dir, world, scenario_name, replicate,
                                                resolution);
  }
  return std::make_unique<CsvSeriesWriter>(out_dir, world, scenario_name, replicate);
}

}  // namespace narcosim::io
